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

        context.Output.Write(RunsTableRenderer.Render(runs));
        return 0;
    }
}
