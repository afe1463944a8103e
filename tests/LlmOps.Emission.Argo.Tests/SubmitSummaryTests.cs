using LlmOps.Cli;
using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;
using LlmOps.Planning;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>The summary <c>Submit</c> prints when the Workflow ends: what was reused shows as cached, as in a local run.</summary>
public sealed class SubmitSummaryTests
{
    [Fact]
    public async Task A_task_skipped_because_its_check_reused_everything_is_summarized_as_cached()
    {
        await using var api = await FakeKubernetesApi.StartAsync(new() { Watches = ["watch-reused.jsonl"] });
        using var output = new StringWriter();
        var pipelines = PipelineLoader.LoadAll([typeof(ArgoTrainPipeline)], new ParameterSources(Loaded.Root, new Dictionary<string, string>(), _ => null, []));
        var context = new CliContext(Loaded.Root, CommandLine.Parse(["Submit", "ArgoTrain", "--to", "argo"]), pipelines, output, output, _ => null);

        var code = await new ArgoSubmitCommand(() => api.Configuration).RunAsync(context, TestContext.Current.CancellationToken);

        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal(0, code);
        Assert.Contains("  prepare                  Cached (reused from the shared store)", lines);
        Assert.Contains("  train                    Succeeded", lines);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("reuse-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_workflow_deleted_while_it_ran_is_summarized_as_deleted_and_fails_like_a_local_run()
    {
        await using var api = await FakeKubernetesApi.StartAsync(new() { Watches = ["watch-deleted.jsonl"] });
        using var output = new StringWriter();
        var pipelines = PipelineLoader.LoadAll([typeof(ArgoTrainPipeline)], new ParameterSources(Loaded.Root, new Dictionary<string, string>(), _ => null, []));
        var context = new CliContext(Loaded.Root, CommandLine.Parse(["Submit", "ArgoTrain", "--to", "argo"]), pipelines, output, output, _ => null);

        var code = await new ArgoSubmitCommand(() => api.Configuration).RunAsync(context, TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        Assert.Contains("Workflow train-7xk2p: Deleted (while Running)", output.ToString(), StringComparison.Ordinal);
    }
}
