using LlmOps.Dsl;

namespace LlmOps.Tracking.Registry;

/// <summary>The typed way a stage body reaches the model registry of the run's tracker.</summary>
public static class StageContextRegistryExtensions
{
    /// <summary>
    /// The model registry of the tracker following this run. Tracking that is off (<c>LLMOPS_TRACKING=off</c>, or
    /// switched off after a tracker failure) fails the stage with a message saying so.
    /// </summary>
    /// <param name="context">The running stage.</param>
    public static IModelRegistry ModelRegistry(this StageContext context) =>
        context.GetService(typeof(IModelRegistry)) as IModelRegistry
        ?? throw new StageFailedException(
            $"{context.StageName} uses the model registry, but experiment tracking is off for this run "
            + "(LLMOPS_TRACKING=off, or the tracker failed earlier and a warning said so). Leave tracking on: "
            + "MLFLOW_TRACKING_URI names an MLflow server, and without it runs are tracked in .llmops/tracking.db.");
}
