using LlmOps.Build;
using LlmOps.Emission.GitHub;
using LlmOps.Emission.Tests.Support;
using LlmOps.Planning;

namespace LlmOps.Emission.Tests;

/// <summary>The workflows committed for this repository's own pipelines: generated from the same plans, and current.</summary>
public sealed class RepositoryWorkflowTests
{
    private static readonly string RepositoryRoot = Repository.Root;

    public static TheoryData<string, int> Workflows()
    {
        var data = new TheoryData<string, int>();
        foreach (var model in Load())
        {
            if (model.Instance is IHasWorkflows declared)
            {
                for (var i = 0; i < declared.Workflows.Count(); i++)
                {
                    data.Add(model.Name, i);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_job_needs_exactly_the_jobs_of_its_stages_plan_predecessors(string pipeline, int index)
    {
        var models = Load();
        var model = models.Single(m => m.Name == pipeline);
        var workflow = ((IHasWorkflows)model.Instance).Workflows.ElementAt(index);
        var layout = WorkflowPlanner.Layout(model, StageGraph.Build(models), workflow);

        // The job graph is the plan graph with each stage replaced by its job (the identity without groups).
        var expected = layout.Jobs.ToDictionary(
            j => j.Name,
            j => j.Stages.SelectMany(s => s.Predecessors).Select(p => layout.JobOf(p.Stage).Name).Where(n => n != j.Name).ToHashSet());
        var actual = layout.JobGraph();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (job, needs) in actual)
        {
            Assert.True(expected[job].SetEquals(needs), $"{pipeline} {workflow.Name} {job}: plan says {string.Join(",", expected[job])}, jobs say {string.Join(",", needs)}");
        }

        Assert.Equal(layout.Plan.Stages.Select(s => s.Id).Order(), layout.Jobs.SelectMany(j => j.Stages).Select(s => s.Id).Order());
    }

    [Fact]
    public void The_committed_workflows_are_exactly_what_the_definitions_generate()
    {
        var check = WorkflowGenerator.Check(Load(), RepositoryRoot);
        Assert.True(check.IsUpToDate, "run ./build.sh GenerateWorkflows: " + string.Join(", ", check.Paths));
    }

    [Fact]
    public void The_committed_workflows_use_exactly_the_actions_of_the_pins_file()
    {
        var pins = ActionPins.Load(RepositoryRoot);
        Assert.Equal(ActionPins.FilePath, pins.Source);
        var uses = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, ".github", "workflows"), "*.yml")
            .SelectMany(File.ReadLines)
            .Where(l => l.TrimStart().StartsWith("uses:", StringComparison.Ordinal))
            .Select(l => l.Trim())
            .ToHashSet(StringComparer.Ordinal);
        // The login actions are pinned for stages that log in with OIDC; this repository's pipelines have none.
        var every = pins.All.Select(p => $"uses: {p.Reference} # {p.Version}").ToHashSet(StringComparer.Ordinal);
        Assert.Subset(every, uses);
        Assert.Equal(6, uses.Count); // checkout, setup-dotnet, cache, upload, download, and the support package's attestation
    }

    private static IReadOnlyList<PipelineModel> Load() => PipelineLoader.LoadAll(PipelineAssemblies.Pipelines(), ParameterSources.Empty(RepositoryRoot));
}
