using LlmOps.Dsl;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class TimeoutLimitTests
{
    [Fact]
    public void A_timeout_beyond_any_platform_is_an_emission_error_not_a_negative_number()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(ForeverPipeline)));
        Assert.Contains("job 'Forever' would have a time limit of more than a billion minutes", error.Message);
    }

    [Fact]
    public void A_timeout_beyond_what_hosted_runners_keep_is_an_emission_error()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(SevenHoursPipeline)));
        Assert.Contains("job 'Long' would have a time limit of 430 minutes", error.Message);
        Assert.Contains("GitHub-hosted runners end a job after 360 minutes", error.Message);
    }

    [Fact]
    public void Self_hosted_runners_take_longer_limits()
    {
        var github = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(SevenHoursSelfHostedPipeline)), ".github/workflows/long.yml"));
        Assert.Equal("430", github["jobs"]!["Long"]!["timeout-minutes"]!.GetValue<string>());
    }

    public sealed class ForeverPipeline : Pipeline, IHasWorkflows
    {
        public Stage Forever => _ => _.Timeout(TimeSpan.MaxValue).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("forever").OnPush("main").Runs(Forever)];
    }

    public sealed class SevenHoursPipeline : Pipeline, IHasWorkflows
    {
        public Stage Long => _ => _.Timeout(TimeSpan.FromHours(7)).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("long").OnPush("main").Runs(Long)];
    }

    public sealed class SevenHoursSelfHostedPipeline : Pipeline, IHasWorkflows
    {
        public Stage Long => _ => _.Timeout(TimeSpan.FromHours(7)).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("long").OnPush("main").RunsOn(GitHubRunner.SelfHosted("big")).Runs(Long)];
    }
}
