namespace LlmOps.Evaluation;

/// <summary>A rule someone let through, and why: recorded in the verdict.</summary>
/// <param name="Rule">The overridden rule's name.</param>
/// <param name="Reason">The reason given with <c>--reason</c>.</param>
/// <param name="Who">The CI actor or local user.</param>
/// <param name="When">When the gate ran with the override (UTC).</param>
public sealed record GateOverride(string Rule, string Reason, string Who, DateTimeOffset When)
{
    /// <summary>Who is running: the CI actor (GitHub, Azure Pipelines) or the local user.</summary>
    public static string CurrentActor(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var (variable, source) in new[] { ("GITHUB_ACTOR", "github"), ("BUILD_REQUESTEDFOREMAIL", "azure"), ("BUILD_REQUESTEDFOR", "azure"), ("USER", "local"), ("USERNAME", "local") })
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                return $"{value} ({source})";
            }
        }

        return $"{Environment.UserName} (local)";
    }
}
