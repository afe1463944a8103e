using System.Diagnostics;
using LlmOps.Containers.Engine;
using LlmOps.Execution;
using LlmOps.FineTune.Tests.Infrastructure;

namespace LlmOps.FineTune.Tests.Containers;

/// <summary>The GPU profile on an engine without a GPU runtime: the README's message, before any container exists.</summary>
[Collection(TrainerContainerCollection.Name)]
public sealed class GpuProfileTests(CpuProfileRun run)
{
    [Fact]
    public async Task Without_a_gpu_runtime_the_gpu_profile_fails_with_the_gpu_message_before_any_container_exists()
    {
        run.RequireRun();
        using (var engine = await DockerEngine.ConnectAsync(TestContext.Current.CancellationToken))
        {
            if ((await engine.GetGpuSupportAsync(TestContext.Current.CancellationToken)).Available)
            {
                Assert.Skip("this Docker engine has a GPU runtime, so the GPU profile would train here");
            }
        }

        using var repository = new ScratchRepository();
        var harness = new FineTuneHarness(repository.Root, profile: null);
        harness.Parameters["trainer-image"] = "registry.example/llmops-sft-trainer@sha256:" + new string('a', 64);

        var outcome = await harness.RunAsync("FineTune.FineTune", TestContext.Current.CancellationToken);

        var failed = outcome.Stage("FineTune.Base");
        Assert.Equal(StageStatus.Failed, failed.Status);
        Assert.Contains("Stage 'FineTune.Base' requests GPUs (--gpus 1) but the Docker engine at", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("has no GPU runtime", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(StageStatus.NotRun, outcome.Stage("FineTune.FineTune").Status);
        Assert.Equal("", Docker("ps", "-a", "-q", "--filter", "label=llmops.run-id=" + outcome.Record.RunId));
        Assert.Equal("", Docker("images", "-q", "registry.example/llmops-sft-trainer"));
    }

    private static string Docker(params string[] arguments)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Trim();
    }
}
