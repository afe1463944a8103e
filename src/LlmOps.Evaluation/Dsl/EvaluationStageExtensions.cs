using LlmOps.Dsl;

namespace LlmOps.Evaluation;

/// <summary>
/// The DSL entry point of evaluation gates:
/// <c>.Evaluates(Model, on: EvalSet).PredictsWith(...).Metrics(m =&gt; ...).Gate(g =&gt; ...).Produces(Verdict).Blesses(Approved)</c>.
/// Declaring reads nothing; the model is asked only when the stage runs.
/// </summary>
public static class EvaluationStageExtensions
{
    /// <summary>Consumes the model and the eval set and makes judging the model on it the stage's body.</summary>
    public static EvaluationDefinition<TModel> Evaluates<TModel>(this IStageDefinition stage, Artifact<TModel> model, Artifact<DatasetArtifact> on)
        where TModel : IArtifactKind<TModel>
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(on);
        var feature = new EvaluationFeature<TModel>(model, on);
        stage.With(feature);
        stage.Consumes(model, on);
        return new EvaluationDefinition<TModel>(stage, feature);
    }
}
