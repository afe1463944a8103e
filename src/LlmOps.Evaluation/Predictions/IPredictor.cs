namespace LlmOps.Evaluation;

/// <summary>How a gate gets a model's answers to the eval set: a classifier loaded in process, an endpoint, a container's output.</summary>
public interface IPredictor
{
    /// <summary>What answers, as a canonical string for the cache key (a client's model id and decoding settings).</summary>
    string Describe();

    /// <summary>The answers of the model in <paramref name="modelDirectory"/> to <paramref name="examples"/>, one per example, in order.</summary>
    Task<IReadOnlyList<Prediction>> PredictAsync(string modelDirectory, IReadOnlyList<EvalExample> examples, Action<string> log, CancellationToken cancellationToken);
}
