namespace LlmOps.Runtime;

/// <summary>How <see cref="ProcessRunner"/> starts a tool and judges its exit.</summary>
public sealed record ProcessOptions
{
    /// <summary>The folder the tool runs in; null for the caller's default (see the caller's documentation).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Variables added to the inherited environment; a null value removes the variable. Values that are credentials
    /// belong in the masker as well, so that a tool echoing them does not print them.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Exit codes that count as success (<c>[0]</c> unless a tool uses others, as <c>grep</c> does with 1).</summary>
    public IReadOnlyCollection<int> SuccessExitCodes { get; init; } = [0];

    /// <summary>How many of the last output lines the result keeps for a failure message.</summary>
    public int TailLines { get; init; } = 20;
}
