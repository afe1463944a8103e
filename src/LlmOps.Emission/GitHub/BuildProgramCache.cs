using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.GitHub;

/// <summary>
/// Build once: every job restores the compiled build program from a cache keyed on the hash of its sources. The first
/// job to run with new sources misses, compiles (through <c>build.sh</c>) and saves it when it ends; every later job
/// hits, touches the stamp, and <c>build.sh</c> starts the restored program without compiling.
/// </summary>
internal static class BuildProgramCache
{
    private const string StepId = "program";

    /// <summary>The restore step and the step that marks a restored program current.</summary>
    public static IEnumerable<YamlMapping> Steps(ActionPins pins)
    {
        yield return new YamlMapping()
            .Add("name", "Restore the compiled build program")
            .Add("id", StepId)
            .Add("uses", new YamlScalar(pins.Cache.Reference, Comment: pins.Cache.Version))
            .Add("with", new YamlMapping()
                .Add("path", CiSources.ProgramDirectory)
                .Add("key", $"llmops-program-${{{{ runner.os }}}}-{CiSources.GitHubHash(CiSources.Patterns)}"));

        yield return new YamlMapping()
            .Add("name", "Use the restored build program")
            .Add("if", $"steps.{StepId}.outputs.cache-hit == 'true'")
            .Add("shell", "bash")
            .Add("run", CiSources.MarkProgramCurrent);
    }
}
