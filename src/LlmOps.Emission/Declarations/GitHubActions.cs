namespace LlmOps.Emission;

/// <summary>Entry point for declaring GitHub Actions workflows.</summary>
public static class GitHubActions
{
    /// <summary>A workflow written to <c>.github/workflows/<paramref name="name"/>.yml</c>.</summary>
    public static GitHubWorkflow Workflow(string name) => new(name);
}
