using LlmOps.Dsl;

namespace LlmOps.DataValidation;

/// <summary>
/// What a stage validates and how, attached by <see cref="DataValidationStageExtensions"/>. Its settings are part of
/// the stage's cache key, so changing a rule re-runs the stage and the explanation names the change.
/// </summary>
public sealed class DatasetValidationFeature : ICacheKeyContributor, IStageBody
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
    public string Kind => "Validates";

    /// <summary>The settings as named key parts: a changed rule re-runs the stage and is named in the reason.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe() =>
    [
        new("validation:format", Format.Name),
        new("validation:rules", Rules.Describe()),
        new("validation:sources", string.Join(",", Sources.Select(s => s.Name))),
        new("validation:outputs", $"{Report?.Name ?? "-"},{RedactedCopy?.Name ?? "-"}"),
    ];

    /// <inheritdoc />
    public ValueTask<CacheKeyParts> CacheKeyPartsAsync(CacheKeyContext context) => ValueTask.FromResult(CacheKeyParts.Of(Describe()));

    /// <inheritdoc />
    public Task RunAsync(StageContext context, IStageDeclaration stage) => DatasetValidationRunner.RunStageAsync(context, this);
}
