using LlmOps.Dsl;

namespace LlmOps.Emission;

/// <summary>A GitHub Actions workflow, written to <c>.github/workflows/&lt;name&gt;.yml</c>.</summary>
public sealed class GitHubWorkflow : WorkflowDefinition<GitHubWorkflow>
{
    private readonly List<(Stage Stage, GitHubRunner Runner)> _overrides = [];

    internal GitHubWorkflow(string name)
        : base(name)
    {
    }

    /// <summary>The runner of jobs without GPU stages (default <c>ubuntu-latest</c>).</summary>
    public GitHubRunner DefaultRunner { get; private set; } = GitHubRunner.UbuntuLatest;

    /// <summary>The runner of jobs with a GPU stage (default <c>[self-hosted, linux, gpu]</c>).</summary>
    public GitHubRunner GpuRunner { get; private set; } = GitHubRunner.DefaultGpu;

    /// <summary>Runners set for particular stages; they win over the defaults.</summary>
    public IReadOnlyList<(Stage Stage, GitHubRunner Runner)> RunnerOverrides => _overrides;

    /// <summary>Sets the runner of jobs without GPU stages.</summary>
    public GitHubWorkflow RunsOn(GitHubRunner runner)
    {
        DefaultRunner = runner;
        return this;
    }

    /// <summary>Sets the labels of the self-hosted GPU runner (<c>self-hosted</c> is added first).</summary>
    public GitHubWorkflow GpuRunnerLabels(params string[] labels)
    {
        GpuRunner = GitHubRunner.SelfHostedGpu(labels);
        return this;
    }

    /// <summary>Runs the job of <paramref name="stage"/> on <paramref name="runner"/>.</summary>
    public GitHubWorkflow RunsOn(Stage stage, GitHubRunner runner)
    {
        _overrides.Add((stage, runner));
        return this;
    }

    /// <summary>Whether pull requests get a job that posts the plan diff as one comment (<see cref="PostsPlanDiff"/>).</summary>
    public bool PostsPlanDiffComment { get; private set; }

    /// <summary>
    /// Adds a pull request job that runs <c>./build.sh PlanDiff</c> against the base branch and posts or updates one PR
    /// comment with it; the only job with <c>pull-requests: write</c>. Needs <c>OnPullRequest()</c>. Declare it on one
    /// workflow: the diff covers every pipeline.
    /// </summary>
    public GitHubWorkflow PostsPlanDiff()
    {
        PostsPlanDiffComment = true;
        return this;
    }

    /// <summary>
    /// Days GitHub keeps the artifacts passed between jobs (<c>retention-days</c>, 1 to 90). Default 7: long enough to
    /// inspect a run, short enough that base models and adapters do not fill the storage quota for GitHub's 90 days.
    /// </summary>
    public int ArtifactRetentionDays { get; private set; } = 7;

    /// <summary>Keeps the artifacts passed between jobs for <paramref name="days"/> days (1 to 90).</summary>
    public GitHubWorkflow RetainsArtifactsFor(int days)
    {
        ArtifactRetentionDays = days;
        return this;
    }
}
