namespace LlmOps.Emission;

/// <summary>
/// Environment variables that a parameter must not be passed as: the shell's and the process's own (<c>PATH</c>,
/// <c>HOME</c>, <c>IFS</c>), the runners' (<c>GITHUB_*</c>, <c>RUNNER_*</c>, Azure's <c>BUILD_*</c>, <c>SYSTEM_*</c>,
/// <c>AGENT_*</c>), the SDK's and LlmOps's own (<c>DOTNET_*</c>, <c>LLMOPS_*</c>), and the tracking connection. A
/// parameter named <c>Path</c> would replace the step's <c>PATH</c>; one named <c>GithubToken</c> would shadow the
/// runner's token. Both platforms get the same rule, so a pipeline that moves between them keeps its names.
/// </summary>
public static class ReservedVariables
{
    private static readonly HashSet<string> Exact = new(StringComparer.Ordinal)
    {
        "PATH", "HOME", "USER", "SHELL", "PWD", "OLDPWD", "TMPDIR", "TEMP", "TMP", "LANG", "IFS", "PS4", "ENV", "BASH_ENV",
        "CI", "TF_BUILD", "HOSTNAME", "TERM", "LD_PRELOAD", "LD_LIBRARY_PATH", "GIT_DIR", "NUGET_PACKAGES",
    };

    private static readonly string[] Prefixes =
    [
        "GITHUB_", "RUNNER_", "ACTIONS_", "INPUT_", "STATE_", "BUILD_", "SYSTEM_", "AGENT_", "PIPELINE_", "RELEASE_",
        "ENDPOINT_", "SECRET_", "SECUREFILE_", "DOTNET_", "NUGET_", "MSBUILD", "LLMOPS_", "MLFLOW_", "LC_", "BASH_", "GIT_",
    ];

    /// <summary>Whether <paramref name="variable"/> is one that the shell, a runner, the SDK or LlmOps itself sets or reads.</summary>
    public static bool IsReserved(string variable) =>
        Exact.Contains(variable) || Prefixes.Any(p => variable.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The reserved prefix or name that <paramref name="variable"/> collides with, for messages.</summary>
    internal static string Collision(string variable) =>
        Exact.Contains(variable) ? variable : Prefixes.First(p => variable.StartsWith(p, StringComparison.Ordinal)) + "*";
}
