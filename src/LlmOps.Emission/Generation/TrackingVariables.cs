namespace LlmOps.Emission;

/// <summary>The MLflow variables a tracked workflow passes to each stage step, and which of them are credentials.</summary>
internal static class TrackingVariables
{
    public static readonly IReadOnlyList<(string Name, bool IsSecret)> All =
    [
        ("MLFLOW_EXPERIMENT_NAME", false),
        ("MLFLOW_TRACKING_PASSWORD", true),
        ("MLFLOW_TRACKING_TOKEN", true),
        ("MLFLOW_TRACKING_URI", false),
        ("MLFLOW_TRACKING_USERNAME", false),
    ];
}
