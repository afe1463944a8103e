using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class JobGraphTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Without_groups_the_job_graph_is_the_plan_graph(int workflow)
    {
        var layout = Loaded.Layout(typeof(TrainPipeline), workflow);

        var planGraph = layout.Plan.Stages.ToDictionary(s => s.Stage.Name, s => s.Predecessors.Select(p => p.Stage.Name).ToHashSet());
        var jobGraph = layout.JobGraph();

        Assert.Equal(planGraph.Keys.Order(), jobGraph.Keys.Order());
        foreach (var (job, needs) in jobGraph)
        {
            Assert.True(planGraph[job].SetEquals(needs), $"{job}: plan {string.Join(",", planGraph[job])} vs jobs {string.Join(",", needs)}");
        }

        // Targets, their dependencies, the ordering-only Lint and the triggered Notify are all in.
        Assert.Equal(["Deploy", "Evaluate", "Lint", "Notify", "Train", "Validate"], jobGraph.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Emitted_needs_match_the_job_graph_on_both_platforms()
    {
        var files = Loaded.Generate(typeof(TrainPipeline));
        var github = YamlText.Parse(Loaded.File(files, ".github/workflows/train.yml"));
        var azure = YamlText.Parse(Loaded.File(files, "azure-pipelines-train.yml"));
        var graph = Loaded.Layout(typeof(TrainPipeline), 0).JobGraph();

        foreach (var (job, needs) in graph)
        {
            var emitted = github["jobs"]![job]!["needs"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [];
            Assert.True(needs.SetEquals(emitted), job);
            // On Azure a job waits for the jobs it names in its stage and for every job of the stages before it.
            var id = AzureYaml.Jobs(azure).Select(AzureYaml.Id).Single(i => i == job || i == job + "_job");
            var after = AzureYaml.RunsAfter(azure, id).Select(n => n.Replace("_job", "")).ToHashSet();
            var ancestors = Ancestors(graph, job);
            Assert.True(needs.IsSubsetOf(after), job);
            Assert.True(after.IsSubsetOf(ancestors), $"{job} waits for {string.Join(",", after.Except(ancestors))}, which it does not need");
        }
    }

    private static HashSet<string> Ancestors(IReadOnlyDictionary<string, IReadOnlySet<string>> graph, string job)
    {
        var result = new HashSet<string>();
        var pending = new Stack<string>(graph[job]);
        while (pending.TryPop(out var next))
        {
            if (result.Add(next))
            {
                foreach (var before in graph[next])
                {
                    pending.Push(before);
                }
            }
        }

        return result;
    }

    [Fact]
    public void Groups_collapse_stages_into_one_job_and_keep_the_quotient_graph()
    {
        var layout = Loaded.Layout(typeof(GroupedPipeline), 0);
        var graph = layout.JobGraph();

        Assert.Equal(["Deploy", "Evaluate", "Notify", "Train", "prepare"], graph.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["prepare"], graph["Train"]);
        Assert.Empty(graph["prepare"]);
        var prepare = layout.Jobs.Single(j => j.Name == "prepare");
        Assert.Equal(["Grouped.Validate", "Grouped.Lint"], prepare.Stages.Select(s => s.Id));
        Assert.Equal(["splits"], prepare.Uploads);

        var text = Loaded.File(Loaded.Generate(typeof(GroupedPipeline)), ".github/workflows/grouped.yml");
        Assert.Contains("./build.sh Grouped.Validate --skip --export .llmops/export", text);
        Assert.Contains("./build.sh Grouped.Lint --skip --export .llmops/export", text);
    }

    [Fact]
    public void A_group_that_interleaves_with_other_jobs_is_an_emission_error()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(CyclicGroupPipeline)));
        Assert.Contains("CyclicGroup", error.Message);
        Assert.Contains("'cyclic'", error.Message);
        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void Downloads_are_the_consumed_artifacts_of_other_jobs()
    {
        var layout = Loaded.Layout(typeof(TrainPipeline), 0);
        var evaluate = layout.Jobs.Single(j => j.Name == "Evaluate");
        Assert.Equal(["model", "splits"], evaluate.Downloads);
        Assert.Equal(["eval-report"], evaluate.Uploads);

        var text = Loaded.File(Loaded.Generate(typeof(TrainPipeline)), ".github/workflows/train.yml");
        var steps = YamlText.Parse(text)["jobs"]!["Evaluate"]!["steps"]!.AsArray();
        var download = steps.Single(s => s!["name"]!.GetValue<string>() == "Download model")!;
        Assert.Equal(".llmops/import/model", download["with"]!["path"]!.GetValue<string>());
        var upload = steps.Single(s => s!["name"]!.GetValue<string>() == "Upload eval-report")!;
        Assert.Equal("eval-report", upload["with"]!["name"]!.GetValue<string>());
        Assert.Equal(".llmops/export/eval-report", upload["with"]!["path"]!.GetValue<string>());
    }
}
