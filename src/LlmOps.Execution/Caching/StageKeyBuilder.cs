using LlmOps.Dsl;
using LlmOps.Planning;
using LlmOps.Runtime;

namespace LlmOps.Execution;

/// <summary>
/// Computes a stage's cache key from everything that can change its result: its identity and definition, the code
/// it can reach, the parameters it reads (see <see cref="StageCodeAnalysis"/>), its input artifacts' content hashes,
/// its declared input files and environment variables, and the settings of features such as containers.
/// </summary>
public sealed class StageKeyBuilder(string rootDirectory, FileHashCache hashes, string secretSalt, RunVariables? variables = null)
{
    /// <summary>The repository root input paths are resolved against.</summary>
    public string RootDirectory => rootDirectory;

    /// <summary>
    /// Builds the key of <paramref name="stage"/> given the content hashes of its consumed artifacts; features add
    /// their parts through <paramref name="features"/> (an image digest is resolved there, once per run). Returns
    /// null and the reason when a feature defers its part to the run (dry runs only).
    /// </summary>
    public async Task<(CacheKey? Key, string? Deferred)> BuildAsync(StageModel stage, IReadOnlyDictionary<string, string> inputArtifacts, CacheKeyContext features)
    {
        var (parts, deferred) = await PartsAsync(stage, inputArtifacts, features);
        return deferred is null ? (new CacheKey(parts), null) : (null, deferred);
    }

    /// <summary>
    /// The key's components known now, with the reason the rest is deferred (dry runs only), or null. Unlike
    /// <see cref="BuildAsync"/> it keeps going past a deferred feature, so a plan export can still compare the rest.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, string> Parts, string? Deferred)> PartsAsync(StageModel stage, IReadOnlyDictionary<string, string> inputArtifacts, CacheKeyContext features)
    {
        var definition = stage.Definition;
        var code = StageCodeAnalysis.Of(stage);
        var parts = new Dictionary<string, string>
        {
            ["stage"] = stage.Id,
            ["code"] = code.CodeHash,
            ["definition"] = $"produces={string.Join(",", definition.ProducedArtifacts.Select(a => a.Name + ":" + a.Kind))}",
        };

        // Fails closed: a stage whose code cannot be followed is keyed on every parameter of its pipeline.
        foreach (var parameter in code.ParametersInKey)
        {
            parts[$"param:{parameter.Name}"] = parameter.IsSecret
                ? "secret:" + ContentHash.OfText(secretSalt + ParameterValues.Format(parameter.Value))[..16]
                : ParameterValues.Format(parameter.Value);
        }

        foreach (var (name, hash) in inputArtifacts)
        {
            parts[$"artifact:{name}"] = hash;
        }

        foreach (var path in definition.InputPaths)
        {
            parts[$"input:{path}"] = HashPath(Path.GetFullPath(Path.Combine(rootDirectory, stage.Pipeline.Instance.Directory, path)));
        }

        foreach (var variable in definition.EnvironmentVariables)
        {
            parts[$"env:{variable}"] = (variables ?? RunVariables.Process).Read(variable) ?? "(unset)";
        }

        string? deferred = null;
        foreach (var contributor in definition.AttachedFeatures.OfType<ICacheKeyContributor>())
        {
            var contributed = await contributor.CacheKeyPartsAsync(features);
            deferred ??= contributed.DeferredReason;
            foreach (var (name, value) in contributed.Parts)
            {
                parts[name] = value;
            }
        }

        return (parts, deferred);
    }

    /// <summary>The content hashes of a stage's declared outputs outside the store, by declared path.</summary>
    public IReadOnlyDictionary<string, string> ExternalOutputs(StageModel stage) =>
        stage.Definition.OutputPaths.ToDictionary(
            p => p,
            p => HashPath(Path.GetFullPath(Path.Combine(rootDirectory, stage.Pipeline.Instance.Directory, p))));

    private string HashPath(string path)
    {
        if (File.Exists(path))
        {
            return hashes.Hash(path);
        }

        if (Directory.Exists(path))
        {
            var entries = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(f => $"{Path.GetRelativePath(path, f).Replace('\\', '/')}\t{hashes.Hash(f)}");
            return "dir:" + ContentHash.OfText(string.Join("\n", entries));
        }

        return "(missing)";
    }
}
