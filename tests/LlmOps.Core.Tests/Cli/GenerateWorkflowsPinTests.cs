using LlmOps.Emission.GitHub;
using LlmOps.Pipelines.Support;

namespace LlmOps.Core.Tests.Cli;

/// <summary>
/// <c>GenerateWorkflows --check</c> against a Dependabot-style bump of one action, in a repository with the pins
/// file and generated workflows on disk: the pins file decides, and no code has to change.
/// </summary>
public sealed class GenerateWorkflowsPinTests
{
    // A hypothetical next release of actions/setup-dotnet: pins are checked for their form, not against GitHub.
    private const string NextSha = "89abcdef0123456789abcdef0123456789abcdef";
    private const string NextVersion = "v5.4.1";
    private const string Workflow = ".github/workflows/support.yml";

    [Fact]
    public void Check_passes_when_the_pins_file_and_the_workflows_are_bumped_together()
    {
        using var repo = Generated(out var pin);

        Bump(repo, pin, ActionPins.FilePath, Workflow);
        var result = repo.Run(typeof(SupportPipeline), "GenerateWorkflows", "--check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Workflows up to date", result.Output);
    }

    [Fact]
    public void Check_names_the_stale_workflows_when_only_the_pins_file_is_bumped_and_regenerating_fixes_them()
    {
        using var repo = Generated(out var pin);

        Bump(repo, pin, ActionPins.FilePath);
        var check = repo.Run(typeof(SupportPipeline), "GenerateWorkflows", "--check");

        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains($"{Workflow}: stale", check.Error);
        Assert.DoesNotContain("azure-pipelines", check.Error);
        Assert.Contains($"note: GitHub jobs use the actions pinned in {ActionPins.FilePath}.", check.Error);

        Assert.Equal(0, repo.Run(typeof(SupportPipeline), "GenerateWorkflows").ExitCode);
        Assert.Contains($"uses: actions/setup-dotnet@{NextSha} # {NextVersion}\n", repo.Read(Workflow));
        Assert.Equal(0, repo.Run(typeof(SupportPipeline), "GenerateWorkflows", "--check").ExitCode);
    }

    [Fact]
    public void A_pin_on_an_unsupported_runtime_stops_generation_with_a_message()
    {
        using var repo = Generated(out _);

        repo.Write(ActionPins.FilePath, repo.Read(ActionPins.FilePath).Replace("# runs.using: node24 (checked for v5)", "# runs.using: node20 (checked for v5)", StringComparison.Ordinal));
        var result = repo.Run(typeof(SupportPipeline), "GenerateWorkflows", "--check");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("runs on node20, which GitHub-hosted runners no longer run", result.Error);
    }

    private static TempRepo Generated(out PinnedAction setupDotnet)
    {
        var repo = new TempRepo();
        repo.Write(ActionPins.FilePath, ActionPins.BuiltInText);
        setupDotnet = ActionPins.BuiltIn.SetupDotnet;
        var result = repo.Run(typeof(SupportPipeline), "GenerateWorkflows");
        Assert.True(result.ExitCode == 0, result.ToString());
        return repo;
    }

    // What Dependabot writes: the new commit, and the new tag at the end of the comment.
    private static void Bump(TempRepo repo, PinnedAction pin, params string[] paths)
    {
        foreach (var path in paths)
        {
            var text = repo.Read(path);
            Assert.Contains($"{pin.Reference} # {pin.Version}", text);
            repo.Write(path, text.Replace($"{pin.Reference} # {pin.Version}", $"{pin.Repository}@{NextSha} # {NextVersion}", StringComparison.Ordinal));
        }
    }
}
