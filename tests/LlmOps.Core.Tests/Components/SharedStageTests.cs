using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Components;

/// <summary>Stages are keyed by (pipeline, member): pipelines that share stage code still wire to their own stages.</summary>
public sealed class SharedStageTests
{
    [Fact]
    public void Two_pipelines_sharing_a_base_class_each_wire_to_their_own_stages()
    {
        using var repo = new TempRepo();
        Type[] pipelines = [typeof(AlphaPipeline), typeof(BetaPipeline)];

        var beta = repo.Run(pipelines, "Beta.Train");
        var alpha = repo.Run(pipelines, "Alpha.Ship");

        Assert.True(beta.ExitCode == 0, beta.ToString());
        Assert.True(alpha.ExitCode == 0, alpha.ToString());
        Assert.Equal(["Beta.Prepare", "Beta.Train", "Alpha.Prepare", "Alpha.Train", "Alpha.Ship"], repo.Trace());
    }

    [Fact]
    public void The_graph_of_pipelines_sharing_a_base_class_has_no_edge_between_them()
    {
        var graph = Plans.Graph(typeof(AlphaPipeline), typeof(BetaPipeline));

        foreach (var stage in graph.Stages)
        {
            var node = graph[stage];
            Assert.All(node.Dependencies.Concat(node.OrderedAfter).Concat(node.Triggers), s => Assert.Equal(stage.Pipeline, s.Pipeline));
        }

        Assert.Equal(["Beta.Prepare"], graph[Plans.Stage(graph, "Beta.Train")].Dependencies.Select(s => s.Id));
    }

    [Fact]
    public void Two_pipelines_sharing_a_component_each_get_its_stages_and_wire_them_to_their_own()
    {
        using var repo = new TempRepo();
        Type[] pipelines = [typeof(GammaPipeline), typeof(DeltaPipeline)];

        var gamma = repo.Run(pipelines, "Gamma.Score");
        var delta = repo.Run(pipelines, "Delta.Publish");

        Assert.True(gamma.ExitCode == 0, gamma.ToString());
        Assert.True(delta.ExitCode == 0, delta.ToString());
        Assert.Equal(
            ["Gamma.Fit", "Gamma.Score samples=200 label=plain in Gamma", "Delta.Fit", "Delta.Score samples=200 label=plain in Delta", "Delta.Publish"],
            repo.Trace());
    }

    [Fact]
    public void A_component_stage_reads_a_parameter_the_component_declares()
    {
        using var repo = new TempRepo();
        repo.Write(".nuke/parameters.json", """{ "ScoreLabel": "from-file" }""");

        var result = repo.Run([typeof(GammaPipeline)], "Score", "--eval-samples", "7");
        var help = repo.Run([typeof(GammaPipeline)], "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Gamma.Fit", "Gamma.Score samples=7 label=from-file in Gamma"], repo.Trace());
        Assert.Matches(@"--eval-samples <int>\s+Held-out examples to score\r?\n\s+= 200  \(from default; env EVAL_SAMPLES\)", help.Output);
        Assert.Matches(@"\n  Score\s+Score the model  \[-> Fit\]", help.Output);
    }

    [Fact]
    public void A_component_parameter_enters_the_cache_key_of_the_component_stage_that_reads_it()
    {
        using var repo = new TempRepo();

        repo.Run(typeof(GammaPipeline), "Score", "--eval-samples", "7");
        repo.Run(typeof(GammaPipeline), "Score", "--eval-samples", "8");
        var again = repo.Run(typeof(GammaPipeline), "Score", "--eval-samples", "8");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(["samples=7", "samples=8"], repo.Trace().Where(t => t.StartsWith("Gamma.Score", StringComparison.Ordinal)).Select(t => t.Split(' ')[1]));
        Assert.Equal(StageStatus.Cached, repo.Stage(repo.LatestRun(), "Gamma.Score").Status);
    }

    [Fact]
    public void A_component_parameter_is_the_interface_member_with_the_value_its_getter_returns()
    {
        var sources = new ParameterSources(Path.GetTempPath(), new Dictionary<string, string> { ["eval-samples"] = "9" }, _ => null, []);

        var model = PipelineLoader.Load(typeof(GammaPipeline), sources);

        var parameter = model.Parameters.Single(p => p.Name == "eval-samples");
        Assert.Equal(typeof(IScoreModel).GetProperty(nameof(IScoreModel.EvalSamples)), parameter.Member);
        Assert.Equal(200, parameter.DefaultValue);
        Assert.Equal(9, parameter.Value);
        Assert.Equal(9, ((IScoreModel)model.Instance).EvalSamples);
        Assert.Equal(typeof(IScoreModel), model.Find("Score")!.Member.DeclaringType);
    }

    [Fact]
    public void A_class_stage_of_the_same_name_hides_the_component_stage_and_the_component_wires_to_it()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(HidingPipeline), "Score");
        var help = repo.Run(typeof(HidingPipeline), "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Hiding.Fit own fit", "Hiding.Score samples=200 label=plain in Hiding"], repo.Trace());
        Assert.Single(Plans.Graph(typeof(HidingPipeline)).Stages, s => s.Name == "Fit");
        Assert.Contains("Fit, the hiding pipeline's way", help.Output);
    }

    [Fact]
    public void A_class_that_implements_a_component_stage_explicitly_replaces_it()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ImplementingPipeline), "Score");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Implementing.Fit own fit", "Implementing.Score samples=200 label=plain in Implementing"], repo.Trace());
        Assert.Equal("Fit, the implementing pipeline's way", Plans.Stage(Plans.Graph(typeof(ImplementingPipeline)), "Fit").Definition.DescriptionText);
    }

    [Fact]
    public void A_class_that_declares_a_component_parameter_again_is_a_definition_error()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ParameterClashPipeline), "Show");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ParameterClashPipeline: parameter EvalSamples is declared by ParameterClashPipeline and by component IScoreModel", result.Error);
        Assert.Empty(repo.Trace());
    }
}
