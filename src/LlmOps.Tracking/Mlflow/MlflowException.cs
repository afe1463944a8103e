namespace LlmOps.Tracking.Mlflow;

/// <summary>An MLflow call failed. The message names the endpoint and MLflow's error code; it never carries credentials.</summary>
public class MlflowException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MlflowException(string endpoint, int? statusCode, string? errorCode, string serverMessage, Exception? inner = null)
        : base(Format(endpoint, statusCode, errorCode, serverMessage), inner)
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ServerMessage = serverMessage;
    }

    /// <summary>Method and path, e.g. <c>POST /api/2.0/mlflow/runs/log-batch</c> (no query string, no host credentials).</summary>
    public string Endpoint { get; }

    /// <summary>HTTP status, or null when no response came (timeout, connection failure).</summary>
    public int? StatusCode { get; }

    /// <summary>MLflow's <c>error_code</c>, e.g. RESOURCE_ALREADY_EXISTS; null when the body was HTML or text.</summary>
    public string? ErrorCode { get; }

    /// <summary>The server's message (or the start of a non-JSON body).</summary>
    public string ServerMessage { get; }

    /// <summary>True for RESOURCE_ALREADY_EXISTS, which MLflow sends with status 400.</summary>
    public bool IsAlreadyExists => ErrorCode == "RESOURCE_ALREADY_EXISTS";

    /// <summary>True for RESOURCE_DOES_NOT_EXIST.</summary>
    public bool IsNotFound => ErrorCode == "RESOURCE_DOES_NOT_EXIST";

    private static string Format(string endpoint, int? status, string? code, string message)
    {
        var statusText = status is null ? "no response" : $"HTTP {status}";
        var codeText = code is null ? "" : $" {code}";
        return $"MLflow {endpoint} failed ({statusText}{codeText}): {message}";
    }
}
