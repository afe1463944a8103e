using LlmOps.Dsl;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

[Collection(nameof(TriggerValidationTests))]
public sealed class TriggerValidationTests
{
    [Fact]
    public void Push_calls_with_different_branches_and_paths_are_an_emission_error()
    {
        Triggers.Declare = w => w.OnPush("main").OnPush("docs-site", paths: ["docs/**"]);
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(Triggers)));
        Assert.Contains("the OnPush calls differ in both branches and paths", error.Message);
        Assert.Contains("branches [docs-site] paths [docs/**]", error.Message);
    }

    [Fact]
    public void Push_calls_that_share_paths_add_branches_once_each()
    {
        Triggers.Declare = w => w.OnPush("main").OnPush("dev").OnPush("main");
        var on = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(Triggers)), ".github/workflows/triggers.yml"))["on"]!;
        Assert.Equal(["main", "dev"], on["push"]!["branches"]!.AsArray().Select(b => b!.GetValue<string>()));
        Assert.Null(on["push"]!["paths"]);
    }

    [Fact]
    public void Push_calls_for_one_branch_add_paths_once_each()
    {
        Triggers.Declare = w => w.OnPush("main", paths: ["src/**"]).OnPush("main", paths: ["docs/**", "src/**"]);
        var on = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(Triggers)), ".github/workflows/triggers.yml"))["on"]!;
        Assert.Equal(["src/**", "docs/**"], on["push"]!["paths"]!.AsArray().Select(b => b!.GetValue<string>()));
    }

    [Theory]
    [InlineData("every day at noon")]
    [InlineData("0 12 * *")]
    [InlineData("61 * * * *")]
    [InlineData("0 3 * * 1 2026")]
    [InlineData("@daily")]
    public void A_schedule_that_is_not_five_numeric_cron_fields_is_an_emission_error(string cron)
    {
        Triggers.Declare = w => w.OnSchedule(cron);
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(Triggers)));
        Assert.Contains($"the schedule '{cron}' is not a cron expression", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("feature..x")]
    [InlineData("bad branch")]
    [InlineData("x.lock")]
    [InlineData("/main")]
    [InlineData("a:b")]
    public void A_branch_filter_git_cannot_name_is_an_emission_error(string branch)
    {
        Triggers.Declare = w => w.OnPush(branch);
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(Triggers)));
        Assert.Contains($"a branch filter '{branch}'", error.Message);
    }

    [Fact]
    public void An_empty_path_filter_is_an_emission_error()
    {
        Triggers.Declare = w => w.OnPullRequest(paths: [" "]);
        Assert.Contains("the path filter ' ' is empty", Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(Triggers))).Message);
    }

    [Fact]
    public void Valid_patterns_and_schedules_pass()
    {
        Triggers.Declare = w => w.OnPush("release/*").OnPullRequest(["main", "!legacy/**"]).OnSchedule("*/15 0-6 1,15 * 1-5");
        Assert.NotEmpty(Loaded.Generate(typeof(Triggers)));
    }

    public sealed class Triggers : Pipeline, IHasWorkflows
    {
        public static Func<GitHubWorkflow, GitHubWorkflow> Declare { get; set; } = w => w;

        public Stage Only => _ => _.Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [Declare(GitHubActions.Workflow("triggers")).Runs(Only)];
    }
}
