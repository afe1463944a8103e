using LlmOps.Emission.GitHub;
using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

/// <summary>
/// A bot bumping an action, in a repository with real files: the pins file is the source of truth, so a bump of it
/// and of the generated workflows together is up to date, and a bump of either alone is stale.
/// </summary>
public sealed class PinBumpTests : IDisposable
{
    // A hypothetical next release of actions/cache: the pins are not checked against GitHub, only their form.
    private const string NextSha = "0123456789abcdef0123456789abcdef01234567";
    private const string NextVersion = "v5.0.6";

    private static readonly string[] GitHubWorkflows = [".github/workflows/other.yml", ".github/workflows/train.yml"];

    private readonly string _root = Directory.CreateTempSubdirectory("llmops-pin-bump-").FullName;
    private readonly IReadOnlyList<Planning.PipelineModel> _pipelines = Loaded.Pipelines(typeof(TrainPipeline), typeof(GeneratorTests.ClashPipeline.Other));
    private readonly PinnedAction _cache;

    public PinBumpTests()
    {
        Write(ActionPins.FilePath, Repository.PinsText);
        _cache = ActionPins.Load(_root).Cache;
        WorkflowGenerator.Write(WorkflowGenerator.Generate(_pipelines, _root), _root);
        Assert.True(WorkflowGenerator.Check(_pipelines, _root).IsUpToDate);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_bump_of_the_pins_file_and_the_workflows_together_is_up_to_date()
    {
        BumpCache([ActionPins.FilePath, .. GitHubWorkflows]);

        Assert.True(WorkflowGenerator.Check(_pipelines, _root).IsUpToDate);
        Assert.All(GitHubWorkflows, path => Assert.Contains($"uses: actions/cache@{NextSha} # {NextVersion}\n", Read(path)));
    }

    [Fact]
    public void A_bump_of_the_pins_file_alone_makes_every_github_workflow_stale()
    {
        BumpCache([ActionPins.FilePath]);

        var check = WorkflowGenerator.Check(_pipelines, _root);

        Assert.Equal(GitHubWorkflows, check.Stale);
        Assert.Empty(check.Missing);
        Assert.Empty(check.Orphaned);
    }

    [Fact]
    public void A_bump_of_the_workflows_alone_is_stale_because_the_pins_file_decides()
    {
        BumpCache([GitHubWorkflows[1]]);

        Assert.Equal([GitHubWorkflows[1]], WorkflowGenerator.Check(_pipelines, _root).Stale);
    }

    [Fact]
    public void Regenerating_after_a_bump_of_the_pins_file_writes_the_new_pin()
    {
        BumpCache([ActionPins.FilePath]);

        WorkflowGenerator.Write(WorkflowGenerator.Generate(_pipelines, _root), _root);

        Assert.True(WorkflowGenerator.Check(_pipelines, _root).IsUpToDate);
        Assert.All(GitHubWorkflows, path => Assert.DoesNotContain(_cache.Sha, Read(path)));
    }

    [Fact]
    public void A_broken_pins_file_is_an_emission_error_naming_the_file()
    {
        Write(ActionPins.FilePath, Read(ActionPins.FilePath).Replace("(checked for v5)", "(checked for v4)", StringComparison.Ordinal));

        var error = Assert.Throws<EmissionException>(() => WorkflowGenerator.Generate(_pipelines, _root));

        Assert.StartsWith($"{ActionPins.FilePath}: line ", error.Message);
    }

    private void BumpCache(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var bumped = Repository.Bump(Read(path), _cache, NextSha, NextVersion);
            Assert.NotEqual(Read(path), bumped);
            Write(path, bumped);
        }
    }

    private string Read(string path) => File.ReadAllText(Path.Combine(_root, path));

    private void Write(string path, string content)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }
}
