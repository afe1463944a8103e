using LlmOps.Dsl;

namespace LlmOps.DataValidation;

/// <summary>A dataset validation stage's own settings, offered right after <c>.Validates(...)</c>.</summary>
public sealed class DatasetValidationDefinition : StageKindDefinition
{
    private readonly DatasetValidationFeature _feature;

    internal DatasetValidationDefinition(IStageDefinition stage, DatasetValidationFeature feature)
        : base(stage) => _feature = feature;

    /// <summary>Sets the line format.</summary>
    public DatasetValidationDefinition Format(DatasetFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        _feature.Format = format;
        return this;
    }

    /// <summary>Configures the rules; repeated calls add to the same rules.</summary>
    public DatasetValidationDefinition Rules(Action<ValidationRules> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_feature.Rules);
        return this;
    }

    /// <summary>Writes the JSON, Markdown and HTML reports into <paramref name="report"/> (which the stage then produces).</summary>
    public DatasetValidationDefinition Reports(Artifact<ReportArtifact> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _feature.Report = report;
        Stage.Produces(report);
        return this;
    }

    /// <summary>Writes PII-redacted copies of the validated files into <paramref name="copy"/> (which the stage then produces).</summary>
    public DatasetValidationDefinition WritesRedactedCopy(Artifact<DatasetArtifact> copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        _feature.RedactedCopy = copy;
        Stage.Produces(copy);
        return this;
    }
}
