namespace LlmOps.Evaluation.Statistics;

/// <summary>A point estimate with a two-sided confidence interval.</summary>
/// <param name="Estimate">The statistic on the full eval set.</param>
/// <param name="Low">The interval's lower end.</param>
/// <param name="High">The interval's upper end.</param>
/// <param name="Confidence">The interval's confidence level, e.g. 0.95.</param>
public sealed record Interval(double Estimate, double Low, double High, double Confidence)
{
    /// <summary>Whether <paramref name="value"/> lies inside the interval (ends included).</summary>
    public bool Contains(double value) => value >= Low && value <= High;
}
