using LlmOps.Dsl;
using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Azure;

/// <summary>
/// How an Azure job carries a file (<see cref="CiCarriedFile"/>). Pipeline artifacts cannot be replaced within a run,
/// so each carrying job publishes its own, <c>&lt;name&gt;-&lt;job&gt;</c>. A job that waits for an earlier carrying job
/// downloads that job's; the first asks the Build REST API (with the job's access token) for the newest copy in the
/// pipeline's recent completed runs, the latest carrying job first. After the stages, even failed ones, an
/// append-only file is compared with the copy the job started from and published only when it begins with it.
/// </summary>
internal static class AzureCarriedFileSteps
{
    private const string Saved = "$(Agent.TempDirectory)/llmops-carried";

    public static string ArtifactName(CiCarriedFile file, WorkflowJob job) => $"{file.Name}-{job.Name}";

    public static IEnumerable<YamlNode> Before(WorkflowLayout layout, WorkflowJob job)
    {
        foreach (var file in job.Requirements.CarriedFiles)
        {
            var folder = Path.GetDirectoryName(file.Path)!.Replace('\\', '/');
            if (job.CarriedFrom.GetValueOrDefault(file.Name) is { } earlier)
            {
                yield return new YamlMapping().Add("task", "DownloadPipelineArtifact@2").Add("displayName", $"Download {file.Name} (from job {earlier.Name})")
                    .Add("inputs", new YamlMapping()
                        .Add("buildType", "current")
                        .Add("artifactName", ArtifactName(file, earlier))
                        .Add("targetPath", $"{Saved}/{file.Name}"));
                yield return Bash($"Start from {file.Name} of job {earlier.Name}", [
                    $"mkdir -p {folder}",
                    $"cp \"{Saved}/{file.Name}/{file.FileName}\" {file.Path}",
                ]);
                continue;
            }

            var carriers = layout.Jobs.Where(j => j.Requirements.CarriedFiles.Any(c => c.Name == file.Name)).Reverse().Select(j => ArtifactName(file, j));
            yield return Bash($"Download the newest {file.Name} (an earlier run's)", [
                "set -euo pipefail",
                $"saved=\"{Saved}/{file.Name}\"",
                $"mkdir -p \"$saved\" {folder}",
                "api=\"$(System.CollectionUri)$(System.TeamProject)/_apis/build\"",
                "auth=\"Authorization: Bearer $SYSTEM_ACCESSTOKEN\"",
                "builds=$(curl -fsS -H \"$auth\" \"$api/builds?definitions=$(System.DefinitionId)&statusFilter=completed&queryOrder=finishTimeDescending&\\$top=20&api-version=7.1\" | jq -r '.value[].id')",
                "for build in $builds; do",
                $"for artifact in {string.Join(" ", carriers)}; do",
                "url=$(curl -fsS -H \"$auth\" \"$api/builds/$build/artifacts?artifactName=$artifact&api-version=7.1\" 2>/dev/null | jq -r '.resource.downloadUrl // empty' || true)",
                "[ -n \"$url\" ] || continue",
                "curl -fsSL -H \"$auth\" \"$url\" -o \"$saved.zip\"",
                "unzip -o -q -j \"$saved.zip\" -d \"$saved\"",
                $"cp \"$saved/{file.FileName}\" {file.Path}",
                $"echo \"{file.Path}: $artifact of build $build\"",
                "exit 0",
                "done",
                "done",
                $"echo \"##[warning]no earlier {file.Name} artifact in the last 20 runs: {file.Path} starts here\"",
            ]).Add("env", new YamlMapping().Add("SYSTEM_ACCESSTOKEN", "$(System.AccessToken)"));
        }
    }

    public static IEnumerable<YamlNode> After(WorkflowJob job)
    {
        foreach (var file in job.Requirements.CarriedFiles)
        {
            var ready = "carried_" + file.Name.Replace('-', '_');
            List<string> check = [$"[ -f {file.Path} ] || {{ echo \"{file.Path} was not written: nothing to hand on\"; exit 0; }}"];
            if (file.AppendOnly)
            {
                check.AddRange([
                    $"started=\"{Saved}/{file.Name}/{file.FileName}\"",
                    $"if [ -f \"$started\" ] && ! cmp -s -n \"$(stat -c %s \"$started\")\" \"$started\" {file.Path}; then",
                    $"echo \"##[error]{file.Path} no longer begins with the {file.Name} this job started from: it was rewritten, not appended to; it is not published\"",
                    "exit 1",
                    "fi",
                ]);
            }

            check.Add($"echo \"##vso[task.setvariable variable={ready}]yes\"");
            yield return Bash($"Check {file.Path} " + (file.AppendOnly ? "was only appended to" : "exists"), check).Add("condition", "not(canceled())");
            yield return new YamlMapping().Add("task", "PublishPipelineArtifact@1").Add("displayName", $"Publish {file.Name}")
                .Add("condition", $"and(not(canceled()), eq(variables['{ready}'], 'yes'))")
                .Add("inputs", new YamlMapping()
                    .Add("targetPath", $"$(System.DefaultWorkingDirectory)/{file.Path}")
                    .Add("artifact", ArtifactName(file, job))
                    .Add("publishLocation", "pipeline"));
        }
    }

    private static YamlMapping Bash(string name, IReadOnlyList<string> lines) =>
        new YamlMapping().Add("bash", string.Join("\n", lines) + "\n").Add("displayName", name);
}
