using System.Globalization;
using LlmOps.Tracking.Mlflow;

namespace LlmOps.Tracking.Local;

/// <summary>
/// Finds the server's run for a local run, or creates it: the run remembered for this server if it still exists there
/// (a server can be reset or the run deleted), else a run carrying the <c>llmops.local_run_id</c> tag (a push that was
/// interrupted after runs/create, or a ledger lost), else a new one. How many metric points the run already has comes
/// from its <c>llmops.pushed_metric_id</c> tag, so the server, not the local cache, decides what is sent again.
/// </summary>
internal sealed class RemoteRunLocator(MlflowClient client, PushLedger ledger, string experimentId)
{
    internal async Task<RemoteRun> FindOrCreateAsync(LocalRun run, CancellationToken cancellationToken)
    {
        var remembered = await ledger.RemoteRunIdAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        var found = remembered is null ? null : await GetLiveRunAsync(remembered, cancellationToken).ConfigureAwait(false);
        found ??= await SearchByLocalIdAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            var created = await client.Api.CreateRunAsync(
                new CreateRunRequest
                {
                    ExperimentId = experimentId,
                    RunName = run.Name,
                    StartTime = run.StartTime,
                    Tags = [new KeyValue(LocalRunPusher.LocalRunIdTag, run.RunId)],
                },
                cancellationToken).ConfigureAwait(false);
            await ledger.RecordAsync(run.RunId, created.Run.Info.RunId, 0, cancellationToken).ConfigureAwait(false);
            return new RemoteRun(created.Run.Info, 0, Created: true);
        }

        var watermark = WatermarkTag(found) ?? await ledger.KnownWatermarkAsync(found.Info.RunId, cancellationToken).ConfigureAwait(false) ?? 0;
        await ledger.RecordAsync(run.RunId, found.Info.RunId, watermark, cancellationToken).ConfigureAwait(false);
        return new RemoteRun(found.Info, watermark, Created: false);
    }

    private async Task<Run?> GetLiveRunAsync(string remoteRunId, CancellationToken cancellationToken)
    {
        try
        {
            var run = (await client.Api.GetRunAsync(remoteRunId, cancellationToken).ConfigureAwait(false)).Run;
            return run.Info.LifecycleStage != "deleted" && run.Info.ExperimentId == experimentId ? run : null;
        }
        catch (MlflowException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    private async Task<Run?> SearchByLocalIdAsync(string localRunId, CancellationToken cancellationToken)
    {
        var response = await client.Api.SearchRunsAsync(
            new SearchRunsRequest { ExperimentIds = [experimentId], Filter = $"tags.`{LocalRunPusher.LocalRunIdTag}` = '{localRunId}'", MaxResults = 1 },
            cancellationToken).ConfigureAwait(false);
        return response.Runs is [var found, ..] ? found : null;
    }

    private static long? WatermarkTag(Run run) =>
        run.Data?.Tags?.LastOrDefault(t => t.Key == LocalRunPusher.PushedMetricIdTag) is { } tag
        && long.TryParse(tag.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>The server's run for a local run.</summary>
/// <param name="Info">Its info as the server reported it (status, end time, artifact URI).</param>
/// <param name="Watermark">Local metric row id up to which its points are on the server.</param>
/// <param name="Created">Whether this push created it.</param>
internal sealed record RemoteRun(RunInfo Info, long Watermark, bool Created);
