using LlmOps.Dsl;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class DeclarationErrorTests
{
    [Fact]
    public void A_job_that_would_deploy_to_two_environments_is_an_emission_error()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(TwoEnvironmentsPipeline)));
        Assert.Contains("TwoEnvironments", error.Message);
        Assert.Contains("job 'both'", error.Message);
        Assert.Contains("TwoEnvironments.Staging -> staging", error.Message);
        Assert.Contains("TwoEnvironments.Production -> production", error.Message);
    }

    [Fact]
    public void A_workflow_without_targets_or_triggers_is_an_emission_error()
    {
        Assert.Contains("no stages to run", Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(NoTargetsPipeline))).Message);
        Assert.Contains("no triggers", Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(NoTriggersPipeline))).Message);
    }

    [Fact]
    public void A_group_name_that_is_not_a_job_id_is_an_emission_error()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(BadGroupPipeline)));
        Assert.Contains("group name 'pre pare'", error.Message);
    }

    [Fact]
    public void A_dispatch_input_that_is_not_a_member_is_an_emission_error_not_a_crash()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(ConstantInputPipeline)));
        Assert.Contains("ConstantInput (", error.Message);
        Assert.Contains("declaring its workflows failed: OnManualDispatch takes parameters as () => Member", error.Message);
    }

    [Fact]
    public void A_dispatch_input_that_is_not_a_parameter_is_an_emission_error()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(NotAParameterPipeline)));
        Assert.Contains("OnManualDispatch names Plain, which is not a [Parameter] of NotAParameter", error.Message);
    }

    [Fact]
    public void A_runner_for_a_stage_the_workflow_does_not_run_is_an_emission_error()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(RunnerOutsidePlanPipeline)));
        Assert.Contains("RunsOn names RunnerOutsidePlan.Other, which the workflow's targets do not run", error.Message);
    }

    public sealed class ConstantInputPipeline : Pipeline, IHasWorkflows
    {
        private const int SomeConst = 3;

        public Stage Only => _ => _.Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("constant").OnManualDispatch(() => SomeConst).Runs(Only)];
    }

    public sealed class NotAParameterPipeline : Pipeline, IHasWorkflows
    {
        public int Plain { get; set; } = 3;

        public Stage Only => _ => _.Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("plain").OnManualDispatch(() => Plain).Runs(Only)];
    }

    public sealed class RunnerOutsidePlanPipeline : Pipeline, IHasWorkflows
    {
        public Stage Only => _ => _.Executes(_ => { });

        public Stage Other => _ => _.Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("outside").OnPush("main").RunsOn(Other, GitHubRunner.SelfHosted("x")).Runs(Only)];
    }

    public sealed class TwoEnvironmentsPipeline : Pipeline, IHasWorkflows
    {
        public Stage Staging => _ => _.DeploysTo("staging").Executes(_ => { });

        public Stage Production => _ => _.DependsOn(Staging).DeploysTo("production").Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("two").OnPush("main").Group("both", Staging, Production).Runs(Production)];
    }

    public sealed class NoTargetsPipeline : Pipeline, IHasWorkflows
    {
        public Stage Only => _ => _.Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [AzurePipelines.Pipeline("none").OnPush("main")];
    }

    public sealed class NoTriggersPipeline : Pipeline, IHasWorkflows
    {
        public Stage Only => _ => _.Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("quiet").Runs(Only)];
    }

    public sealed class BadGroupPipeline : Pipeline, IHasWorkflows
    {
        public Stage Only => _ => _.Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("bad").OnPush("main").Group("pre pare", Only).Runs(Only)];
    }
}
