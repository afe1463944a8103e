using System.Globalization;
using LlmOps.Tracking.Mlflow;

namespace LlmOps.Tracking.Local;

/// <summary>
/// Replays local runs into an MLflow server: params, tags, metrics with their steps and timestamps, nesting,
/// artifacts and end status. What was pushed is remembered per server and checked against the server, so pushing
/// again sends only what is new, pushing to another server sends everything there, and a server that lost its data
/// gets it again.
/// </summary>
public sealed class LocalRunPusher(LocalTracker local, MlflowClient client)
{
    /// <summary>Tag put on the remote run, so a push interrupted right after creating it finds it again instead of creating a twin.</summary>
    public const string LocalRunIdTag = "llmops.local_run_id";

    /// <summary>Tag on the remote run: the local metric row id up to which its points were sent, written with each chunk.</summary>
    public const string PushedMetricIdTag = "llmops.pushed_metric_id";

    // One entity of the 1000 a log-batch may carry is the watermark tag, sent in the same request as its points.
    private const int MetricsPerRequest = LogBatchSplitter.MaxEntities - 1;

    /// <summary>Pushes every local run; returns what was sent.</summary>
    public async Task<PushResult> PushAllAsync(CancellationToken cancellationToken = default)
    {
        var experimentId = await client.GetOrCreateExperimentAsync(client.Options.ExperimentName, cancellationToken).ConfigureAwait(false);
        var ledger = new PushLedger(local.Store, client.Options.ServerIdentity);
        var locator = new RemoteRunLocator(client, ledger, experimentId);
        var remoteIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new PushResult();

        // Parents come first, so a stage's parent already has its remote id when the stage is pushed.
        foreach (var run in await local.ListAllRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            var remote = await locator.FindOrCreateAsync(run, cancellationToken).ConfigureAwait(false);
            remoteIds[run.RunId] = remote.Info.RunId;
            result.RunsCreated += remote.Created ? 1 : 0;
            await PushRunAsync(run, remote, remoteIds, ledger, result, cancellationToken).ConfigureAwait(false);
        }

        await new LocalModelPusher(local, client).PushAsync(remoteIds, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task PushRunAsync(LocalRun run, RemoteRun remote, Dictionary<string, string> remoteIds, PushLedger ledger, PushResult result, CancellationToken cancellationToken)
    {
        var remoteId = remote.Info.RunId;
        var tags = run.Tags.Select(t => new KeyValue(t.Key, t.Value)).ToList();
        if (run.ParentRunId is { } parent && remoteIds.TryGetValue(parent, out var remoteParent))
        {
            tags.RemoveAll(t => t.Key == SystemTags.ParentRunId);
            tags.Add(new KeyValue(SystemTags.ParentRunId, remoteParent));
        }

        // Params and tags are idempotent on the server (same value re-logged, tags overwritten), so they are always resent.
        await client.LogBatchAsync(remoteId, null, run.Params.Select(p => new KeyValue(p.Key, p.Value)).ToList(), tags, cancellationToken).ConfigureAwait(false);

        var watermark = remote.Watermark;
        while (true)
        {
            var chunk = await local.ReadMetricsAsync(run.RunId, watermark, MetricsPerRequest, cancellationToken).ConfigureAwait(false);
            if (chunk.Count == 0)
            {
                break;
            }

            watermark = chunk[^1].Id;
            var request = new LogBatchRequest
            {
                RunId = remoteId,
                Metrics = chunk.Select(m => new Metric { Key = m.Point.Key, Value = m.Point.Value, Step = m.Point.Step, Timestamp = m.Point.TimestampMs }).ToList(),
                Tags = [new KeyValue(PushedMetricIdTag, watermark.ToString(CultureInfo.InvariantCulture))],
            };
            await client.Api.LogBatchAsync(request, cancellationToken).ConfigureAwait(false);
            await ledger.RecordAsync(run.RunId, remoteId, watermark, cancellationToken).ConfigureAwait(false);
            result.MetricsPushed += chunk.Count;
        }

        await PushArtifactsAsync(run, remote.Info, ledger, result, cancellationToken).ConfigureAwait(false);

        var status = MlflowTracker.StatusName(run.Status);
        if (run.EndTime is { } end && (remote.Info.EndTime != end || remote.Info.Status != status))
        {
            await client.Api.UpdateRunAsync(new UpdateRunRequest { RunId = remoteId, Status = status, EndTime = end }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PushArtifactsAsync(LocalRun run, RunInfo remote, PushLedger ledger, PushResult result, CancellationToken cancellationToken)
    {
        if (run.Artifacts.Count == 0)
        {
            return;
        }

        var pushed = await ledger.PushedArtifactsAsync(remote.RunId, cancellationToken).ConfigureAwait(false);
        var artifactUri = remote.ArtifactUri ?? throw new MlflowException("GET /api/2.0/mlflow/runs/get", 200, null, $"run {remote.RunId} has no artifact_uri");
        foreach (var path in run.Artifacts.Where(p => !pushed.Contains(p)))
        {
            var file = Path.Combine(local.ArtifactRoot, run.RunId, path.Replace('/', Path.DirectorySeparatorChar));
            var slash = path.LastIndexOf('/');
            await client.UploadArtifactAsync(artifactUri, file, slash < 0 ? null : path[..slash], cancellationToken).ConfigureAwait(false);
            await ledger.ArtifactPushedAsync(remote.RunId, path, cancellationToken).ConfigureAwait(false);
            result.ArtifactsPushed++;
        }
    }
}
