using LlmOps.Emission.Argo.Emission;
using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;
using LlmOps.Pipelines.FineTune;
using LlmOps.Planning;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>The DAG of an emitted template is the plan's graph, as the CI emitters' job graphs are.</summary>
public sealed class TaskGraphTests
{
    [Theory]
    [InlineData(typeof(ArgoTrainPipeline))]
    [InlineData(typeof(FineTunePipeline))]
    [InlineData(typeof(SharedStoreTrainPipeline))]
    [InlineData(typeof(PvcTrainPipeline))]
    public void The_task_graph_is_the_plan_graph(Type pipeline)
    {
        var layout = Loaded.Layout(pipeline);
        var file = Emitted(pipeline, ".workflowtemplate.yaml");
        var tasks = DagGraph.WithoutApprovals(DagGraph.Of(KubernetesYaml.Parse(file)));

        var plan = layout.Plan.Stages.ToDictionary(s => ArgoNames.Kebab(s.Stage.Name), s => s.Predecessors.Select(p => ArgoNames.Kebab(p.Stage.Name)).ToHashSet());
        Assert.Equal(plan.Keys.Order(StringComparer.Ordinal), tasks.Keys.Order(StringComparer.Ordinal));
        foreach (var (task, depends) in tasks)
        {
            Assert.True(plan[task].SetEquals(depends), $"{task}: plan {string.Join(",", plan[task])} vs depends {string.Join(",", depends)}");
        }
    }

    [Fact]
    public void A_deployment_waits_behind_a_suspend_step_that_waits_for_its_inputs()
    {
        var document = KubernetesYaml.Parse(Emitted(typeof(ArgoTrainPipeline), ".workflowtemplate.yaml"));
        var graph = DagGraph.Of(document);

        Assert.Equal(["approve-deploy", "train"], graph["deploy"].Order(StringComparer.Ordinal));
        Assert.Equal(["train"], graph["approve-deploy"]);
        var approval = document["spec"]!["templates"]!.AsArray().Single(t => (string?)t!["name"] == "approve-production")!;
        Assert.NotNull(approval["suspend"]);
    }

    [Fact]
    public void The_deploying_task_reads_the_workflows_annotations_where_Resume_records_the_approver()
    {
        var document = KubernetesYaml.Parse(Emitted(typeof(ArgoTrainPipeline), ".workflowtemplate.yaml"));
        var templates = document["spec"]!["templates"]!.AsArray();
        static bool Carries(System.Text.Json.Nodes.JsonNode? template) =>
            template?["container"]?["env"]?.AsArray().Any(v => (string?)v!["name"] == "LLMOPS_RUN_ANNOTATIONS" && (string?)v["value"] == "{{workflow.annotations.json}}") == true;

        Assert.True(Carries(templates.Single(t => (string?)t!["name"] == "deploy")));
        Assert.False(Carries(templates.Single(t => (string?)t!["name"] == "prepare")));
    }

    [Fact]
    public void A_stage_assured_after_failure_runs_whatever_its_predecessor_did()
    {
        var document = KubernetesYaml.Parse(Emitted(typeof(ArgoTrainPipeline), ".workflowtemplate.yaml"));
        var notify = document["spec"]!["templates"]![0]!["dag"]!["tasks"]!.AsArray().Single(t => (string?)t!["name"] == "notify")!;

        Assert.Equal("(deploy.Succeeded || deploy.Skipped || deploy.Failed || deploy.Errored)", (string?)notify["depends"]);
    }

    internal static string Emitted(Type pipeline, string suffix)
    {
        var root = pipeline == typeof(FineTunePipeline) ? Loaded.RepositoryRoot : Loaded.Root;
        var models = PipelineLoader.LoadAll([pipeline], ParameterSources.Empty(root));
        return WorkflowGenerator.Generate(models, root).Single(f => f.Path.StartsWith("deploy/argo/", StringComparison.Ordinal) && f.Path.EndsWith(suffix, StringComparison.Ordinal)).Content;
    }
}
