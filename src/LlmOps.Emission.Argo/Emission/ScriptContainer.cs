using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// A container of the build image that runs shell lines in the repository (<c>bash -c</c>, failing on the first
/// error): a job's task, a cache check, and the import and export containers around a container stage.
/// </summary>
internal static class ScriptContainer
{
    /// <summary>The container, named when it is one of several in a pod; callers add resources, mounts and ordering.</summary>
    public static YamlMapping Of(string? name, string repository, IReadOnlyList<string> lines, IReadOnlyList<YamlNode> env)
    {
        var container = new YamlMapping();
        if (name is not null)
        {
            container.Add("name", name);
        }

        container
            .Add("image", ArgoContext.BuildImage)
            .Add("command", new YamlSequence([new YamlScalar("bash"), new YamlScalar("-c")], Flow: true))
            .Add("args", new YamlSequence([new YamlScalar(string.Join("\n", ["set -euo pipefail", .. lines]) + "\n")]))
            .Add("workingDir", repository);
        if (env.Count > 0)
        {
            container.Add("env", new YamlSequence(env));
        }

        return container;
    }
}
