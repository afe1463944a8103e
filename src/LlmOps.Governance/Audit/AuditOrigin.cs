using LlmOps.Evaluation;

namespace LlmOps.Governance.Audit;

/// <summary>Who, which run and which commit a decision is recorded under when its caller does not say.</summary>
public static class AuditOrigin
{
    /// <summary>The CI actor (GitHub, Azure Pipelines) or the local user, as the evaluation gate records an override.</summary>
    public static string Actor(Func<string, string?> environment) => GateOverride.CurrentActor(environment);

    /// <summary>The CI run (<c>github:&lt;run id&gt;/&lt;attempt&gt;</c>, <c>azure:&lt;build id&gt;</c>) or <c>local</c>.</summary>
    public static string CiRun(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("GITHUB_RUN_ID") is { Length: > 0 } run)
        {
            return $"github:{run}/{environment("GITHUB_RUN_ATTEMPT") ?? "1"}";
        }

        return environment("BUILD_BUILDID") is { Length: > 0 } build ? $"azure:{build}" : "local";
    }

    /// <summary>The commit being built: the CI's (<c>GITHUB_SHA</c>, <c>BUILD_SOURCEVERSION</c>), else the checkout's HEAD, else <c>unknown</c>.</summary>
    public static string Commit(string repositoryRoot, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment("GITHUB_SHA") is { Length: > 0 } github ? github
            : environment("BUILD_SOURCEVERSION") is { Length: > 0 } azure ? azure
            : GitHead.Read(repositoryRoot) ?? "unknown";
    }
}
