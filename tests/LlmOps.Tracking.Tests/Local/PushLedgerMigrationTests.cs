using LlmOps.Tracking.Local;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LlmOps.Tracking.Tests.Local;

/// <summary>A store whose pushes were recorded by the first layout (keyed by local run only) keeps what it knew.</summary>
public sealed class PushLedgerMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pushes_recorded_without_a_server_are_migrated_and_nothing_is_sent_twice()
    {
        using var dir = new TempDir();
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = TestClients.Client(server, "pushed");
        await using (var local = new LocalTracker(dir.Path))
        {
            var pipeline = await local.StartPipelineRunAsync("p", "exec-1", cancellationToken: Ct);
            await local.LogMetricsAsync(pipeline, Enumerable.Range(0, 50).Select(i => new MetricPoint("m", i, i, i)).ToList(), Ct);
            var file = Path.Combine(dir.Path, "a.txt");
            await File.WriteAllTextAsync(file, "a", Ct);
            await local.LogArtifactAsync(pipeline, file, null, Ct);
            await local.EndRunAsync(pipeline, RunStatus.Finished, Ct);
            await new LocalRunPusher(local, client).PushAllAsync(Ct);
        }

        // What the first layout would have left: its three tables, no server, and no watermark tag on the server's run.
        RewriteAsFirstLayout(Path.Combine(dir.Path, "tracking.db"));
        var remote = Assert.Single(server.Store.Runs.Values);
        Assert.True(remote.Tags.Remove(LocalRunPusher.PushedMetricIdTag));

        await using (var local = new LocalTracker(dir.Path))
        {
            var again = await new LocalRunPusher(local, client).PushAllAsync(Ct);

            Assert.Equal((0, 0L, 0), (again.RunsCreated, again.MetricsPushed, again.ArtifactsPushed));
            Assert.Equal(50, remote.Metrics.Count);
            Assert.Equal(["artifact_pushes", "run_pushes"], Tables(local.DatabasePath).Where(t => t.Contains("push", StringComparison.Ordinal)).Order());
            Assert.Equal(3L, Scalar(local.DatabasePath, "PRAGMA user_version;"));
        }
    }

    private static void RewriteAsFirstLayout(string database)
    {
        SqliteConnection.ClearAllPools();
        using var c = new SqliteConnection($"Data Source={database}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            CREATE TABLE pushes (local_run_id TEXT PRIMARY KEY, remote_run_id TEXT NOT NULL,
                last_metric_id INTEGER NOT NULL DEFAULT 0, ended INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE pushed_artifacts (local_run_id TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (local_run_id, path));
            CREATE TABLE pushed_models (name TEXT NOT NULL, version INTEGER NOT NULL, remote_version TEXT NOT NULL, PRIMARY KEY (name, version));
            INSERT INTO pushes SELECT local_run_id, remote_run_id, last_metric_id, 1 FROM run_pushes;
            INSERT INTO pushed_artifacts SELECT p.local_run_id, a.path FROM artifact_pushes a JOIN run_pushes p ON p.remote_run_id = a.remote_run_id;
            DROP TABLE run_pushes; DROP TABLE artifact_pushes;
            PRAGMA user_version = 0;
            """;
        cmd.ExecuteNonQuery();
    }

    private static List<string> Tables(string database)
    {
        using var c = new SqliteConnection($"Data Source={database}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type='table'";
        using var reader = cmd.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static object? Scalar(string database, string sql)
    {
        using var c = new SqliteConnection($"Data Source={database}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
