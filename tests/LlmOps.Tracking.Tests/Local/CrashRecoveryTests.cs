using System.Diagnostics;
using LlmOps.Tracking.Local;
using LlmOps.Tracking.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LlmOps.Tracking.Tests.Local;

/// <summary>A real process writing through <see cref="LocalTracker"/> is killed mid-write; the database must hold whole batches only.</summary>
public sealed class CrashRecoveryTests
{
    private const int BatchSize = 2000;

    [Fact]
    public async Task Killed_writer_leaves_only_whole_batches_and_the_store_keeps_working()
    {
        var ct = TestContext.Current.CancellationToken;
        var helper = Path.Combine(AppContext.BaseDirectory, "LlmOps.Tracking.CrashWriter.dll");
        if (!File.Exists(helper))
        {
            Assert.Skip($"The crash-writer helper was not built next to the tests ({helper}).");
        }

        using var dir = new TempDir();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(helper);
        start.ArgumentList.Add(dir.Path);
        start.ArgumentList.Add(BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        string? runId = null;
        var committed = 0;
        while (committed < 3 && await process.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("RUN ", StringComparison.Ordinal))
            {
                runId = line[4..];
            }
            else if (line.StartsWith("COMMITTED", StringComparison.Ordinal))
            {
                committed++;
            }
        }

        // Kill at a random moment: with batches of 2000 rows the writer spends most of its time inside a transaction.
        await Task.Delay(Random.Shared.Next(0, 30), ct);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(ct);
        Assert.NotNull(runId);

        await using var tracker = new LocalTracker(dir.Path);
        var points = await tracker.GetMetricHistoryAsync(runId, "loss", ct);
        Assert.True(points.Count >= 3 * BatchSize);
        Assert.Equal(0, points.Count % BatchSize);
        Assert.Equal(Enumerable.Range(0, points.Count).Select(i => (long)i), points.Select(p => p.Step));

        using (var connection = new SqliteConnection($"Data Source={tracker.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar());
        }

        var run = new RunHandle(runId, LocalTracker.LocalExperimentId, "");
        await tracker.LogMetricAsync(run, new MetricPoint("loss", 0, points.Count, 1), ct);
        await tracker.EndRunAsync(run, RunStatus.Killed, ct);
        Assert.Equal(RunStatus.Killed, Assert.Single(await tracker.ListRecentRunsAsync(cancellationToken: ct)).Status);
    }
}
