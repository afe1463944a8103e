using System.Text.Json;
using LlmOps.Execution;
using LlmOps.Tracking;
using TrackingStatus = LlmOps.Tracking.RunStatus;

namespace LlmOps.Cli.Tracking;

/// <summary>
/// Records a stage taken from the cache as a nested run of the pipeline run, so the tracker shows what a run used and
/// where it came from. The run is tagged with the pipeline run that produced the outputs and, when known, the tracker
/// and run that recorded them; it carries the producer's final metrics; and it links to the run on this tracker that
/// holds the outputs (the producer's own, or an earlier copy). When there is none, because the producer was tracked
/// on another server or not at all, the outputs and model version are recorded into this run, once per tracker.
/// </summary>
internal sealed class CachedStageRecorder(ITracker tracker, RunEnvironment environment, TrackedRunFiles files)
{
    internal const string Linked = "linked";
    internal const string Copied = "copied";

    /// <summary>Records the cached stage; returns the metrics copied into it, for the pipeline run's summary.</summary>
    /// <param name="stageId">The stage.</param>
    /// <param name="cacheKey">The key it was found under.</param>
    /// <param name="startRun">Starts the stage's nested run with extra tags (and the parameters it reads).</param>
    /// <param name="recordOutputs">Records the stage's outputs (artifacts, model version) into a run.</param>
    internal async Task<IReadOnlyList<MetricPoint>> RecordAsync(
        string stageId, string? cacheKey, Func<IReadOnlyDictionary<string, string>, Task<RunHandle>> startRun, Func<RunHandle, Task> recordOutputs)
    {
        var producer = cacheKey is null ? null : environment.Cache.Find(cacheKey)?.RunId;
        var tags = new Dictionary<string, string>();
        RunHandle? holder = null;
        var origin = "";
        if (producer is not null)
        {
            tags[SystemTags.CachedFromPipelineRunId] = producer;
            origin = $"pipeline run {producer}";
            if (files.Load(producer) is { } tracked)
            {
                tags[SystemTags.CachedFromLocation] = tracked.Location;
                var producerRun = tracked.Stages.GetValueOrDefault(stageId);
                if (producerRun is not null)
                {
                    tags[SystemTags.CachedFromRunId] = producerRun;
                }

                origin += producerRun is null ? $" (tracked on {tracked.Location})" : $" (tracked on {tracked.Location} as run {producerRun})";
            }

            // The producer's own run is here when it was tracked on this tracker or pushed to it; otherwise an earlier
            // cached run may already hold a copy.
            holder = await tracker.FindRunAsync(new Dictionary<string, string> { [SystemTags.Stage] = stageId, [SystemTags.PipelineRunId] = producer })
                ?? await tracker.FindRunAsync(new Dictionary<string, string> { [SystemTags.Stage] = stageId, [SystemTags.CachedFromPipelineRunId] = producer, [SystemTags.Outputs] = Copied });
        }

        if (holder is not null)
        {
            tags[SystemTags.Outputs] = Linked;
            tags[SystemTags.OutputsRunId] = holder.RunId;
            tags[SystemTags.Note] = $"Taken from the cache: produced by {origin}. Outputs and full metric history: [run {holder.RunId}](#/experiments/{holder.ExperimentId}/runs/{holder.RunId}).";
        }

        var run = await startRun(tags);
        if (holder is null)
        {
            await recordOutputs(run);
            var from = producer is null ? "an earlier run" : origin;
            await tracker.SetTagsAsync(run, new Dictionary<string, string>
            {
                [SystemTags.Outputs] = Copied,
                [SystemTags.OutputsRunId] = run.RunId,
                [SystemTags.Note] = $"Taken from the cache: produced by {from}. Its outputs and final metrics are recorded in this run.",
            });
        }

        var metrics = producer is null ? [] : FinalMetrics(producer, stageId);
        if (metrics.Count > 0)
        {
            await tracker.LogMetricsAsync(run, metrics);
        }

        await tracker.EndRunAsync(run, TrackingStatus.Finished);
        return metrics;
    }

    // The run record keeps each stage's last value of every metric; the full history stays with the producer's run.
    private List<MetricPoint> FinalMetrics(string producer, string stageId)
    {
        StageRecord? stage;
        try
        {
            stage = environment.Runs.Load(producer)?.Stages.FirstOrDefault(s => s.Id == stageId);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var timestamp = (stage?.FinishedAt ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds();
        return stage is null ? [] : stage.Metrics.Select(m => new MetricPoint(m.Key, m.Value, 0, timestamp)).ToList();
    }
}
