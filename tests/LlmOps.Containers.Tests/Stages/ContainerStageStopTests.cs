using LlmOps.Containers.Tests.Infrastructure;
using LlmOps.Execution;

namespace LlmOps.Containers.Tests.Stages;

/// <summary>A container stage stopped by its timeout or by Ctrl+C leaves no container behind.</summary>
/// <remarks>One class per concern; the classes share a collection (TestCollections), so they run one after another.</remarks>
[Collection(TestCollections.ContainerStages)]
public sealed class ContainerStageStopTests(DockerFixture docker) : ContainerStageTests(docker)
{
    [Fact]
    public async Task Container_timeout_fails_the_stage_and_leaves_no_container()
    {
        var engine = Docker.Require();
        using var dir = new TempDir();

        var run = await new PipelineHarness(dir.Path, typeof(SleepPipeline)).RunAsync("Sleep.Nap", Ct);

        var nap = run.Stage("Sleep.Nap");
        Assert.Equal(StageStatus.Failed, nap.Status);
        Assert.StartsWith("Stage 'Sleep.Nap' container did not finish within its timeout of 00:00:02; it was stopped and removed.", nap.Reason, StringComparison.Ordinal);
        Assert.Contains("[Sleep.Nap] napping", run.Log("Sleep.Nap"), StringComparison.Ordinal);
        Assert.Empty(await Managed.ContainersOfRunAsync(engine, run.Record.RunId));
    }

    [Fact]
    public async Task Cancelled_run_stops_and_removes_the_stage_container()
    {
        var engine = Docker.Require();
        using var dir = new TempDir();
        var harness = new PipelineHarness(dir.Path, typeof(SleepPipeline));
        harness.Parameters["timeout-seconds"] = "120";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // Ctrl+C once the container is known to run.
        var run = await harness.RunAsync("Sleep.Nap", cancel.Token, line =>
        {
            if (line.EndsWith("napping", StringComparison.Ordinal))
            {
                _ = cancel.CancelAsync(); // not inline: this runs on the log pump
            }
        });

        Assert.Equal(StageStatus.Cancelled, run.Stage("Sleep.Nap").Status);
        Assert.Equal(RunStatus.Interrupted, run.Record.Status);
        Assert.Contains("[Sleep.Nap] napping", run.Log("Sleep.Nap"), StringComparison.Ordinal);
        Assert.Empty(await Managed.ContainersOfRunAsync(engine, run.Record.RunId));
    }
}
