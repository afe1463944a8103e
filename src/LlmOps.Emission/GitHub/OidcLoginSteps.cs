using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.GitHub;

/// <summary>
/// The login step of a job whose stage uses <c>UsesOidcLogin(provider)</c>: the cloud's own action exchanges the job's
/// identity token for short-lived credentials, so no long-lived cloud secret is stored. The identifiers the exchange
/// needs are not secrets and come from repository or environment variables (<c>vars.*</c>), named here.
/// </summary>
internal static class OidcLoginSteps
{
    /// <summary>The providers a stage can log in to, with the variables each login reads.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<(string Input, string Variable)>> Providers =
        new Dictionary<string, IReadOnlyList<(string Input, string Variable)>>(StringComparer.Ordinal)
        {
            ["azure"] = [("client-id", "AZURE_CLIENT_ID"), ("tenant-id", "AZURE_TENANT_ID"), ("subscription-id", "AZURE_SUBSCRIPTION_ID")],
            ["aws"] = [("role-to-assume", "AWS_ROLE_ARN"), ("aws-region", "AWS_REGION")],
            ["gcp"] = [("workload_identity_provider", "GCP_WORKLOAD_IDENTITY_PROVIDER"), ("service_account", "GCP_SERVICE_ACCOUNT")],
        };

    /// <summary>One login step per provider the job logs in to, in the order the stages asked.</summary>
    public static IEnumerable<YamlMapping> For(WorkflowJob job, ActionPins pins, string where)
    {
        foreach (var provider in job.Requirements.CloudLogins)
        {
            if (!Providers.TryGetValue(provider, out var inputs))
            {
                throw new EmissionException($"{where}: job '{job.Name}' logs in to '{provider}' with OIDC, which the emitter cannot log in to; use one of {string.Join(", ", Providers.Keys)}.");
            }

            var action = provider switch
            {
                "azure" => pins.AzureLogin,
                "aws" => pins.AwsCredentials,
                _ => pins.GoogleAuth,
            };
            var with = new YamlMapping();
            foreach (var (input, variable) in inputs)
            {
                with.Add(input, $"${{{{ vars.{variable} }}}}");
            }

            yield return new YamlMapping()
                .Add("name", $"Log in to {provider} (OIDC)")
                .Add("uses", new YamlScalar(action.Reference, Comment: action.Version))
                .Add("with", with);
        }
    }
}
