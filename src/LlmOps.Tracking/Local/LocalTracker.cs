using Microsoft.Data.Sqlite;

namespace LlmOps.Tracking.Local;

/// <summary>
/// <see cref="ITracker"/> that needs nothing installed: runs go to a SQLite file (default <c>.llmops/tracking.db</c>)
/// and artifacts are copied into an <c>artifacts/&lt;run id&gt;/</c> folder beside it. Safe for several processes at once.
/// </summary>
public sealed partial class LocalTracker : ITracker
{
    /// <summary>The experiment id reported for local runs.</summary>
    public const string LocalExperimentId = "local";

    /// <summary>The <see cref="ITracker.Location"/> of every local tracker: runs recorded in the repository's own store.</summary>
    public const string LocalLocation = "local";

    /// <summary>Opens (creating when needed) the store in <paramref name="directory"/>.</summary>
    public LocalTracker(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException("The local tracking directory must not be empty.", nameof(directory));
        }

        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        var layout = new StateLayout(Directory);
        ArtifactRoot = layout.TrackingArtifacts;
        Store = new LocalStore(layout.TrackingDatabase);
    }

    /// <summary>Folder holding the database and artifacts.</summary>
    public string Directory { get; }

    /// <summary>Path of the SQLite database.</summary>
    public string DatabasePath => Store.DatabasePath;

    /// <summary>Root folder of copied artifacts.</summary>
    public string ArtifactRoot { get; }

    internal LocalStore Store { get; }

    /// <inheritdoc />
    public string Location => LocalLocation;

    /// <inheritdoc />
    public Registry.IRegistryBackend Registry => new LocalRegistryBackend(Store);

    /// <inheritdoc />
    public Task<RunHandle> StartPipelineRunAsync(string pipelineName, string pipelineRunId, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
        CreateRunAsync(pipelineName, TrackerTags.PipelineKind, null, TrackerTags.ForPipeline(pipelineName, pipelineRunId, tags), cancellationToken);

    /// <inheritdoc />
    public Task<RunHandle> StartStageRunAsync(RunHandle parent, string stageName, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
        CreateRunAsync(stageName, TrackerTags.StageKind, parent.RunId, TrackerTags.ForStage(parent, stageName, tags), cancellationToken);

    /// <inheritdoc />
    public Task LogParamsAsync(RunHandle run, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default)
    {
        foreach (var key in parameters.Keys)
        {
            TrackingValidation.Key(key, "parameter");
        }

        return Store.WriteAsync(
            (c, tx) =>
            {
                foreach (var (key, raw) in parameters)
                {
                    var value = TrackingValidation.Truncate(raw, TrackingValidation.MaxParamValueLength);
                    using var read = LocalStore.Command(c, tx, "SELECT value FROM params WHERE run_id=$r AND key=$k", ("$r", run.RunId), ("$k", key));
                    if (read.ExecuteScalar() is string existing)
                    {
                        if (existing != value)
                        {
                            throw new InvalidOperationException($"Changing param values is not allowed: '{key}' was already logged for run {run.RunId} with a different value.");
                        }

                        continue;
                    }

                    LocalStore.Execute(c, tx, "INSERT INTO params(run_id,key,value) VALUES($r,$k,$v)", ("$r", run.RunId), ("$k", key), ("$v", value));
                }
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task LogMetricAsync(RunHandle run, MetricPoint point, CancellationToken cancellationToken = default) =>
        LogMetricsAsync(run, [point], cancellationToken);

    /// <inheritdoc />
    public Task LogMetricsAsync(RunHandle run, IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken = default)
    {
        foreach (var key in points.Select(p => p.Key).Distinct())
        {
            TrackingValidation.Key(key, "metric");
        }

        return Store.WriteAsync(
            (c, tx) =>
            {
                using var insert = LocalStore.Command(c, tx, "INSERT INTO metrics(run_id,key,value,step,timestamp) VALUES($r,$k,$v,$s,$t)", ("$r", run.RunId), ("$k", ""), ("$v", 0.0), ("$s", 0L), ("$t", 0L));
                foreach (var p in points)
                {
                    insert.Parameters["$k"].Value = p.Key;
                    insert.Parameters["$v"].Value = double.IsNaN(p.Value) ? DBNull.Value : p.Value;
                    insert.Parameters["$s"].Value = p.Step;
                    insert.Parameters["$t"].Value = p.TimestampMs;
                    insert.ExecuteNonQuery();
                }
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task SetTagsAsync(RunHandle run, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        foreach (var key in tags.Keys)
        {
            TrackingValidation.Key(key, "tag");
        }

        return Store.WriteAsync((c, tx) => UpsertTags(c, tx, run.RunId, tags), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string> LogArtifactAsync(RunHandle run, string localFile, string? artifactPath = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(localFile))
        {
            throw new FileNotFoundException($"The artifact file '{localFile}' does not exist.", localFile);
        }

        var folder = Mlflow.ArtifactPaths.Normalize(artifactPath);
        var relative = folder.Length == 0 ? Path.GetFileName(localFile) : $"{folder}/{Path.GetFileName(localFile)}";
        var target = Path.Combine(ArtifactRoot, run.RunId, relative.Replace('/', Path.DirectorySeparatorChar));
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // Copy to a temp name and rename, so a reader (or a push) never sees half a file. A read-only file is an
        // artifact store object (stages get hard links to them): the tracker links it too rather than keep a copy.
        var temp = target + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            if (!new FileInfo(localFile).IsReadOnly || !HardLink.TryCreate(localFile, temp))
            {
                await CopyAsync(localFile, temp, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        var size = new FileInfo(target).Length;
        await Store.WriteAsync(
            (c, tx) => LocalStore.Execute(c, tx, "INSERT INTO artifacts(run_id,path,size) VALUES($r,$p,$s) ON CONFLICT(run_id,path) DO UPDATE SET size=excluded.size", ("$r", run.RunId), ("$p", relative), ("$s", size)),
            cancellationToken).ConfigureAwait(false);
        return new Uri(target).AbsoluteUri;
    }

    private static async Task CopyAsync(string from, string to, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using var destination = new FileStream(to, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<string> RegisterModelVersionAsync(string modelName, string sourceUri, string? runId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(modelName))
        {
            throw new ArgumentException("The model name must not be empty.", nameof(modelName));
        }

        return Store.WriteAsync(
            (c, tx) =>
            {
                using var next = LocalStore.Command(c, tx, "SELECT COALESCE(MAX(version),0)+1 FROM model_versions WHERE name=$n", ("$n", modelName));
                var version = Convert.ToInt64(next.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                LocalStore.Execute(c, tx, "INSERT INTO model_versions(name,version,source,run_id,created) VALUES($n,$v,$s,$r,$t)", ("$n", modelName), ("$v", version), ("$s", sourceUri), ("$r", runId), ("$t", Now()));
                return version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task EndRunAsync(RunHandle run, RunStatus status, CancellationToken cancellationToken = default) =>
        Store.WriteAsync(
            (c, tx) =>
            {
                if (LocalStore.Execute(c, tx, "UPDATE runs SET status=$s, end_time=$e WHERE run_id=$r", ("$s", (int)status), ("$e", Now()), ("$r", run.RunId)) == 0)
                {
                    throw new InvalidOperationException($"Run {run.RunId} does not exist in the local tracker at {Directory}.");
                }
            },
            cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the WAL files open; clearing lets another process (or a test) delete the folder.
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static void UpsertTags(SqliteConnection c, SqliteTransaction tx, string runId, IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            LocalStore.Execute(c, tx, "INSERT INTO tags(run_id,key,value) VALUES($r,$k,$v) ON CONFLICT(run_id,key) DO UPDATE SET value=excluded.value", ("$r", runId), ("$k", key), ("$v", TrackingValidation.Truncate(value, TrackingValidation.MaxTagValueLength)));
        }
    }

    private async Task<RunHandle> CreateRunAsync(string name, string kind, string? parentRunId, Dictionary<string, string> tags, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N");
        await Store.WriteAsync(
            (c, tx) =>
            {
                LocalStore.Execute(c, tx, "INSERT INTO runs(run_id,name,kind,parent_run_id,status,start_time) VALUES($r,$n,$k,$p,$s,$t)", ("$r", runId), ("$n", name), ("$k", kind), ("$p", parentRunId), ("$s", (int)RunStatus.Running), ("$t", Now()));
                UpsertTags(c, tx, runId, tags);
            },
            cancellationToken).ConfigureAwait(false);
        return Handle(runId, parentRunId);
    }

    private RunHandle Handle(string runId, string? parentRunId) =>
        new(runId, LocalExperimentId, new Uri(Path.Combine(ArtifactRoot, runId) + Path.DirectorySeparatorChar).AbsoluteUri, parentRunId);
}
