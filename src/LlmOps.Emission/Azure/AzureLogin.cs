using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Azure;

/// <summary>
/// OIDC on Azure Pipelines goes through a service connection (workload identity federation): a job whose stage uses
/// <c>UsesOidcLogin("azure")</c> runs its stage steps as <c>AzureCLI@2</c> tasks on the declared connection, so the
/// stage runs logged in (<c>az</c>, and the Azure SDK's CLI credential) with no secret in the pipeline.
/// </summary>
internal static class AzureLogin
{
    /// <summary>The service connection the job's stage steps run under, or null when no stage logs in.</summary>
    public static string? ConnectionOf(WorkflowLayout layout, AzurePipeline pipeline, WorkflowJob job)
    {
        var other = job.Requirements.CloudLogins.FirstOrDefault(p => p != "azure");
        if (other is not null)
        {
            throw new EmissionException($"{layout.Where}: job '{job.Name}' logs in to '{other}' with OIDC, which Azure Pipelines has no built-in login for; log in inside the stage, or run this workflow on GitHub Actions.");
        }

        if (job.Requirements.CloudLogins.Count == 0)
        {
            return null;
        }

        return pipeline.ServiceConnection is { Length: > 0 } connection
            ? ExpressionText.RequireNoExpression(connection, layout.Where, "the service connection")
            : throw new EmissionException($"{layout.Where}: job '{job.Name}' logs in to azure with OIDC; name its service connection (workload identity federation) with .UsesServiceConnection(\"name\").");
    }

    /// <summary>A stage step that runs <paramref name="script"/> logged in through <paramref name="connection"/>.</summary>
    public static YamlMapping Step(string connection, string script, string displayName) => new YamlMapping()
        .Add("task", "AzureCLI@2")
        .Add("displayName", displayName)
        .Add("inputs", new YamlMapping()
            .Add("azureSubscription", connection)
            .Add("scriptType", "bash")
            .Add("scriptLocation", "inlineScript")
            .Add("inlineScript", script));
}
