using LlmOps.Emission.Yaml;
using LlmOps.Planning;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// The environment of a container that runs <c>./build.sh</c> for some of a job's stages: <c>CI=true</c>, each parameter
/// they read as a workflow argument, their secret parameters from the template's secret, the shared store's mounts and
/// options. Every container that decides a stage (its task, the cache check, a container stage's export) gets the
/// same, so all compute one key against one store.
/// </summary>
internal static class TaskEnvironment
{
    /// <summary>The volume of the shared store claim (<see cref="ArgoTemplate.SharesStoreIn"/>).</summary>
    public const string StoreVolume = "llmops-store";

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

    /// <summary>The options of a <c>./build.sh</c> run in a pod: <paramref name="options"/>, and <c>--shared-store</c> when the store is the claim's.</summary>
    public static string Options(ArgoContext context, string options) =>
        context.Template.SharedStoreClaim is null ? options : $"{options} --shared-store";

    /// <summary>
    /// The mounts of a container that runs <c>./build.sh</c>: the run's folder of a PVC repository, and the shared
    /// store's <c>store/</c> and <c>cache/</c> as the repository's, so every pod decides against the same cache.
    /// </summary>
    public static List<YamlNode> Mounts(ArgoContext context)
    {
        var repository = context.Template.RepositoryPath.TrimEnd('/');
        var mounts = new List<YamlNode>();
        if (ArtifactWiring.Mount(context) is { } mount)
        {
            mounts.Add(mount);
        }

        if (context.Template.SharedStoreClaim is not null)
        {
            mounts.Add(new YamlMapping().Add("name", StoreVolume).Add("mountPath", $"{repository}/{LlmOps.Runtime.StateLayout.Relative.Store}").Add("subPath", "store"));
            mounts.Add(new YamlMapping().Add("name", StoreVolume).Add("mountPath", $"{repository}/{LlmOps.Runtime.StateLayout.Relative.Cache}").Add("subPath", "cache"));
        }

        return mounts;
    }
}
