namespace LlmOps.Runtime;

/// <summary>The CI host a process runs on, as far as its annotation syntax and job identity go.</summary>
public enum CiHost
{
    /// <summary>A terminal, or a CI whose syntax LlmOps does not write.</summary>
    None,

    /// <summary>GitHub Actions (<c>GITHUB_ACTIONS=true</c>).</summary>
    GitHub,

    /// <summary>Azure Pipelines (<c>TF_BUILD</c> set).</summary>
    Azure,
}

/// <summary>
/// Whether a process runs in CI, read the same way everywhere: annotations choose their syntax by it, a deployment
/// refuses a target that would not outlive the job, and governance stops trusting the local development key.
/// </summary>
public static class CiEnvironment
{
    /// <summary>The host the environment names.</summary>
    public static CiHost Host(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase) ? CiHost.GitHub
            : environment("TF_BUILD") is { Length: > 0 } ? CiHost.Azure
            : CiHost.None;
    }

    /// <summary>Whether this runs in a CI job: GitHub Actions, Azure Pipelines, or any CI that sets <c>CI=true</c>.</summary>
    public static bool IsCi(Func<string, string?> environment) =>
        Host(environment) != CiHost.None || string.Equals(environment("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
