using LlmOps.Dsl;

namespace LlmOps.DataValidation;

/// <summary>
/// The DSL surface: <c>.Validates(TrainSet, EvalSet).Format(DatasetFormat.ChatJsonl).Rules(r => r.MaxTokens(4096, Tokenizer.O200kBase))</c>.
/// Declaring reads nothing; files are opened only when the stage runs.
/// </summary>
public static class DataValidationStageExtensions
{
    /// <summary>Consumes the artifacts and makes validating their JSONL files the stage's work; each artifact is a split named after it.</summary>
    public static IStageDefinition Validates(this IStageDefinition stage, params ArtifactRef[] artifacts)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(artifacts);
        var feature = FeatureOf(stage);
        feature.Sources.AddRange(artifacts);
        return stage.Consumes(artifacts).Executes(ctx => DatasetValidationRunner.RunStageAsync(ctx, feature));
    }

    /// <summary>Sets the line format.</summary>
    public static IStageDefinition Format(this IStageDefinition stage, DatasetFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        FeatureOf(stage).Format = format;
        return stage;
    }

    /// <summary>Configures the rules; repeated calls add to the same rules.</summary>
    public static IStageDefinition Rules(this IStageDefinition stage, Action<ValidationRules> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(FeatureOf(stage).Rules);
        return stage;
    }

    /// <summary>Writes the JSON, Markdown and HTML reports into <paramref name="report"/> (which the stage then produces).</summary>
    public static IStageDefinition Reports(this IStageDefinition stage, Artifact<ReportArtifact> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        FeatureOf(stage).Report = report;
        return stage.Produces(report);
    }

    /// <summary>Writes PII-redacted copies of the validated files into <paramref name="copy"/> (which the stage then produces).</summary>
    public static IStageDefinition WritesRedactedCopy(this IStageDefinition stage, Artifact<DatasetArtifact> copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        FeatureOf(stage).RedactedCopy = copy;
        return stage.Produces(copy);
    }

    private static DatasetValidationFeature FeatureOf(IStageDefinition stage)
    {
        var feature = stage.Feature<DatasetValidationFeature>();
        if (feature is null)
        {
            feature = new DatasetValidationFeature();
            stage.With(feature);
        }

        return feature;
    }
}
