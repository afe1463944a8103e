namespace LlmOps.Emission;

/// <summary>
/// <see cref="JobGuard"/> in each platform's expression language. Refs are validated branch names (no quote can
/// appear in them), so they are written inside single-quoted literals as they are.
/// </summary>
internal static class GuardExpressions
{
    /// <summary>The GitHub <c>if:</c>, or null when the job runs whenever its needs succeeded.</summary>
    public static string? GitHub(JobGuard guard)
    {
        var conditions = new List<string>();
        if (guard.AfterFailure)
        {
            conditions.Add("!cancelled()");
        }

        // A pull request never deploys: its code is unreviewed, and the environment's approval should not be the only guard.
        if (guard.DeployBranches is { } refs)
        {
            conditions.Add("github.event_name != 'pull_request'");
            conditions.Add(AnyOf(refs.Select(r => r.IsPrefix ? $"startsWith(github.ref, '{r.Ref}')" : $"github.ref == '{r.Ref}'"), alone: false));
        }

        // A deployment never runs for any pull request, so the fork guard would add nothing there.
        if (guard.NotFromFork && guard.DeployBranches is null)
        {
            conditions.Add(AnyOf(["github.event_name != 'pull_request'", "github.event.pull_request.head.repo.full_name == github.repository"], alone: conditions.Count == 0));
        }

        return conditions.Count == 0 ? null : $"${{{{ {string.Join(" && ", conditions)} }}}}";
    }

    /// <summary>The Azure <c>condition:</c>, or null when the default (<c>succeeded()</c>) is all.</summary>
    public static string? Azure(JobGuard guard)
    {
        var conditions = new List<string> { guard.AfterFailure ? "not(canceled())" : "succeeded()" };
        if (guard.DeployBranches is { } refs)
        {
            conditions.Add("ne(variables['Build.Reason'], 'PullRequest')");
            var branch = refs.Select(r => r.IsPrefix ? $"startsWith(variables['Build.SourceBranch'], '{r.Ref}')" : $"eq(variables['Build.SourceBranch'], '{r.Ref}')").ToList();
            conditions.Add(branch.Count == 1 ? branch[0] : $"or({string.Join(", ", branch)})");
        }

        if (guard.NotFromFork && guard.DeployBranches is null)
        {
            conditions.Add("or(ne(variables['Build.Reason'], 'PullRequest'), ne(variables['System.PullRequest.IsFork'], 'True'))");
        }

        return conditions.Count switch
        {
            1 when !guard.AfterFailure => null,
            1 => conditions[0],
            _ => $"and({string.Join(", ", conditions)})",
        };
    }

    private static string AnyOf(IEnumerable<string> conditions, bool alone)
    {
        var list = conditions.ToList();
        var any = string.Join(" || ", list);
        return list.Count == 1 || alone ? any : $"({any})";
    }
}
