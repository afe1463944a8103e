namespace LlmOps.Deployment;

/// <summary>
/// What a target remembers between runs: the active version, the versions it deployed in order (newest last, for
/// rollback and for pruning beyond the kept bound), and the last outcome. Written atomically beside the target.
/// </summary>
/// <param name="Active">The version serving, or null.</param>
/// <param name="History">Versions deployed, oldest first, each once.</param>
/// <param name="Last">The last deployment or rollback.</param>
public sealed record TargetState(string? Active, IReadOnlyList<string> History, DeploymentOutcome? Last)
{
    /// <summary>A target never deployed to.</summary>
    public static TargetState Empty { get; } = new(null, [], null);

    /// <summary>The state after <paramref name="version"/> became active.</summary>
    public TargetState Activated(string version, DeploymentOutcome outcome) =>
        new(version, [.. History.Where(v => v != version), version], outcome);

    /// <summary>The version before the active one, or null.</summary>
    public string? PreviousOf(string? version) =>
        version is null ? History.LastOrDefault() : History.TakeWhile(v => v != version).LastOrDefault();

    /// <summary>Versions beyond the newest <paramref name="keep"/>, never the active one.</summary>
    public IReadOnlyList<string> Beyond(int keep) =>
        [.. History.Take(Math.Max(0, History.Count - keep)).Where(v => v != Active)];

    /// <summary>The state without <paramref name="versions"/> in its history.</summary>
    public TargetState Without(IReadOnlyCollection<string> versions) => this with { History = [.. History.Where(v => !versions.Contains(v))] };
}
