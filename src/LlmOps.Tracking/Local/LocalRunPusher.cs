using LlmOps.Tracking.Mlflow;

namespace LlmOps.Tracking.Local;

/// <summary>
/// Replays local runs into an MLflow server: params, tags, metrics with their steps and timestamps, nesting,
/// artifacts and end status. Progress is remembered in the local database, so pushing again sends only what is new.
/// </summary>
public sealed class LocalRunPusher(LocalTracker local, MlflowClient client)
{
    /// <summary>Tag put on the remote run, so a push interrupted right after creating it finds it again instead of creating a twin.</summary>
    public const string LocalRunIdTag = "llmops.local_run_id";

    /// <summary>Pushes every local run; returns what was sent.</summary>
    public async Task<PushResult> PushAllAsync(CancellationToken cancellationToken = default)
    {
        var experimentId = await client.GetOrCreateExperimentAsync(client.Options.ExperimentName, cancellationToken).ConfigureAwait(false);
        var result = new PushResult();
        foreach (var run in await local.ListAllRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            await PushRunAsync(run, experimentId, result, cancellationToken).ConfigureAwait(false);
        }

        await new LocalModelPusher(local, client).PushAsync(result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task PushRunAsync(LocalRun run, string experimentId, PushResult result, CancellationToken cancellationToken)
    {
        var state = await ReadStateAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        var remote = state?.RemoteRunId ?? await CreateRemoteRunAsync(run, experimentId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            result.RunsCreated++;
        }

        var tags = run.Tags.Select(t => new KeyValue(t.Key, t.Value)).ToList();
        if (run.ParentRunId is { } parent && await ReadStateAsync(parent, cancellationToken).ConfigureAwait(false) is { } parentState)
        {
            tags.RemoveAll(t => t.Key == SystemTags.ParentRunId);
            tags.Add(new KeyValue(SystemTags.ParentRunId, parentState.RemoteRunId));
        }

        // Params and tags are idempotent on the server (same value re-logged, tags overwritten), so they are always resent.
        await client.LogBatchAsync(remote, null, run.Params.Select(p => new KeyValue(p.Key, p.Value)).ToList(), tags, cancellationToken).ConfigureAwait(false);

        var watermark = state?.LastMetricId ?? 0;
        while (true)
        {
            var chunk = await local.ReadMetricsAsync(run.RunId, watermark, LogBatchSplitter.MaxMetrics, cancellationToken).ConfigureAwait(false);
            if (chunk.Count == 0)
            {
                break;
            }

            var metrics = chunk.Select(m => new Metric { Key = m.Point.Key, Value = m.Point.Value, Step = m.Point.Step, Timestamp = m.Point.TimestampMs }).ToList();
            await client.LogBatchAsync(remote, metrics, null, null, cancellationToken).ConfigureAwait(false);
            watermark = chunk[^1].Id;
            await local.Store.WriteAsync((c, tx) => LocalStore.Execute(c, tx, "UPDATE pushes SET last_metric_id=$w WHERE local_run_id=$r", ("$w", watermark), ("$r", run.RunId)), cancellationToken).ConfigureAwait(false);
            result.MetricsPushed += chunk.Count;
        }

        await PushArtifactsAsync(run, remote, result, cancellationToken).ConfigureAwait(false);

        if (run.EndTime is { } end && state is not { Ended: true })
        {
            await client.Api.UpdateRunAsync(new UpdateRunRequest { RunId = remote, Status = MlflowTracker.StatusName(run.Status), EndTime = end }, cancellationToken).ConfigureAwait(false);
            await local.Store.WriteAsync((c, tx) => LocalStore.Execute(c, tx, "UPDATE pushes SET ended=1 WHERE local_run_id=$r", ("$r", run.RunId)), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PushArtifactsAsync(LocalRun run, string remoteRunId, PushResult result, CancellationToken cancellationToken)
    {
        if (run.Artifacts.Count == 0)
        {
            return;
        }

        var pushed = await local.Store.ReadAsync(
            c =>
            {
                using var cmd = LocalStore.Command(c, null, "SELECT path FROM pushed_artifacts WHERE local_run_id=$r", ("$r", run.RunId));
                using var reader = cmd.ExecuteReader();
                var set = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    set.Add(reader.GetString(0));
                }

                return set;
            },
            cancellationToken).ConfigureAwait(false);

        var remoteRun = await client.Api.GetRunAsync(remoteRunId, cancellationToken).ConfigureAwait(false);
        var artifactUri = remoteRun.Run.Info.ArtifactUri ?? throw new MlflowException("GET /api/2.0/mlflow/runs/get", 200, null, $"run {remoteRunId} has no artifact_uri");
        foreach (var path in run.Artifacts.Where(p => !pushed.Contains(p)))
        {
            var file = Path.Combine(local.ArtifactRoot, run.RunId, path.Replace('/', Path.DirectorySeparatorChar));
            var slash = path.LastIndexOf('/');
            await client.UploadArtifactAsync(artifactUri, file, slash < 0 ? null : path[..slash], cancellationToken).ConfigureAwait(false);
            await local.Store.WriteAsync((c, tx) => LocalStore.Execute(c, tx, "INSERT OR IGNORE INTO pushed_artifacts(local_run_id,path) VALUES($r,$p)", ("$r", run.RunId), ("$p", path)), cancellationToken).ConfigureAwait(false);
            result.ArtifactsPushed++;
        }
    }

    private async Task<string> CreateRemoteRunAsync(LocalRun run, string experimentId, CancellationToken cancellationToken)
    {
        var existing = await client.Api.SearchRunsAsync(
            new SearchRunsRequest { ExperimentIds = [experimentId], Filter = $"tags.`{LocalRunIdTag}` = '{run.RunId}'", MaxResults = 1 },
            cancellationToken).ConfigureAwait(false);
        string remote;
        if (existing.Runs is [var found, ..])
        {
            remote = found.Info.RunId;
        }
        else
        {
            var created = await client.Api.CreateRunAsync(
                new CreateRunRequest
                {
                    ExperimentId = experimentId,
                    RunName = run.Name,
                    StartTime = run.StartTime,
                    Tags = [new KeyValue(LocalRunIdTag, run.RunId)],
                },
                cancellationToken).ConfigureAwait(false);
            remote = created.Run.Info.RunId;
        }

        await local.Store.WriteAsync((c, tx) => LocalStore.Execute(c, tx, "INSERT INTO pushes(local_run_id,remote_run_id) VALUES($l,$r)", ("$l", run.RunId), ("$r", remote)), cancellationToken).ConfigureAwait(false);
        return remote;
    }

    private Task<PushState?> ReadStateAsync(string localRunId, CancellationToken cancellationToken) =>
        local.Store.ReadAsync(
            c =>
            {
                using var cmd = LocalStore.Command(c, null, "SELECT remote_run_id,last_metric_id,ended FROM pushes WHERE local_run_id=$r", ("$r", localRunId));
                using var reader = cmd.ExecuteReader();
                return reader.Read() ? new PushState(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2) != 0) : null;
            },
            cancellationToken);

    private sealed record PushState(string RemoteRunId, long LastMetricId, bool Ended);
}
