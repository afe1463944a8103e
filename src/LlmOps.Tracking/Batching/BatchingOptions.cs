namespace LlmOps.Tracking.Batching;

/// <summary>When the batching logger sends.</summary>
public sealed class BatchingOptions
{
    /// <summary>Points per send (the server takes at most 1000 per log-batch; larger sends are split).</summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>Longest time a point waits in the buffer.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(2);
}
