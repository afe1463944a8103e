using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Azure;

/// <summary>
/// Build once on Azure: the compiled build program is cached under the hash of its sources (see the GitHub
/// counterpart); a hit sets <see cref="HitVariable"/> and the next step marks the restored program current.
/// </summary>
internal static class AzureBuildProgramCache
{
    /// <summary>The variable Cache@2 sets to <c>true</c> on an exact hit.</summary>
    public const string HitVariable = "LLMOPS_PROGRAM_RESTORED";

    /// <summary>The restore step and the step that marks a restored program current.</summary>
    public static IEnumerable<YamlMapping> Steps(string workspace)
    {
        yield return new YamlMapping()
            .Add("task", "Cache@2")
            .Add("displayName", "Restore the compiled build program")
            .Add("inputs", new YamlMapping()
                .Add("key", $"llmops-program | \"$(Agent.OS)\" | {CiSources.AzureSegment(CiSources.Patterns)}")
                .Add("path", $"{workspace}/{CiSources.ProgramDirectory}")
                .Add("cacheHitVar", HitVariable));
        yield return new YamlMapping()
            .Add("bash", CiSources.MarkProgramCurrent)
            .Add("displayName", "Use the restored build program")
            .Add("condition", $"and(succeeded(), eq(variables['{HitVariable}'], 'true'))");
    }
}
