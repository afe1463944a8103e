using LlmOps.Dsl;

namespace LlmOps.Evaluation;

/// <summary>Answers from C# code written in the pipeline, given the typed model (an ML.NET classifier's <c>Predict</c>).</summary>
/// <typeparam name="TModel">The model's artifact kind.</typeparam>
/// <param name="predict">Answers the examples with the model.</param>
/// <param name="description">What answers, for the cache key (the code itself is keyed with the pipeline's assembly).</param>
public sealed class DelegatePredictor<TModel>(Func<TModel, IReadOnlyList<EvalExample>, CancellationToken, Task<IReadOnlyList<Prediction>>> predict, string description)
    : IPredictor
    where TModel : IArtifactKind<TModel>
{
    /// <inheritdoc />
    public string Describe() => description;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Prediction>> PredictAsync(string modelDirectory, IReadOnlyList<EvalExample> examples, Action<string> log, CancellationToken cancellationToken)
    {
        var answers = await predict(TModel.Open(modelDirectory), examples, cancellationToken);
        return answers.Count == examples.Count
            ? answers
            : throw new StageFailedException($"the predictor ({description}) gave {answers.Count} answers for {examples.Count} examples");
    }
}
