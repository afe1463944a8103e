using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class PlanDiffJobTests
{
    [Fact]
    public void On_github_only_the_plan_diff_job_may_write_pull_requests_and_it_reads_no_secret()
    {
        var text = Loaded.File(Loaded.Generate(typeof(ReviewedPipeline)), ".github/workflows/reviewed.yml");
        var github = YamlText.Parse(text);

        var job = github["jobs"]!["plan-diff"]!;
        Assert.Equal("write", job["permissions"]!["pull-requests"]!.GetValue<string>());
        Assert.Equal("github.event_name == 'pull_request'", job["if"]!.GetValue<string>());
        Assert.DoesNotContain("pull_request_target", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secrets.", job.ToJsonString(), StringComparison.Ordinal);
        Assert.All(github["jobs"]!.AsObject().Where(j => j.Key != "plan-diff"), j => Assert.Null(j.Value!["permissions"]?["pull-requests"]));
    }

    [Fact]
    public void On_azure_pull_requests_get_a_plan_diff_stage_that_uploads_the_summary_and_reads_no_secret()
    {
        var azure = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(ReviewedPipeline)), "azure-pipelines-reviewed.yml"));

        var stage = AzureYaml.Stages(azure).Single(s => s!["stage"]!.GetValue<string>() == "plan_diff")!;
        Assert.Equal("eq(variables['Build.Reason'], 'PullRequest')", stage["condition"]!.GetValue<string>());
        Assert.Empty(stage["dependsOn"]!.AsArray());
        var job = AzureYaml.Job(azure, "plan_diff");
        var steps = job["steps"]!.AsArray();
        Assert.Equal("0", steps[0]!["fetchDepth"]!.GetValue<string>());
        Assert.Equal("false", steps[0]!["persistCredentials"]!.GetValue<string>());
        var script = steps.Last()!["bash"]!.GetValue<string>();
        Assert.Contains("./build.sh PlanDiff --base \"origin/$base\" --output .llmops/plan-diff.md", script, StringComparison.Ordinal);
        Assert.Contains("##vso[task.uploadsummary]", script, StringComparison.Ordinal);
        Assert.DoesNotContain("API_TOKEN", job.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("API_TOKEN", AzureYaml.Job(azure, "Train").ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Posting_the_plan_diff_without_a_pull_request_trigger_is_an_emission_error_on_azure_too()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(UntriggeredReviewPipeline)));

        Assert.Contains("PostsPlanDiff() needs a pull request trigger; add OnPullRequest().", error.Message, StringComparison.Ordinal);
    }

    public sealed class UntriggeredReviewPipeline : LlmOps.Dsl.Pipeline, IHasWorkflows
    {
        public LlmOps.Dsl.Stage Train => _ => _.Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [AzurePipelines.Pipeline("untriggered").OnPush("main").PostsPlanDiff().Runs(Train)];
    }
}
