using LlmOps.Containers.Errors;

namespace LlmOps.Containers.Specs;

/// <summary>
/// Retries a container whose exit code is declared transient (e.g. a NCCL timeout exit code),
/// waiting <see cref="Backoff"/> doubled after each failed attempt.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a policy; <paramref name="maxAttempts"/> counts the first run.</summary>
    public RetryPolicy(IEnumerable<long> exitCodes, int maxAttempts, TimeSpan backoff)
    {
        var codes = exitCodes.Distinct().Order().ToArray();
        if (codes.Length == 0 || codes.Contains(0))
        {
            throw new ContainerStageException("Invalid retry policy: list one or more non-zero exit codes to retry on.");
        }

        if (maxAttempts < 1)
        {
            throw new ContainerStageException($"Invalid retry policy: maxAttempts must be at least 1 (got {maxAttempts}).");
        }

        if (backoff < TimeSpan.Zero)
        {
            throw new ContainerStageException("Invalid retry policy: the backoff cannot be negative.");
        }

        ExitCodes = codes;
        MaxAttempts = maxAttempts;
        Backoff = backoff;
    }

    /// <summary>No retries.</summary>
    public static RetryPolicy None { get; } = new(maxAttempts: 1);

    private RetryPolicy(int maxAttempts)
    {
        ExitCodes = [];
        MaxAttempts = maxAttempts;
        Backoff = TimeSpan.Zero;
    }

    /// <summary>Exit codes that count as transient.</summary>
    public IReadOnlyList<long> ExitCodes { get; }

    /// <summary>Total attempts including the first.</summary>
    public int MaxAttempts { get; }

    /// <summary>Wait before the second attempt; doubled for each further one.</summary>
    public TimeSpan Backoff { get; }

    /// <summary>Whether an attempt that ended with <paramref name="exitCode"/> may be retried.</summary>
    public bool ShouldRetry(long exitCode, int attempt) => attempt < MaxAttempts && ExitCodes.Contains(exitCode);

    /// <summary>Delay after the given (1-based) failed attempt.</summary>
    public TimeSpan DelayAfter(int attempt) => Backoff * Math.Pow(2, attempt - 1);

    /// <inheritdoc />
    public override string ToString() => MaxAttempts <= 1
        ? "none"
        : $"on={string.Join(',', ExitCodes)};max={MaxAttempts};backoff={Backoff.TotalMilliseconds}ms";

    /// <inheritdoc />
    public bool Equals(RetryPolicy? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
