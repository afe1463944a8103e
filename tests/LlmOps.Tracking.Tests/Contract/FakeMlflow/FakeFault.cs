namespace LlmOps.Tracking.Tests.Contract.FakeMlflow;

/// <summary>A failure the fake answers with once, for the next request whose path ends with <paramref name="PathSuffix"/>.</summary>
/// <param name="PathSuffix">e.g. <c>runs/log-batch</c>.</param>
/// <param name="Status">Status to answer.</param>
/// <param name="AfterApplying">True: do the work, then fail (a lost response); false: fail before doing anything.</param>
/// <param name="Delay">When set: no failure, the request is only answered (and applied) this late, to trip client timeouts.</param>
public sealed record FakeFault(string PathSuffix, int Status, bool AfterApplying, TimeSpan Delay = default);
