using System.Text.Json;
using LlmOps.Execution;
using LlmOps.Tracking;
using LlmOps.Tracking.Mlflow;
using TrackingStatus = LlmOps.Tracking.RunStatus;

namespace LlmOps.Cli.Tracking;

/// <summary>
/// Ends the tracker runs of earlier pipeline runs whose process died before it could (kill -9, a lost machine), which
/// would otherwise stay RUNNING in MLflow for ever: the pipeline run becomes KILLED (or the status its record ended
/// with), and each stage run that was still going becomes KILLED. Only runs recorded in this repository's
/// <c>.llmops/runs</c>, on this tracker, whose process is gone, are touched.
/// </summary>
internal static class AbandonedTrackedRuns
{
    /// <summary>Ends every abandoned run; returns how many pipeline runs were ended.</summary>
    internal static async Task<int> CloseAsync(ITracker tracker, TrackedRunFiles files, RunStore runs, string currentRunId)
    {
        var closed = 0;
        foreach (var (runId, tracked) in files.Unended().Where(x => x.RunId != currentRunId && x.Run.Location == tracker.Location).ToList())
        {
            // A record still running belongs to a live process; RunStore marks one whose process is gone as interrupted.
            if (Load(runs, runId) is not { Status: not Execution.RunStatus.Running } record)
            {
                continue;
            }

            try
            {
                foreach (var (stageId, stageRunId) in tracked.Stages)
                {
                    var stage = record.Stages.FirstOrDefault(s => s.Id == stageId);
                    if (stage is null or { Status: StageStatus.Running or StageStatus.Cancelled or StageStatus.Pending })
                    {
                        await tracker.EndRunAsync(Handle(stageRunId, tracked), TrackingStatus.Killed);
                    }
                }

                await tracker.EndRunAsync(Handle(tracked.ParentRunId, tracked), record.Status switch
                {
                    Execution.RunStatus.Succeeded => TrackingStatus.Finished,
                    Execution.RunStatus.Interrupted => TrackingStatus.Killed,
                    _ => TrackingStatus.Failed,
                });
            }
            catch (MlflowException e) when (e.StatusCode is >= 400 and < 500)
            {
                // The server no longer has the run (reset, or the run deleted): there is nothing left to end, and
                // trying again at every start would fail the same way.
            }

            tracked.Ended = true;
            files.Save(runId, tracked);
            closed++;
        }

        return closed;
    }

    private static RunHandle Handle(string runId, TrackedRun tracked) => new(runId, tracked.ExperimentId, "", null);

    private static RunRecord? Load(RunStore runs, string runId)
    {
        try
        {
            return runs.Load(runId);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
