using LlmOps.Execution;
using LlmOps.Tracking;
using LlmOps.Tracking.Runs;

namespace LlmOps.Cli.Tracking;

/// <summary><c>./build.sh Runs [--limit N]</c>: recent pipeline runs with their key metrics, from MLflow or the local tracker.</summary>
public sealed class RunsCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "Runs";

    /// <inheritdoc />
    public string Description => "List recent tracked runs with their key metrics (MLflow when MLFLOW_TRACKING_URI is set, else .llmops/tracking.db)";

    /// <inheritdoc />
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var limit = context.CommandLine.Get("limit") is { } text
            ? int.TryParse(text, out var n) && n > 0 ? n : throw new UsageException($"--limit: '{text}' is not a positive integer")
            : 20;
        await using var tracker = TrackerSelection.Create(context.RootDirectory, context.Environment);
        IReadOnlyList<LlmOps.Tracking.RunSummary> runs;
        try
        {
            runs = await tracker.ListRecentRunsAsync(limit, cancellationToken);
        }
        catch (Exception e) when (e is LlmOps.Tracking.Mlflow.MlflowException or Microsoft.Data.Sqlite.SqliteException)
        {
            context.Error.WriteLine($"error: could not list runs: {e.Message}");
            return 1;
        }
        if (runs.Count == 0)
        {
            context.Output.WriteLine("No tracked runs yet: ./build.sh Train records one.");
            return 0;
        }

        context.Output.Write(RunsTableRenderer.Render(WithKilledRuns(runs, context.RootDirectory)));
        return 0;
    }

    // Listing only reads, so a run whose process was killed may still be RUNNING in the tracker until the next pipeline
    // run ends it; its own record knows the process is gone, and the listing says so.
    private static List<LlmOps.Tracking.RunSummary> WithKilledRuns(IReadOnlyList<LlmOps.Tracking.RunSummary> runs, string root)
    {
        var records = new RunStore(StateLayout.Of(root).Runs);
        return runs.Select(r => r.Status == LlmOps.Tracking.RunStatus.Running && r.Tags.GetValueOrDefault(SystemTags.PipelineRunId) is { } id && IsInterrupted(records, id)
            ? r with { Status = LlmOps.Tracking.RunStatus.Killed }
            : r).ToList();
    }

    private static bool IsInterrupted(RunStore records, string runId)
    {
        try
        {
            return records.Load(runId) is { Status: Execution.RunStatus.Interrupted };
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}
