using LlmOps.Dsl;

namespace LlmOps.DataValidation;

/// <summary>
/// The DSL entry point: <c>.Validates(TrainSet, EvalSet).Format(DatasetFormat.ChatJsonl).Rules(r => r.MaxTokens(4096, Tokenizer.O200kBase))</c>.
/// Declaring reads nothing; files are opened only when the stage runs.
/// </summary>
public static class DataValidationStageExtensions
{
    /// <summary>
    /// Consumes the artifacts and makes validating their JSONL files the stage's body; each artifact is a split named
    /// after it. The returned definition offers the validation's own settings (format, rules, reports).
    /// </summary>
    public static DatasetValidationDefinition Validates(this IStageDefinition stage, params ArtifactRef[] artifacts)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(artifacts);
        var feature = stage.Feature<DatasetValidationFeature>();
        if (feature is null)
        {
            feature = new DatasetValidationFeature();
            stage.With(feature);
        }

        feature.Sources.AddRange(artifacts);
        stage.Consumes(artifacts);
        return new DatasetValidationDefinition(stage, feature);
    }
}
