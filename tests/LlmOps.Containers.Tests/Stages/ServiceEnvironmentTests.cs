using LlmOps.Containers.Tests.Infrastructure;
using LlmOps.Dsl;
using LlmOps.Execution;
using LlmOps.Planning;

namespace LlmOps.Containers.Tests.Stages;

/// <summary>A container stage hands the tracker's run ids to the trainer, so MLflow inside logs into the same run.</summary>
[Collection(TestCollections.ContainerStages)]
public sealed class ServiceEnvironmentTests(DockerFixture docker)
{
    private sealed class FakeTracker : IRunObserver, IStageEnvironmentSource
    {
        public Task RunStartedAsync(RunRecord run, ExecutionPlan plan) => Task.CompletedTask;

        public Task StageStartedAsync(RunRecord run, PlannedStage stage) => Task.CompletedTask;

        public void Metric(string stageId, string name, double value, long step)
        {
        }

        public Task StageFinishedAsync(RunRecord run, PlannedStage stage, StageRecord record, IReadOnlyDictionary<string, string> artifactDirectories) => Task.CompletedTask;

        public Task RunFinishedAsync(RunRecord run) => Task.CompletedTask;

        public IReadOnlyList<ProcessVariable> EnvironmentFor(string stageId) =>
        [
            new("MLFLOW_RUN_ID", "run-for-" + stageId, false),
            new("MLFLOW_TRACKING_URI", "http://host.docker.internal:5000", false),
            new("MLFLOW_TRACKING_TOKEN", "tracking-token-secret", true),
        ];
    }

    [Fact]
    public async Task Tracker_variables_reach_the_container_and_the_token_is_masked()
    {
        docker.Require();
        using var dir = new TempDir();
        var harness = new PipelineHarness(dir.Sub("repo"), typeof(ServiceEnvironmentPipeline));

        var run = await harness.RunAsync("ServiceEnvironment.Show", TestContext.Current.CancellationToken, observers: [new FakeTracker()]);

        Assert.Equal(StageStatus.Succeeded, run.Stage("ServiceEnvironment.Show").Status);
        var log = run.Log("ServiceEnvironment.Show");
        Assert.Contains("run=run-for-ServiceEnvironment.Show uri=http://host.docker.internal:5000 token=***", log, StringComparison.Ordinal);
        Assert.DoesNotContain("tracking-token-secret", log, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Reporter.Lines, l => l.Contains("tracking-token-secret", StringComparison.Ordinal));
    }
}
