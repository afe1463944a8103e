using System.Collections.Concurrent;
using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>
/// Writes <c>.llmops/runs/&lt;run-id&gt;/report.html</c> when a run ends: a timeline of the stages and a chart of every
/// metric series the stages reported, so a training curve is looked at, not read from a log.
/// </summary>
public sealed class RunReportObserver(RunStore runs) : IRunObserver
{
    // Enough points for a smooth curve; a run logging millions keeps every n-th one (the last point always).
    private const int MaxPointsPerSeries = 2000;
    private readonly ConcurrentDictionary<(string Stage, string Metric), MetricSeries> _series = new();
    private List<(string Stage, IReadOnlyList<string> DependsOn)> _plan = [];

    /// <summary>The file name of the report inside the run folder.</summary>
    public const string FileName = "report.html";

    /// <inheritdoc />
    public Task RunStartedAsync(RunRecord run, ExecutionPlan plan)
    {
        _plan = plan.Stages.Select(s => (s.Id, (IReadOnlyList<string>)s.Dependencies.Select(d => d.Id).ToList())).ToList();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StageStartedAsync(RunRecord run, PlannedStage stage) => Task.CompletedTask;

    /// <inheritdoc />
    public void Metric(string stageId, string name, double value, long step) =>
        _series.GetOrAdd((stageId, name), _ => new MetricSeries(MaxPointsPerSeries)).Add(step, value);

    /// <inheritdoc />
    public Task StageFinishedAsync(RunRecord run, PlannedStage stage, StageRecord record, IReadOnlyDictionary<string, string> artifactDirectories) => Task.CompletedTask;

    /// <inheritdoc />
    public Task RunFinishedAsync(RunRecord run)
    {
        var series = _series.OrderBy(s => s.Key.Stage, StringComparer.Ordinal).ThenBy(s => s.Key.Metric, StringComparer.Ordinal)
            .Select(s => (s.Key.Stage, s.Key.Metric, Points: s.Value.Snapshot()))
            .ToList();
        var directory = runs.RunDirectory(run.RunId);
        // Summaries are saved by the executor as each stage reports them (masked), one file per stage.
        var summaries = run.Stages
            .Select(s => (s.Id, File: Path.Combine(directory, "summaries", s.Id + ".md")))
            .Where(s => File.Exists(s.File))
            .ToDictionary(s => s.Id, s => File.ReadAllText(s.File));
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), RunReportHtml.Render(run, series, new RunReportContext(_plan, summaries)));
        return Task.CompletedTask;
    }
}
