namespace LlmOps.Deployment;

/// <summary>
/// What a deployment or rollback did, written as <c>deployment.json</c> into the stage's record and into the target's
/// own history: which version serves now and why.
/// </summary>
/// <param name="Deployment">The deployment's name.</param>
/// <param name="Target">The target, described.</param>
/// <param name="Action">deploy or rollback.</param>
/// <param name="Status">deployed, unchanged, failed or rolled-back.</param>
/// <param name="Requested">The version asked for.</param>
/// <param name="Serving">The version serving afterwards, or null when none serves.</param>
/// <param name="Previous">The version that served before, or null.</param>
/// <param name="Reason">Why it failed or what it did, one sentence.</param>
/// <param name="Address">Where the served model answers, or null.</param>
/// <param name="At">When it finished (UTC).</param>
/// <param name="Steps">Each step with its duration in seconds.</param>
/// <param name="Files">The serving version's files on the build machine, relative to the repository root, or null.</param>
public sealed record DeploymentOutcome(
    string Deployment,
    string Target,
    string Action,
    string Status,
    string Requested,
    string? Serving,
    string? Previous,
    string Reason,
    string? Address,
    DateTimeOffset At,
    IReadOnlyList<DeploymentStep> Steps,
    string? Files = null)
{
    /// <summary>Whether the requested version serves.</summary>
    public bool Succeeded => Status is "deployed" or "unchanged" or "rolled-back";
}

/// <summary>One step of a deployment and how long it took.</summary>
/// <param name="Name">health, smoke, switch, drain...</param>
/// <param name="Seconds">Its duration.</param>
/// <param name="Detail">What it found.</param>
public sealed record DeploymentStep(string Name, double Seconds, string Detail);
