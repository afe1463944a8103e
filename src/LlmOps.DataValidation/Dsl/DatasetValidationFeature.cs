using LlmOps.Dsl;

namespace LlmOps.DataValidation;

/// <summary>
/// What a stage validates and how, attached by <see cref="DataValidationStageExtensions"/>. Its settings are part of
/// the stage's cache key, so changing a rule re-runs the stage and the explanation names the change.
/// </summary>
public sealed class DatasetValidationFeature : ICacheKeyContributor
{
    /// <summary>The consumed artifacts whose JSONL files are validated.</summary>
    public List<ArtifactRef> Sources { get; } = [];

    /// <summary>The line format (default: chat JSONL).</summary>
    public DatasetFormat Format { get; set; } = DatasetFormat.ChatJsonl;

    /// <summary>The rules (default: structure only).</summary>
    public ValidationRules Rules { get; set; } = new();

    /// <summary>Where the JSON, Markdown and HTML reports go, if anywhere.</summary>
    public Artifact<ReportArtifact>? Report { get; set; }

    /// <summary>Where PII-redacted copies of the splits go, if anywhere.</summary>
    public Artifact<DatasetArtifact>? RedactedCopy { get; set; }

    /// <inheritdoc />
    public IEnumerable<KeyValuePair<string, string>> CacheKeyParts()
    {
        yield return new("validation:format", Format.Name);
        yield return new("validation:rules", Rules.Describe());
        yield return new("validation:sources", string.Join(",", Sources.Select(s => s.Name)));
        yield return new("validation:outputs", $"{Report?.Name ?? "-"},{RedactedCopy?.Name ?? "-"}");
    }
}
