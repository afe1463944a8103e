using LlmOps.Containers.Errors;
using LlmOps.Containers.Running;
using LlmOps.Containers.Tests.Infrastructure;

namespace LlmOps.Containers.Tests.Running;

/// <summary>Timeouts and cancellation stop and remove the container; declared transient exit codes are retried.</summary>
[Collection(TestCollections.ContainerRunner)]
public sealed class ContainerRunnerStopAndRetryTests(DockerFixture docker)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Timeout_stops_and_removes_the_container()
    {
        var engine = docker.Require();
        var runner = docker.Runner();
        var runId = Managed.NewRunId("timeout");
        var started = DateTime.UtcNow;

        var ex = await Assert.ThrowsAsync<ContainerTimeoutException>(() => runner.RunAsync(
           ShellSpec.Of("echo sleeping; sleep 60").Timeout(TimeSpan.FromSeconds(2)).Build(),
            new ContainerRunRequest { RunId = runId, StageName = "timeout" },
            Ct));

        Assert.Contains("timeout", ex.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
        Assert.Empty(await Managed.ContainersOfRunAsync(engine, runId));
    }

    [Fact]
    public async Task Cancellation_stops_and_removes_the_container()
    {
        var engine = docker.Require();
        var runner = docker.Runner();
        var runId = Managed.NewRunId("cancel");
        var rec = new Recorder();
        var running = rec.WhenLine("started");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = runner.RunAsync(ShellSpec.Of("echo started; sleep 60").Build(), new ContainerRunRequest { RunId = runId, StageName = "cancel", LogSink = rec.Log }, cts.Token);
        await running.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.NotEmpty(await Managed.ContainersOfRunAsync(engine, runId));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(await Managed.ContainersOfRunAsync(engine, runId));
    }

    [Fact]
    public async Task Transient_exit_codes_are_retried_with_backoff()
    {
        var runner = docker.Runner();
        using var dir = new TempDir();
        var rec = new Recorder();
        const string Script = "n=$(cat /llmops/outputs/count 2>/dev/null || echo 0); n=$((n+1)); echo $n > /llmops/outputs/count; echo attempt-$n; [ $n -ge 2 ] && exit 0; exit 75";

        var result = await runner.RunAsync(
           ShellSpec.Of(Script).RetryOn([75], maxAttempts: 3, backoff: TimeSpan.FromMilliseconds(100)).Build(),
            new ContainerRunRequest { RunId = Managed.NewRunId("retry"), StageName = "retry", OutputsDirectory = dir.Sub("out"), LogSink = rec.Log },
            Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(["attempt-2"], result.LogTail);
        Assert.Contains(rec.Lines, l => l.Contains("exited with transient code 75", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Non_transient_exit_code_is_not_retried()
    {
        var runner = docker.Runner();
        var result = await runner.RunAsync(
           ShellSpec.Of("echo boom; exit 2").RetryOn([75], 3, TimeSpan.Zero).Build(),
            new ContainerRunRequest { RunId = Managed.NewRunId("noretry"), StageName = "noretry" },
            Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(["boom"], result.LogTail);
    }
}
