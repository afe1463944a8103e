using LlmOps.Tracking.Local;
using LlmOps.Tracking.Runs;
using LlmOps.Tracking.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LlmOps.Tracking.Tests.Local;

public sealed class LocalTrackerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_read_only_store_file_is_linked_not_copied_and_a_writable_file_is_copied()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Hard links are made with link(2), on Linux and macOS only.");
        }

        using var dir = new TempDir();
        await using var tracker = new LocalTracker(Path.Combine(dir.Path, ".llmops"));
        var run = await tracker.StartPipelineRunAsync("fine-tune", "exec-1", new Dictionary<string, string>(), Ct);
        var stored = Path.Combine(dir.Path, "model.bin");
        var scratch = Path.Combine(dir.Path, "notes.txt");
        await File.WriteAllTextAsync(stored, "weights", Ct);
        await File.WriteAllTextAsync(scratch, "notes", Ct);
        _ = new FileInfo(stored) { IsReadOnly = true };

        var linked = new Uri(await tracker.LogArtifactAsync(run, stored, "model", Ct)).LocalPath;
        var copied = new Uri(await tracker.LogArtifactAsync(run, scratch, "notes", Ct)).LocalPath;

        Assert.Equal(await InodeAsync(stored), await InodeAsync(linked));
        Assert.NotEqual(await InodeAsync(scratch), await InodeAsync(copied));
        Assert.Equal("weights", await File.ReadAllTextAsync(linked, Ct));
        Assert.Equal("notes", await File.ReadAllTextAsync(copied, Ct));
    }

    private static async Task<string> InodeAsync(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!;
        var output = await stat.StandardOutput.ReadToEndAsync(Ct);
        await stat.WaitForExitAsync(Ct);
        return output.Trim();
    }

    [Fact]
    public async Task Runs_params_metrics_tags_and_artifacts_round_trip()
    {
        using var dir = new TempDir();
        await using var tracker = new LocalTracker(Path.Combine(dir.Path, ".llmops"));
        var pipeline = await tracker.StartPipelineRunAsync("fine-tune", "exec-1", new Dictionary<string, string> { [SystemTags.GitCommit] = "abc" }, Ct);
        var stage = await tracker.StartStageRunAsync(pipeline, "train", cancellationToken: Ct);
        await tracker.LogParamsAsync(stage, new Dictionary<string, string> { ["lr"] = "0.01" }, Ct);
        await tracker.LogParamsAsync(stage, new Dictionary<string, string> { ["lr"] = "0.01" }, Ct);
        await tracker.LogMetricsAsync(stage, [new MetricPoint("loss", double.NaN, 0, 1), new MetricPoint("loss", double.PositiveInfinity, 1, 2), new MetricPoint("loss", 0.25, 2, 3)], Ct);
        await tracker.LogMetricAsync(pipeline, new MetricPoint("eval/acc", 0.75, 0, 4), Ct);
        var file = Path.Combine(dir.Path, "out.txt");
        await File.WriteAllTextAsync(file, "hello", Ct);
        var uri = await tracker.LogArtifactAsync(stage, file, "reports/final", Ct);
        await tracker.EndRunAsync(stage, RunStatus.Finished, Ct);
        await tracker.EndRunAsync(pipeline, RunStatus.Finished, Ct);

        Assert.Equal("hello", await File.ReadAllTextAsync(new Uri(uri).LocalPath, Ct));
        Assert.StartsWith(tracker.ArtifactRoot, new Uri(uri).LocalPath, StringComparison.Ordinal);
        var history = await tracker.GetMetricHistoryAsync(stage.RunId, "loss", Ct);
        Assert.True(double.IsNaN(history[0].Value));
        Assert.Equal(double.PositiveInfinity, history[1].Value);
        var change = await Assert.ThrowsAsync<InvalidOperationException>(() => tracker.LogParamsAsync(stage, new Dictionary<string, string> { ["lr"] = "0.02" }, Ct));
        Assert.Contains("not allowed", change.Message, StringComparison.Ordinal);

        var recent = Assert.Single(await tracker.ListRecentRunsAsync(5, Ct));
        Assert.Equal("fine-tune", recent.Name);
        Assert.Equal(0.75, recent.Metrics["eval/acc"]);
        Assert.Equal("abc", recent.Tags[SystemTags.GitCommit]);
        var table = RunsTableRenderer.Render([recent]);
        Assert.Contains("FINISHED", table, StringComparison.Ordinal);
        Assert.Contains("eval/acc", table, StringComparison.Ordinal);
        Assert.Equal(3, table.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Two_stages_in_two_tracker_instances_write_at_once_without_losing_points()
    {
        using var dir = new TempDir();
        await using var a = new LocalTracker(dir.Path);
        await using var b = new LocalTracker(dir.Path);
        var pipeline = await a.StartPipelineRunAsync("p", "1", cancellationToken: Ct);
        var s1 = await a.StartStageRunAsync(pipeline, "s1", cancellationToken: Ct);
        var s2 = await b.StartStageRunAsync(pipeline, "s2", cancellationToken: Ct);

        async Task Write(LocalTracker t, RunHandle run)
        {
            for (var batch = 0; batch < 40; batch++)
            {
                var points = Enumerable.Range(0, 50).Select(i => new MetricPoint("loss", i, (batch * 50) + i, 1)).ToList();
                await t.LogMetricsAsync(run, points, Ct);
                await t.SetTagsAsync(run, new Dictionary<string, string> { ["progress"] = batch.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Ct);
            }
        }

        await Task.WhenAll(Task.Run(() => Write(a, s1), Ct), Task.Run(() => Write(b, s2), Ct), Task.Run(() => Write(a, s2), Ct));

        Assert.Equal(2000, (await a.GetMetricHistoryAsync(s1.RunId, "loss", Ct)).Count);
        Assert.Equal(4000, (await b.GetMetricHistoryAsync(s2.RunId, "loss", Ct)).Count);
        using var connection = new SqliteConnection($"Data Source={a.DatabasePath}");
        connection.Open();
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", mode.ExecuteScalar());
    }

    [Fact]
    public async Task An_abandoned_open_transaction_is_rolled_back_and_the_store_keeps_working()
    {
        using var dir = new TempDir();
        await using var tracker = new LocalTracker(dir.Path);
        var run = await tracker.StartPipelineRunAsync("p", "1", cancellationToken: Ct);
        await tracker.LogMetricsAsync(run, [new MetricPoint("loss", 1, 0, 1)], Ct);

        // A writer that dies between its inserts and its commit: its connection is dropped without Commit.
        var abandoned = new SqliteConnection($"Data Source={tracker.DatabasePath};Pooling=False");
        abandoned.Open();
        var tx = abandoned.BeginTransaction();
        using (var insert = abandoned.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = $"INSERT INTO metrics(run_id,key,value,step,timestamp) VALUES('{run.RunId}','loss',2,1,2)";
            insert.ExecuteNonQuery();
        }

        abandoned.Dispose();

        await tracker.LogMetricsAsync(run, [new MetricPoint("loss", 3, 2, 3)], Ct);
        Assert.Equal([1.0, 3.0], (await tracker.GetMetricHistoryAsync(run.RunId, "loss", Ct)).Select(p => p.Value));
    }

    [Fact]
    public void Empty_directory_is_a_clear_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LocalTracker(" "));
        Assert.Contains("must not be empty", ex.Message, StringComparison.Ordinal);
    }
}
