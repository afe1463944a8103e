using LlmOps.Containers.Errors;
using LlmOps.Containers.Running;
using LlmOps.Dsl;

namespace LlmOps.Containers.Specs;

/// <summary>The container paths of typed artifacts, so a pipeline never spells <c>/llmops/inputs/&lt;name&gt;</c> by hand.</summary>
public sealed partial class ContainerSpecBuilder
{
    /// <summary>
    /// Where a consumed artifact is mounted read-only in the container (<c>/llmops/inputs/&lt;name&gt;</c>), or a
    /// file or folder inside it: <c>c.Input(TrainSet, "train.jsonl")</c>. The artifact is recorded in
    /// <see cref="ContainerSpec.ReferencedInputs"/>.
    /// </summary>
    /// <param name="artifact">An artifact the stage consumes.</param>
    /// <param name="relative">A path inside the artifact with '/' separators, e.g. <c>data/train.jsonl</c>; null for the artifact's folder.</param>
    /// <exception cref="ContainerStageException"><paramref name="relative"/> is absolute or leaves the artifact.</exception>
    public string Input(ArtifactRef artifact, string? relative = null) => PathOf(artifact, relative, ContainerPaths.Input, _s.ReferencedInputs);

    /// <summary>
    /// Where the container writes a produced artifact (<c>/llmops/outputs/&lt;name&gt;</c>), or a file or folder
    /// inside it; what is there when the container exits becomes the artifact. The artifact is recorded in
    /// <see cref="ContainerSpec.ReferencedOutputs"/>.
    /// </summary>
    /// <param name="artifact">An artifact the stage produces.</param>
    /// <param name="relative">A path inside the artifact with '/' separators; null for the artifact's folder.</param>
    /// <exception cref="ContainerStageException"><paramref name="relative"/> is absolute or leaves the artifact.</exception>
    public string Output(ArtifactRef artifact, string? relative = null) => PathOf(artifact, relative, ContainerPaths.Output, _s.ReferencedOutputs);

    /// <summary>Where the container appends metrics as JSON lines (<c>/llmops/outputs/metrics.jsonl</c>), e.g. for a <c>--metrics</c> argument.</summary>
    public string MetricsFile => ContainerPaths.MetricsFile;

    private static string PathOf(ArtifactRef artifact, string? relative, Func<string, string> root, List<ArtifactRef> referenced)
    {
        ArgumentNullException.ThrowIfNull(artifact);

        // An artifact's name is a safe folder name (CiNames: no dots, slashes or path steps), checked when it is made.
        if (relative is not null && !IsRelativeInside(relative))
        {
            throw new ContainerStageException(
                $"Invalid path '{relative}' inside artifact '{artifact.Name}': give a relative path such as \"train.jsonl\" or \"data/train.jsonl\" (no leading '/', no '\\', no '..', '.' or empty parts).");
        }

        if (!referenced.Contains(artifact))
        {
            referenced.Add(artifact);
        }

        return relative is null ? root(artifact.Name) : $"{root(artifact.Name)}/{relative}";
    }

    private static bool IsRelativeInside(string relative) =>
        relative.Length > 0
        && !relative.Any(c => c == '\\' || char.IsControl(c))
        && relative.Split('/').All(part => part.Length > 0 && part is not "." and not "..");
}
