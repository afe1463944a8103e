namespace LlmOps.Evaluation;

/// <summary>A metric that is the mean of a score of each example on its own (exact match, token F1, a custom C# score).</summary>
/// <param name="name">The metric's name.</param>
/// <param name="higherIsBetter">Whether a larger value is better.</param>
/// <param name="score">The score of one example.</param>
/// <param name="description">The settings for the cache key (a regex, a needle), beyond the name.</param>
public class PerExampleMetric(string name, bool higherIsBetter, Func<EvalRecord, double> score, string description = "") : Metric(name, higherIsBetter)
{
    /// <inheritdoc />
    public override string Describe() => description.Length == 0 ? Name : $"{Name}({description})";

    /// <inheritdoc />
    public override ValueTask<Measurement> MeasureAsync(IReadOnlyList<EvalRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var scores = new double[records.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = score(records[i]);
            if (!double.IsFinite(scores[i]))
            {
                throw new InvalidOperationException($"metric {Name} gave {scores[i]} for example '{records[i].Example.Id}'");
            }
        }

        return ValueTask.FromResult(Measurement.Mean(scores));
    }
}
