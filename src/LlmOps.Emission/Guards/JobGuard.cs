namespace LlmOps.Emission;

/// <summary>
/// When a job may run, independent of the platform: after a failure or not, never for a pull request and only on
/// some branches (deployments), and not for a pull request from a fork (jobs on self-hosted runners and jobs that
/// receive secrets or log in to a cloud, unless the workflow allows forks). Each emitter renders it in its own expression language.
/// </summary>
/// <param name="AfterFailure">The job runs even when an earlier job failed (not when the run is cancelled).</param>
/// <param name="DeployBranches">For a deployment, the refs (<c>refs/heads/main</c>, or a prefix ending in <c>/</c> for a pattern) that may deploy; null otherwise.</param>
/// <param name="NotFromFork">The job is skipped for pull requests whose head is in another repository.</param>
internal sealed record JobGuard(bool AfterFailure, IReadOnlyList<BranchRef>? DeployBranches, bool NotFromFork)
{
    public static JobGuard For(WorkflowLayout layout, WorkflowJob job, bool selfHosted)
    {
        var deploy = job.Deployment is { } target ? target.DeployBranches.Select(b => BranchRef.Of(b, layout.Where, target.Environment)).ToList() : null;
        // A cloud login (OIDC token, Azure service connection) hands the job credentials just as a secret does.
        var receivesSecrets = job.Secrets.Count > 0
            || job.Stages.Any(s => WorkflowJob.RequirementsOf(s).Secrets.Count > 0)
            || job.NeedsIdToken
            || layout.Workflow.ExperimentTracking;
        var forkGuard = layout.Workflow.PullRequest is not null && !layout.Workflow.ForkPullRequestsAllowed && (selfHosted || receivesSecrets);
        return new JobGuard(job.RunsAfterFailure, deploy, forkGuard);
    }
}

/// <summary>A branch that may deploy, as a full ref: exact (<c>refs/heads/main</c>) or a prefix (<c>refs/heads/release/</c>).</summary>
/// <param name="Ref">The ref or prefix.</param>
/// <param name="IsPrefix">Whether <see cref="Ref"/> is a prefix (the branch was given as <c>release/*</c>).</param>
internal sealed record BranchRef(string Ref, bool IsPrefix)
{
    public static BranchRef Of(string branch, string where, string environment)
    {
        TriggerRules.CheckBranch(branch, where, $"a branch that deploys to {environment}");
        var prefix = branch.EndsWith('*');
        var name = prefix ? branch[..^1] : branch;
        if (name.IndexOfAny(['*', '?', '[', ']', '!']) >= 0 || name.Length == 0)
        {
            throw new EmissionException($"{where}: DeploysTo(\"{environment}\", branches: ...) takes branch names or a prefix ending in '*' (release/*), not '{branch}'.");
        }

        return new BranchRef("refs/heads/" + name, prefix);
    }
}
