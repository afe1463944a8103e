using LlmOps.Dsl;

namespace LlmOps.Governance;

/// <summary>
/// A governed stage's approval: in CI the job runs in <see cref="Environment"/>, whose required reviewers gate it,
/// and the actor is recorded; locally <c>--approve "&lt;reason&gt;"</c> records the local user, and its absence fails
/// the stage with a sentence saying so.
/// </summary>
/// <param name="Environment">The environment deployed to, e.g. <c>production</c>.</param>
/// <param name="Reason">The <c>--approve</c> value read when the pipeline was defined (empty when not given).</param>
public sealed record ApprovalRequirement(string Environment, string Reason)
{
    /// <summary>The approval of this run, or a failure naming what to do.</summary>
    /// <exception cref="StageFailedException">Run locally without <c>--approve</c>.</exception>
    public ApprovalRecord Resolve(Func<string, string?> environment, string stage)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var now = DateTimeOffset.UtcNow;
        if (environment("GITHUB_ACTIONS") == "true" && environment("GITHUB_ACTOR") is { Length: > 0 } actor)
        {
            var link = $"{environment("GITHUB_SERVER_URL") ?? "https://github.com"}/{environment("GITHUB_REPOSITORY")}/actions/runs/{environment("GITHUB_RUN_ID")}";
            return new ApprovalRecord(Environment, actor, now, "github", Given($"the job ran in environment {Environment}, whose required reviewers approved it"), link);
        }

        if (environment("TF_BUILD") is { Length: > 0 } && (environment("BUILD_REQUESTEDFOREMAIL") ?? environment("BUILD_REQUESTEDFOR")) is { Length: > 0 } requester)
        {
            var link = $"{environment("SYSTEM_COLLECTIONURI")}{environment("SYSTEM_TEAMPROJECT")}/_build/results?buildId={environment("BUILD_BUILDID")}";
            return new ApprovalRecord(Environment, requester, now, "azure", Given($"the deployment job targeted environment {Environment}, whose approvals and checks let it run"), link);
        }

        if (Runtime.RunAnnotations.Of(environment) is { } annotations)
        {
            return Orchestrated(annotations, stage);
        }

        if (Reason.Length == 0)
        {
            throw new StageFailedException(
                $"{stage}: deploying to {Environment} requires approval; pass --approve \"<reason>\" to approve it as {System.Environment.UserName} (the reason, you and the time are recorded in the signed governance record and the audit trail)");
        }

        return new ApprovalRecord(Environment, environment("USER") ?? environment("USERNAME") ?? System.Environment.UserName, now, "local", Reason, null);
    }

    // A run on an orchestrator (an Argo Workflow) waits at a suspend step before the deployment; ./build.sh Resume
    // records who let it through on the run. Argo's own resume records nobody, and an approval nobody gave is refused.
    private ApprovalRecord Orchestrated(IReadOnlyDictionary<string, string> annotations, string stage)
    {
        if (annotations.GetValueOrDefault(Runtime.RunAnnotations.ApprovedBy) is not { Length: > 0 } approver)
        {
            throw new StageFailedException(
                $"{stage}: deploying to {Environment} requires approval, and the workflow records none: it went past its approval step without ./build.sh Resume (argo resume does not say who approved); approve the next run with ./build.sh Resume <workflow>");
        }

        var written = annotations.GetValueOrDefault(Runtime.RunAnnotations.ApprovedAt);
        if (!DateTimeOffset.TryParse(written, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
        {
            throw new StageFailedException(
                $"{stage}: the workflow's annotation {Runtime.RunAnnotations.ApprovedAt} is '{written ?? "(missing)"}', not a time; the approval cannot be recorded as given. Approve it again with ./build.sh Resume <workflow>");
        }

        return new ApprovalRecord(Environment, approver, at, "argo", Given($"approved with ./build.sh Resume at the workflow's approval step before deploying to {Environment}"), null);
    }

    private string Given(string ci) => Reason.Length > 0 ? $"{Reason} ({ci})" : ci;
}
