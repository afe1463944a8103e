namespace LlmOps.Deployment;

/// <summary>Labels on every container, network and image a Docker deployment creates, so it finds (and only removes) its own.</summary>
public static class DeploymentLabels
{
    /// <summary>The deployment's name.</summary>
    public const string Deployment = "llmops.deployment";

    /// <summary>backend (a model version) or router (the stable address).</summary>
    public const string Role = "llmops.deployment.role";

    /// <summary>The version a backend serves.</summary>
    public const string Version = "llmops.deployment.version";

    /// <summary>The label filter selecting one deployment's objects.</summary>
    public static IDictionary<string, IDictionary<string, bool>> Filter(string deployment, string? role = null)
    {
        var labels = new Dictionary<string, bool> { [$"{Deployment}={deployment}"] = true };
        if (role is not null)
        {
            labels[$"{Role}={role}"] = true;
        }

        return new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels };
    }
}
