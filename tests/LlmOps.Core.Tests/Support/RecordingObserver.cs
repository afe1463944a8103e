using System.Collections.Concurrent;

namespace LlmOps.Core.Tests.Support;

/// <summary>An observer that writes down what it is told, or throws on every call when asked to.</summary>
public sealed class RecordingObserver(bool fail = false) : IRunObserver
{
    public ConcurrentQueue<string> Events { get; } = new();

    public Task RunStartedAsync(RunRecord run, ExecutionPlan plan) => Note($"run-started {plan.Stages.Count}");

    public Task StageStartedAsync(RunRecord run, PlannedStage stage) => Note($"stage-started {stage.Id}");

    public void Metric(string stageId, string name, double value, long step) => Note($"metric {stageId} {name}={value}").GetAwaiter().GetResult();

    public Task StageFinishedAsync(RunRecord run, PlannedStage stage, StageRecord record, IReadOnlyDictionary<string, string> artifactDirectories) =>
        Note($"stage-finished {stage.Id} {KebabCaseName.Of(record.Status)} [{string.Join(",", artifactDirectories.Select(a => $"{a.Key}:{Directory.Exists(a.Value)}"))}]");

    public Task RunFinishedAsync(RunRecord run) => Note($"run-finished {KebabCaseName.Of(run.Status)}");

    private Task Note(string text)
    {
        if (fail)
        {
            throw new InvalidOperationException("the tracking server is down");
        }

        Events.Enqueue(text);
        return Task.CompletedTask;
    }
}
