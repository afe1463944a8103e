using LlmOps.Cli.Plans;
using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.PlanDiffs;

/// <summary>
/// The base side of PlanDiff against real git repositories in temporary folders. Building a base's build project
/// takes minutes, so these cover what happens before and around the build; the build itself was checked by hand
/// against this repository (docs/observability.md).
/// </summary>
public sealed class BasePlanTests
{
    [Fact]
    public async Task A_base_that_names_no_commit_is_a_usage_error_naming_it()
    {
        using var repo = GitRepo();

        var error = await Assert.ThrowsAsync<UsageException>(() => new BasePlan(repo.Root, PlanDiffCommand.BuildProject, _ => { }).ExportAsync("no-such-branch", TestContext.Current.CancellationToken));

        Assert.Contains("--base: 'no-such-branch' names no commit", error.Message);
    }

    [Fact]
    public async Task A_base_without_a_build_project_has_nothing_to_compare_and_leaves_no_worktree_behind()
    {
        using var repo = GitRepo();

        var result = await new BasePlan(repo.Root, PlanDiffCommand.BuildProject, _ => { }).ExportAsync("HEAD", TestContext.Current.CancellationToken);

        Assert.Null(result.Snapshot);
        Assert.False(result.IsFailure);
        Assert.Equal($"HEAD has no {PlanDiffCommand.BuildProject}", result.Problem);
        Assert.Equal(40, result.Commit.Length);
        Assert.Single(Git(repo.Root, "worktree", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void PlanDiff_against_a_base_without_a_build_project_says_so_in_the_comment_and_succeeds()
    {
        using var repo = GitRepo();

        var result = repo.Run(typeof(WiringPipeline), "PlanDiff", "--base", "HEAD");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith(PlanDiffMarkdown.Marker, result.Output);
        Assert.Contains("No diff: HEAD has no build/_build.csproj.", result.Output);
    }

    private static TempRepo GitRepo()
    {
        var repo = new TempRepo();
        repo.Write("README.md", "a pipeline repository\n");
        Git(repo.Root, "init", "-q");
        Git(repo.Root, "add", "-A");
        Git(repo.Root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        return repo;
    }

    private static string Git(string root, params string[] arguments)
    {
        var output = new System.Text.StringBuilder();
        var result = new ProcessRunner(line => output.AppendLine(line)).RunAsync("git", arguments, new ProcessOptions { WorkingDirectory = root }).GetAwaiter().GetResult();
        Assert.True(result.Succeeded, result.FailureMessage);
        return output.ToString();
    }
}
