using LlmOps.Tracking.Mlflow;

namespace LlmOps.Tracking.Containers;

/// <summary>
/// The variables a container stage gets so a Python trainer calling <c>mlflow.start_run()</c> logs into the stage's own run
/// (MLflow resumes the run named by MLFLOW_RUN_ID).
/// </summary>
public static class ContainerTrackingEnvironment
{
    /// <summary>Builds the variables for <paramref name="run"/>.</summary>
    /// <param name="run">The stage run.</param>
    /// <param name="connection">The MLflow connection, or null when tracking locally (then only LlmOps ids are passed: Python MLflow cannot write the local store).</param>
    /// <param name="hostAlias">Replaces localhost/127.0.0.1 in the URI, e.g. <c>host.docker.internal</c>, because inside a container localhost is the container itself.</param>
    public static IReadOnlyList<ContainerEnvVar> For(RunHandle run, MlflowConnectionOptions? connection, string? hostAlias = null)
    {
        var vars = new List<ContainerEnvVar>
        {
            new("LLMOPS_RUN_ID", run.RunId, false),
        };
        if (run.ParentRunId is { } parent)
        {
            vars.Add(new("LLMOPS_PARENT_RUN_ID", parent, false));
        }

        if (connection is null)
        {
            return vars;
        }

        var uri = new UriBuilder(connection.TrackingUri) { UserName = "", Password = "" };
        if (hostAlias is not null && (uri.Host is "localhost" or "127.0.0.1" or "[::1]" or "::1"))
        {
            uri.Host = hostAlias;
        }

        vars.Add(new("MLFLOW_TRACKING_URI", uri.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/'), false));
        vars.Add(new("MLFLOW_RUN_ID", run.RunId, false));
        vars.Add(new("MLFLOW_EXPERIMENT_ID", run.ExperimentId, false));
        if (connection.Token is { } token)
        {
            vars.Add(new("MLFLOW_TRACKING_TOKEN", token, true));
        }

        if (connection.Username is { } user)
        {
            vars.Add(new("MLFLOW_TRACKING_USERNAME", user, false));
            vars.Add(new("MLFLOW_TRACKING_PASSWORD", connection.Password ?? "", true));
        }

        if (connection.InsecureTls)
        {
            vars.Add(new("MLFLOW_TRACKING_INSECURE_TLS", "true", false));
        }

        return vars;
    }
}
