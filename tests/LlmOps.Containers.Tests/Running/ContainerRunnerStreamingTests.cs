using LlmOps.Containers.Running;
using LlmOps.Containers.Tests.Infrastructure;

namespace LlmOps.Containers.Tests.Running;

/// <summary>Log lines and metrics reach their sinks while the container still runs.</summary>
[Collection(TestCollections.ContainerRunner)]
public sealed class ContainerRunnerStreamingTests(DockerFixture docker)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Log_lines_arrive_while_the_container_still_runs()
    {
        var runner = docker.Runner();
        var rec = new Recorder();
        var first = rec.WhenLine("first-line");

        var run = runner.RunAsync(
           ShellSpec.Of("echo first-line; sleep 3; echo second-line").Build(),
            new ContainerRunRequest { RunId = Managed.NewRunId("live"), StageName = "live", LogSink = rec.Log },
            Ct);

        await first.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.False(run.IsCompleted, "the first line should arrive before the container exits");
        var result = await run;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["first-line", "second-line"], result.LogTail);
    }

    [Fact]
    public async Task Metrics_appended_by_the_trainer_reach_the_sink_while_it_runs()
    {
        var runner = docker.Runner();
        using var dir = new TempDir();
        var rec = new Recorder();
        var firstMetric = rec.WhenLine("metric:loss");
        const string Script = """
            echo '{"name":"loss","value":0.5,"step":1}' >> $LLMOPS_METRICS_FILE; sleep 2
            echo 'garbage' >> $LLMOPS_METRICS_FILE
            printf '{"name":"loss","value":0.25,"step":2}' >> $LLMOPS_METRICS_FILE
            """;

        var run = runner.RunAsync(
           ShellSpec.Of(Script).Build(),
            new ContainerRunRequest { RunId = Managed.NewRunId("metrics"), StageName = "metrics", OutputsDirectory = dir.Sub("out"), LogSink = rec.Log, MetricsSink = rec.Metric },
            Ct);

        await firstMetric.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.False(run.IsCompleted, "the first metric should be reported while the container runs");
        await run;
        Assert.Equal([new MetricPoint("loss", 0.5, 1), new MetricPoint("loss", 0.25, 2)], rec.Metrics);
        Assert.Contains(rec.Lines, l => l.StartsWith("[llmops] ignored metrics line 2", StringComparison.Ordinal));
    }
}
