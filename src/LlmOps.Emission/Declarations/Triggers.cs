namespace LlmOps.Emission;

/// <summary>Runs on pushes to some branches, optionally only when some paths change.</summary>
/// <param name="Branches">Branch names or patterns.</param>
/// <param name="Paths">Path patterns; empty for any change.</param>
public sealed record PushTrigger(IReadOnlyList<string> Branches, IReadOnlyList<string> Paths);

/// <summary>Runs on pull requests, optionally only those into some branches or touching some paths.</summary>
/// <param name="Branches">Target branch names or patterns; empty for any.</param>
/// <param name="Paths">Path patterns; empty for any change.</param>
public sealed record PullRequestTrigger(IReadOnlyList<string> Branches, IReadOnlyList<string> Paths);
