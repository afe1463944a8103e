namespace LlmOps.DataValidation;

/// <summary>One bar of a histogram covering values in [<see cref="Lower"/>, <see cref="Upper"/>).</summary>
/// <param name="Lower">Inclusive lower bound.</param>
/// <param name="Upper">Exclusive upper bound (<see cref="long.MaxValue"/> for the overflow bar).</param>
/// <param name="Count">How many examples fell in the bar.</param>
public sealed record HistogramBin(long Lower, long Upper, long Count);
