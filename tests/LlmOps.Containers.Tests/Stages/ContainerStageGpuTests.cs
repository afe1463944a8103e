using LlmOps.Containers.Tests.Infrastructure;
using LlmOps.Execution;

namespace LlmOps.Containers.Tests.Stages;

/// <summary>GPU requests on an engine without a GPU runtime: a clear failure, or a loud CPU smoke run when asked for.</summary>
/// <remarks>One class per concern; the classes share a collection (TestCollections), so they run one after another.</remarks>
[Collection(TestCollections.ContainerStages)]
public sealed class ContainerStageGpuTests(DockerFixture docker) : ContainerStageTests(docker)
{
    [Fact]
    public async Task Gpu_request_without_gpu_runtime_fails_before_any_container_is_created()
    {
        var engine = Docker.Require();
        if ((await engine.GetGpuSupportAsync(Ct)).Available)
        {
            Assert.Skip("This engine has a GPU runtime, so the no-GPU failure cannot happen here.");
        }

        using var dir = new TempDir();
        var run = await new PipelineHarness(dir.Path, typeof(GpuPipeline)).RunAsync("Gpu.Train", Ct);

        var train = run.Stage("Gpu.Train");
        Assert.Equal(StageStatus.Failed, train.Status);
        Assert.StartsWith("Stage 'Gpu.Train' requests GPUs (--gpus 2) but the Docker engine at unix:", train.Reason, StringComparison.Ordinal);
        Assert.Contains("has no GPU runtime", train.Reason, StringComparison.Ordinal);
        Assert.Empty(await Managed.ContainersOfRunAsync(engine, run.Record.RunId));
        Assert.DoesNotContain("[Gpu.Train] trained", run.Log("Gpu.Train"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explicit_cpu_smoke_run_runs_a_gpu_stage_loudly()
    {
        var engine = Docker.Require();
        if ((await engine.GetGpuSupportAsync(Ct)).Available)
        {
            Assert.Skip("This engine has a GPU runtime, so CPU fallback never applies here.");
        }

        using var dir = new TempDir();
        var harness = new PipelineHarness(dir.Path, typeof(GpuPipeline));
        harness.Parameters["allow-cpu-smoke-run"] = "true";

        var run = await harness.RunAsync("Gpu.Train", Ct);

        Assert.Equal(StageStatus.Succeeded, run.Stage("Gpu.Train").Status);
        var log = run.Log("Gpu.Train");
        Assert.Contains("CPU SMOKE RUN", log, StringComparison.Ordinal);
        Assert.Contains("[Gpu.Train] trained", log, StringComparison.Ordinal);
        Assert.Contains("CPU smoke run", await File.ReadAllTextAsync(Path.Combine(run.Environment.Runs.RunDirectory(run.Record.RunId), "summaries", "Gpu.Train.md"), Ct), StringComparison.Ordinal);
    }
}
