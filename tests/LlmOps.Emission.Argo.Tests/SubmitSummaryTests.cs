using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>The summary <c>Submit</c> prints when the Workflow ends: what was reused shows as cached, as in a local run.</summary>
public sealed class SubmitSummaryTests
{
    [Fact]
    public async Task A_task_skipped_because_its_check_reused_everything_is_summarized_as_cached()
    {
        await using var api = await FakeKubernetesApi.StartAsync(new() { Watches = ["watch-reused.jsonl"] });

        var (code, output) = await Submitting.RunAsync(api, typeof(ArgoTrainPipeline), "ArgoTrain");

        var lines = output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal(0, code);
        Assert.Contains("  prepare                  Cached (reused from the shared store)", lines);
        Assert.Contains("  train                    Succeeded", lines);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("reuse-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_workflow_deleted_while_it_ran_is_summarized_as_deleted_and_fails_like_a_local_run()
    {
        await using var api = await FakeKubernetesApi.StartAsync(new() { Watches = ["watch-deleted.jsonl"] });

        var (code, output) = await Submitting.RunAsync(api, typeof(ArgoTrainPipeline), "ArgoTrain");

        Assert.Equal(1, code);
        Assert.Contains("Workflow train-7xk2p: Deleted (while Running)", output, StringComparison.Ordinal);
    }
}
