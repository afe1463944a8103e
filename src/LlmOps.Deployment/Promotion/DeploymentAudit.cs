using System.Globalization;
using LlmOps.Governance.Audit;

namespace LlmOps.Deployment;

/// <summary>
/// Appends every deployment, refused deployment and rollback to the repository's audit trail: which version was asked
/// for, which serves, on which target and why. Attached to every deployment stage; it is not optional.
/// </summary>
internal sealed class DeploymentAudit : IDeploymentObserver
{
    public Task OnServingAsync(DeploymentNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        Record(notice.RootDirectory, notice.Outcome, notice.Context?.RunId);
        return Task.CompletedTask;
    }

    public static void Record(string rootDirectory, DeploymentOutcome outcome, string? runId)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["target"] = outcome.Target,
            ["status"] = outcome.Status,
            ["requested"] = outcome.Requested,
            ["serving"] = outcome.Serving ?? "none",
            ["previous"] = outcome.Previous ?? "none",
            ["reason"] = outcome.Reason,
            ["seconds"] = outcome.Steps.Sum(s => s.Seconds).ToString("0.###", CultureInfo.InvariantCulture),
        };
        try
        {
            AuditTrail.Open(rootDirectory).Append(new AuditDecision(outcome.Action == "rollback" ? AuditKinds.Rollback : AuditKinds.Deployment, outcome.Deployment, details) { RunId = runId });
        }
        catch (AuditTrailException e)
        {
            throw new DeploymentException($"the audit trail could not record it: {e.Message}");
        }
    }
}
