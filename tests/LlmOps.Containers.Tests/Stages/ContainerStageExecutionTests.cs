using Docker.DotNet.Models;
using LlmOps.Containers.Images;
using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.Containers.Tests.Infrastructure;
using LlmOps.Execution;

namespace LlmOps.Containers.Tests.Stages;

/// <summary>Container stages run end to end through the planner and the local executor on the real engine.</summary>
public sealed class ContainerStageExecutionTests(DockerFixture docker) : IAsyncDisposable
{
    private readonly List<string> _images = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string CopyTestImage(TempDir dir)
    {
        var context = dir.Sub("image");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Stages", "TestImage")))
        {
            File.Copy(file, Path.Combine(context, Path.GetFileName(file)));
        }

        return context;
    }

    private PipelineHarness WordCount(TempDir dir)
    {
        docker.Require();
        var harness = new PipelineHarness(dir.Sub("repo"), typeof(WordCountPipeline));
        harness.Parameters["image-context"] = CopyTestImage(dir);
        var build = (DockerfileBuild)harness.Load().Single().Stages.Single(s => s.Name == "Count").Definition.Feature<ContainerStage>()!.Spec.Image;
        _images.Add(ImageProvisioner.DefaultBuildTag(build));
        return harness;
    }

    // Every test builds its own images (their tags derive from the scratch paths); leave none behind.
    public async ValueTask DisposeAsync()
    {
        if (_images.Count == 0)
        {
            return;
        }

        var engine = docker.Require();
        foreach (var image in _images)
        {
            try
            {
                await engine.Client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }, CancellationToken.None);
            }
            catch (Docker.DotNet.DockerApiException)
            {
                // Already gone, or never built because the test failed early.
            }
        }
    }

    [Fact]
    public async Task Container_stage_reads_its_input_read_only_and_its_output_becomes_an_artifact()
    {
        using var dir = new TempDir();
        var harness = WordCount(dir);

        var run = await harness.RunAsync("WordCount.Count", Ct);

        Assert.Equal(StageStatus.Succeeded, run.Stage("WordCount.Count").Status);
        Assert.Equal("5", (await File.ReadAllTextAsync(Path.Combine(run.ArtifactDirectory("WordCount.Count", "counted"), "count.txt"), Ct)).Trim());
        var log = run.Log("WordCount.Count");
        Assert.Contains("[WordCount.Count] input is read-only", log, StringComparison.Ordinal);
        Assert.Contains("[WordCount.Count] counted 5 words", log, StringComparison.Ordinal);
        Assert.Contains(run.Reporter.Lines, l => l == "WordCount.Count | [WordCount.Count] greeting: hello");
        Assert.Equal(5, run.Stage("WordCount.Count").Metrics["words"]);
    }

    [Fact]
    public async Task Rebuilt_image_is_a_cache_miss_explained_by_the_image()
    {
        using var dir = new TempDir();
        var harness = WordCount(dir);
        Assert.Equal(StageStatus.Succeeded, (await harness.RunAsync("WordCount.Count", Ct)).Stage("WordCount.Count").Status);
        Assert.Equal(StageStatus.Cached, (await harness.RunAsync("WordCount.Count", Ct)).Stage("WordCount.Count").Status);
        _images.Add(await docker.Runner().ResolveImageDigestAsync(harness.Load().Single().Stages.Single(s => s.Name == "Count").Definition.Feature<ContainerStage>()!.Spec, Ct));

        await File.AppendAllTextAsync(Path.Combine(harness.Parameters["image-context"], "count.sh"), "echo rebuilt\n", Ct);
        var rerun = await harness.RunAsync("WordCount.Count", Ct);

        var count = rerun.Stage("WordCount.Count");
        Assert.Equal(StageStatus.Succeeded, count.Status);
        Assert.Equal("ran: container image changed", count.Reason);
        Assert.Equal(StageStatus.Cached, rerun.Stage("WordCount.Write").Status);
        Assert.Contains("[WordCount.Count] rebuilt", rerun.Log("WordCount.Count"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retagged_image_is_a_cache_miss_and_the_new_image_runs()
    {
        using var dir = new TempDir();
        var tag = $"llmops-test/retag-{Guid.NewGuid():N}"[..32] + ":v1";
        var runner = docker.Runner();
        async Task BuildMarker(string marker)
        {
            var context = dir.Sub("ctx-" + marker);
            await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"FROM {DockerFixture.BaseImage}\nRUN echo {marker} > /marker\n", Ct);
            _images.Add(await runner.ResolveImageDigestAsync(new ContainerSpecBuilder().Dockerfile(Path.Combine(context, "Dockerfile"), tag: tag).Build(), Ct));
        }

        await BuildMarker("first");
        var harness = new PipelineHarness(dir.Sub("repo"), typeof(RetagPipeline));
        harness.Parameters["image-tag"] = tag;
        Assert.Contains("[Retag.Show] first", (await harness.RunAsync("Retag.Show", Ct)).Log("Retag.Show"), StringComparison.Ordinal);
        Assert.Equal(StageStatus.Cached, (await harness.RunAsync("Retag.Show", Ct)).Stage("Retag.Show").Status);

        await BuildMarker("second");

        var rerun = await harness.RunAsync("Retag.Show", Ct);
        Assert.Equal("ran: container image changed", rerun.Stage("Retag.Show").Reason);
        Assert.Contains("[Retag.Show] second", rerun.Log("Retag.Show"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_container_fails_the_stage_with_exit_code_and_log_tail()
    {
        using var dir = new TempDir();
        var harness = WordCount(dir);
        harness.Parameters["greeting"] = "fail";

        var count = (await harness.RunAsync("WordCount.Count", Ct)).Stage("WordCount.Count");

        Assert.Equal(StageStatus.Failed, count.Status);
        Assert.StartsWith("Stage 'WordCount.Count' container exited with code 3. Last 3 log line(s):", count.Reason, StringComparison.Ordinal);
        Assert.Contains("about to fail", count.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", count.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_parameter_passed_as_secret_env_is_masked_everywhere()
    {
        const string secret = "tok-9f8e7d6c5b4a";
        using var dir = new TempDir();
        var harness = WordCount(dir);
        harness.Parameters["api-token"] = secret;

        var run = await harness.RunAsync("WordCount.Count", Ct);

        Assert.Equal(StageStatus.Succeeded, run.Stage("WordCount.Count").Status);
        var log = run.Log("WordCount.Count");
        Assert.Contains("[WordCount.Count] token: ***", log, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, run.RunJson, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Reporter.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        var entries = Directory.EnumerateFiles(Path.Combine(harness.Root, ".llmops", "cache"), "*", SearchOption.AllDirectories);
        Assert.DoesNotContain(entries, f => File.ReadAllText(f).Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gpu_request_without_gpu_runtime_fails_before_any_container_is_created()
    {
        var engine = docker.Require();
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
        var engine = docker.Require();
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

    [Fact]
    public async Task Container_timeout_fails_the_stage_and_leaves_no_container()
    {
        var engine = docker.Require();
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
        var engine = docker.Require();
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
