using LlmOps.Tracking.Local;
using LlmOps.Tracking.Mlflow;

namespace LlmOps.Cli.Tracking;

/// <summary>
/// <c>./build.sh PushRuns</c>: replays the runs of the local tracker into the MLflow server named by
/// <c>MLFLOW_TRACKING_URI</c>; pushing again sends only what is new.
/// </summary>
public sealed class PushRunsCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "PushRuns";

    /// <inheritdoc />
    public string Description => "Push the runs of the local tracker (.llmops/tracking.db) to the MLflow server in MLFLOW_TRACKING_URI";

    /// <inheritdoc />
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var options = MlflowConnectionOptions.FromEnvironment(context.Environment)
            ?? throw new UsageException("PushRuns needs MLFLOW_TRACKING_URI=http(s)://<server> (and MLFLOW_TRACKING_TOKEN or _USERNAME/_PASSWORD if it asks for them).");
        var local = new LocalTracker(TrackerSelection.LocalDirectory(context.RootDirectory));
        await using (local)
        {
            using var client = MlflowClient.Create(options);
            try
            {
                var result = await new LocalRunPusher(local, client).PushAllAsync(cancellationToken);
                context.Output.WriteLine($"Pushed to {options}: {result}");
                return 0;
            }
            catch (MlflowException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        }
    }
}
