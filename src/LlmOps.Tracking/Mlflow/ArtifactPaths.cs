namespace LlmOps.Tracking.Mlflow;

/// <summary>Maps a run's <c>mlflow-artifacts:</c> URI and a relative path to the proxy path the server expects.</summary>
internal static class ArtifactPaths
{
    internal static string ToProxyPath(string artifactUri, string? relativePath)
    {
        if (!artifactUri.StartsWith("mlflow-artifacts:", StringComparison.Ordinal))
        {
            throw new NotSupportedException(
                $"The run's artifact location '{artifactUri}' is not served by the MLflow artifact proxy; start the server with --serve-artifacts (the default) or an mlflow-artifacts:/ default artifact root.");
        }

        // mlflow-artifacts:/1/run/artifacts and mlflow-artifacts://host:port/1/run/artifacts both address the proxy root path.
        var rest = artifactUri["mlflow-artifacts:".Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            rest = slash < 0 ? "" : rest[slash..];
        }

        var root = rest.Trim('/');
        var rel = Normalize(relativePath);
        return rel.Length == 0 ? root : $"{root}/{rel}";
    }

    internal static string Normalize(string? relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath))
        {
            return "";
        }

        var segments = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var s in segments)
        {
            if (s is "." or "..")
            {
                throw new ArgumentException($"The artifact path '{relativePath}' must be relative and must not contain '.' or '..' segments.", nameof(relativePath));
            }
        }

        return string.Join('/', segments);
    }
}
