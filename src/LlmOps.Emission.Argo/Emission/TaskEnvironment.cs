using LlmOps.Emission.Yaml;
using LlmOps.Planning;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// The environment of a container that runs <c>./build.sh</c> for some of a job's stages: <c>CI=true</c>, each parameter
/// they read as a workflow argument, and their secret parameters from the template's secret. Every container that
/// decides a stage (its task, the cache check, a container stage's export) gets the same, so all compute one key.
/// </summary>
internal static class TaskEnvironment
{

    /// <summary>The variables, and the names the script unsets when they arrive empty (<c>JobScript.Run</c>).</summary>
    public static (List<YamlNode> Variables, List<string> Names) Of(ArgoContext context, WorkflowJob job, IEnumerable<PlannedStage> stages)
    {
        var chosen = stages.ToList();
        var variables = new List<YamlNode> { new YamlMapping().Add("name", "CI").Add("value", "true") };
        var names = new List<string>();
        foreach (var parameter in chosen.SelectMany(s => context.ArgumentsOf(job, s)).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            names.Add(JobScript.EnvironmentName(parameter));
            variables.Add(new YamlMapping().Add("name", JobScript.EnvironmentName(parameter)).Add("value", ParameterBinding.Expression(parameter)));
        }

        // Secret parameters enter cache keys as salted hashes, so whoever computes a key needs their values.
        var secrets = chosen.Count == job.Stages.Count ? job.Secrets : chosen.SelectMany(job.ParametersOf).Where(p => p.IsSecret).Distinct().ToList();
        foreach (var secret in secrets.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            names.Add(JobScript.EnvironmentName(secret));
            variables.Add(context.SecretVariable(JobScript.EnvironmentName(secret), JobScript.EnvironmentName(secret)));
        }

        // Pods sharing a store need one salt for the keys of stages that read secrets; without it in the secret each
        // pod salts on its own, and such stages are computed again instead of reused (never wrongly reused).
        if (context.Template.SharedStoreClaim is not null)
        {
            variables.Add(context.SecretVariable(Cli.LlmOpsApp.SecretSaltVariable, Cli.LlmOpsApp.SecretSaltVariable));
        }

        return (variables, names);
    }
}
