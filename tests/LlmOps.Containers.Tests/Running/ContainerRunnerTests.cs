using LlmOps.Containers.Errors;
using LlmOps.Containers.Running;
using LlmOps.Containers.Specs;
using LlmOps.Containers.Tests.Infrastructure;

namespace LlmOps.Containers.Tests.Running;

[Collection(TestCollections.ContainerRunner)]
public sealed class ContainerRunnerTests(DockerFixture docker)
{
    private static ContainerSpecBuilder Sh(string script) => ShellSpec.Of(script);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Inputs_are_mounted_read_only_and_outputs_read_write()
    {
        var runner = docker.Runner();
        using var dir = new TempDir();
        var input = dir.Sub("in");
        await File.WriteAllTextAsync(Path.Combine(input, "data.txt"), "hello-input", Ct);
        var outputs = dir.Sub("out");
        var rec = new Recorder();

        var result = await runner.RunAsync(
            Sh("cat /llmops/inputs/data/data.txt > /llmops/outputs/copy.txt && "
                + "if echo x > /llmops/inputs/data/new.txt 2>/dev/null; then echo INPUT-WRITABLE; exit 3; else echo INPUT-READONLY; fi").Build(),
            new ContainerRunRequest { RunId = Managed.NewRunId("mounts"), StageName = "mounts", Inputs = new Dictionary<string, string> { ["data"] = input }, OutputsDirectory = outputs, LogSink = rec.Log },
            Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("INPUT-READONLY", rec.Lines);
        Assert.Equal("hello-input", await File.ReadAllTextAsync(Path.Combine(outputs, "copy.txt"), Ct));
        Assert.False(File.Exists(Path.Combine(input, "new.txt")));
        Assert.StartsWith("sha256:", result.ImageId);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Env_is_passed_and_secrets_are_masked_in_logs_results_and_errors()
    {
        var runner = docker.Runner();
        var rec = new Recorder();
        var spec = Sh("echo greeting=$GREETING; echo token=$API_TOKEN; echo extra=extra-secret-987 >&2; exit 4")
            .Env("GREETING", "hi").SecretEnv("API_TOKEN", "s3cr3t-value-123").Build();

        var result = await runner.RunAsync(
            spec,
            new ContainerRunRequest { RunId = Managed.NewRunId("env"), StageName = "env", LogSink = rec.Log, SecretValues = ["extra-secret-987"] },
            Ct);

        Assert.Equal(4, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Contains("greeting=hi", rec.Lines);
        Assert.Contains("token=***", rec.Lines);
        Assert.Contains("extra=***", rec.Lines);
        Assert.DoesNotContain(rec.Lines, l => l.Contains("s3cr3t-value-123", StringComparison.Ordinal) || l.Contains("extra-secret-987", StringComparison.Ordinal));
        var ex = Assert.Throws<ContainerExitException>(() => result.EnsureSuccess());
        Assert.Equal(4, ex.ExitCode);
        Assert.Contains("exited with code 4", ex.Message);
        Assert.Contains("token=***", ex.Message);
        Assert.DoesNotContain("s3cr3t-value-123", ex.Message);
    }

    [Fact]
    public async Task Limits_user_read_only_root_and_network_none_are_applied()
    {
        var runner = docker.Runner();
        var rec = new Recorder();
        const string Script = "echo uid=$(id -u); echo nofile=$(ulimit -n); echo shm=$(df -k /dev/shm | tail -1 | awk '{print $2}'); "
            + "(touch /rootfile 2>/dev/null && echo root=rw) || echo root=ro; touch /tmp/x && echo tmp=ok; echo nets=$(ls /sys/class/net | tr '\\n' ' ')";

        var result = await runner.RunAsync(
            Sh(Script).User("1000:1000").Ulimit("nofile", 1024, 2048).ShmSize("32m").Memory("128m").Cpus(0.5).ReadOnlyRootFilesystem().Build(),
            new ContainerRunRequest { RunId = Managed.NewRunId("limits"), StageName = "limits", LogSink = rec.Log },
            Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("uid=1000", rec.Lines);
        Assert.Contains("nofile=1024", rec.Lines);
        Assert.Contains("shm=32768", rec.Lines);
        Assert.Contains("root=ro", rec.Lines);
        Assert.Contains("tmp=ok", rec.Lines);
        Assert.Contains("nets=lo", rec.Lines);
    }

    [Fact]
    public async Task Gpu_request_on_an_engine_without_gpu_runtime_fails_before_any_container_exists()
    {
        var engine = docker.Require();
        if ((await engine.GetGpuSupportAsync(Ct)).Available)
        {
            Assert.Skip("This engine has a GPU runtime, so the no-GPU failure cannot be observed here.");
        }

        var runId = Managed.NewRunId("gpu");
        var ex = await Assert.ThrowsAsync<GpuUnavailableException>(() => docker.Runner().RunAsync(
            Sh("echo should-not-run").Gpus(1).Build(),
            new ContainerRunRequest { RunId = runId, StageName = "train" },
            Ct));

        Assert.Contains("requests GPUs (--gpus 1)", ex.Message);
        Assert.Contains("no GPU runtime", ex.Message);
        Assert.Contains("NVIDIA Container Toolkit", ex.Message);
        Assert.Empty(await Managed.ContainersOfRunAsync(engine, runId));
    }

    [Fact]
    public async Task Cpu_fallback_runs_without_gpus_only_when_allowed_and_warns_loudly()
    {
        var engine = docker.Require();
        if ((await engine.GetGpuSupportAsync(Ct)).Available)
        {
            Assert.Skip("This engine has a GPU runtime, so CPU fallback never applies here.");
        }

        var rec = new Recorder();
        var result = await docker.Runner().RunAsync(
            Sh("echo smoke-ok").AllGpus().Build(),
            new ContainerRunRequest { RunId = Managed.NewRunId("fallback"), StageName = "train", AllowCpuFallback = true, LogSink = rec.Log },
            Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.RanWithoutRequestedGpus);
        Assert.Contains("smoke-ok", rec.Lines);
        Assert.Contains(rec.Lines, l => l.Contains("WARNING", StringComparison.Ordinal) && l.Contains("CPU SMOKE RUN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_request_settings_fail_with_clear_messages()
    {
        var runner = docker.Runner();
        var spec = Sh("true").Build();

        var missing = await Assert.ThrowsAsync<ContainerStageException>(() => runner.RunAsync(
            spec, new ContainerRunRequest { RunId = "r", StageName = "s", Inputs = new Dictionary<string, string> { ["data"] = "/nonexistent/llmops" } }, Ct));
        var reserved = await Assert.ThrowsAsync<ContainerStageException>(() => runner.RunAsync(
            spec, new ContainerRunRequest { RunId = "r", StageName = "s", Labels = new Dictionary<string, string> { ["llmops.stage"] = "x" } }, Ct));

        Assert.Contains("not an existing directory", missing.Message);
        Assert.Contains("reserved prefix", reserved.Message);
    }
}
