namespace LlmOps.Dsl;

/// <summary>
/// Base class of every pipeline definition. A pipeline declares its stages as
/// <see cref="Stage"/> properties, its parameters as <see cref="ParameterAttribute"/> members and its
/// artifacts as <see cref="Artifact{T}"/> properties; nothing runs at definition time.
/// </summary>
public abstract class Pipeline
{
    /// <summary>
    /// The name that addresses this pipeline on the command line (<c>Support.Train</c>).
    /// Defaults to the class name without a trailing "Pipeline".
    /// </summary>
    public virtual string Name
    {
        get
        {
            var name = GetType().Name;
            return name.EndsWith("Pipeline", StringComparison.Ordinal) && name.Length > "Pipeline".Length
                ? name[..^"Pipeline".Length]
                : name;
        }
    }

    /// <summary>The stage run when the command line names none, or null when a target must be named.</summary>
    public virtual Stage? Default => null;

    /// <summary>
    /// The pipeline's folder relative to the repository root; declared input files resolve against it.
    /// Defaults to <c>pipelines/&lt;name in lower case&gt;</c>.
    /// </summary>
    public virtual string Directory => $"pipelines/{Name.ToLowerInvariant()}";

    /// <summary>
    /// The repository root (<c>--root</c>, <c>LLMOPS_ROOT</c> or the folder with <c>.nuke/</c>), as NUKE's
    /// <c>RootDirectory</c>: set by the loader before any stage is defined, so definitions can name absolute paths.
    /// </summary>
    public string RootDirectory { get; internal set; } = System.IO.Directory.GetCurrentDirectory();

    /// <summary>The pipeline's folder, absolute.</summary>
    public string PipelineDirectory => Path.GetFullPath(Path.Combine(RootDirectory, Directory));

    /// <summary>Sets <see cref="RootDirectory"/>; called by the loader, once, before the stages are read.</summary>
    public static void AttachRoot(Pipeline pipeline, string rootDirectory) => pipeline.RootDirectory = Path.GetFullPath(rootDirectory);
}
