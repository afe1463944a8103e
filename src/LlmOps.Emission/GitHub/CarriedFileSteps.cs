using LlmOps.Dsl;
using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.GitHub;

/// <summary>
/// How a GitHub job carries a file (<see cref="CiCarriedFile"/>): one artifact per file name, replaced
/// (<c>overwrite: true</c>) by each job that hands it on. A job that waits for an earlier carrying job downloads that
/// job's copy from this run; the first downloads the newest unexpired artifact of that name in the repository (an
/// earlier run's) with the GitHub CLI, which needs <c>actions: read</c>. After the stages, even failed ones, an
/// append-only file is compared with the copy the job started from and handed on only when it begins with it.
/// </summary>
internal static class CarriedFileSteps
{
    private const string Saved = "$RUNNER_TEMP/llmops-carried";

    public static bool NeedsActionsRead(WorkflowJob job) => job.Requirements.CarriedFiles.Any(f => job.CarriedFrom.GetValueOrDefault(f.Name) is null);

    public static IEnumerable<YamlNode> Before(WorkflowJob job, ActionPins pins)
    {
        foreach (var file in job.Requirements.CarriedFiles)
        {
            var folder = Path.GetDirectoryName(file.Path)!.Replace('\\', '/');
            if (job.CarriedFrom.GetValueOrDefault(file.Name) is { } earlier)
            {
                yield return new YamlMapping().Add("name", $"Download {file.Name} (from job {earlier.Name})")
                    .Add("uses", new YamlScalar(pins.DownloadArtifact.Reference, Comment: pins.DownloadArtifact.Version))
                    .Add("with", new YamlMapping().Add("name", file.Name).Add("path", $"{Saved}/{file.Name}"));
                yield return Bash($"Start from {file.Name} of job {earlier.Name}", [
                    $"mkdir -p {folder}",
                    $"cp \"{Saved}/{file.Name}/{file.FileName}\" {file.Path}",
                ]);
                continue;
            }

            yield return Bash($"Download the newest {file.Name} (an earlier run's)", [
                "set -euo pipefail",
                $"mkdir -p \"{Saved}/{file.Name}\" {folder}",
                $"id=$(gh api \"repos/$GITHUB_REPOSITORY/actions/artifacts?name={file.Name}&per_page=1\" --jq '.artifacts[] | select(.expired | not) | .id')",
                $"if [ -z \"$id\" ]; then echo \"::notice::no earlier {file.Name} artifact: {file.Path} starts here\"; exit 0; fi",
                $"gh api \"repos/$GITHUB_REPOSITORY/actions/artifacts/$id/zip\" > \"{Saved}/{file.Name}.zip\"",
                $"unzip -o -q \"{Saved}/{file.Name}.zip\" -d \"{Saved}/{file.Name}\"",
                $"cp \"{Saved}/{file.Name}/{file.FileName}\" {file.Path}",
            ]).Add("env", new YamlMapping().Add("GH_TOKEN", "${{ github.token }}"));
        }
    }

    public static IEnumerable<YamlNode> After(WorkflowJob job, ActionPins pins, string retentionDays)
    {
        foreach (var file in job.Requirements.CarriedFiles)
        {
            var id = "carried-" + file.Name.ToLowerInvariant();
            var handOn = "${{ !cancelled() }}";
            if (file.AppendOnly)
            {
                yield return Bash($"Check {file.Path} was only appended to", [
                    $"started=\"{Saved}/{file.Name}/{file.FileName}\"",
                    "[ -f \"$started\" ] || exit 0",
                    $"if cmp -s -n \"$(stat -c %s \"$started\")\" \"$started\" {file.Path}; then exit 0; fi",
                    $"echo \"::error file={file.Path}::{file.Path} no longer begins with the {file.Name} this job started from: it was rewritten, not appended to; it is not handed on\"",
                    "exit 1",
                ]).Add("id", id).Add("if", handOn);
                handOn = $"${{{{ !cancelled() && steps.{id}.outcome == 'success' }}}}";
            }

            yield return new YamlMapping().Add("name", $"Upload {file.Name}")
                .Add("if", handOn)
                .Add("uses", new YamlScalar(pins.UploadArtifact.Reference, Comment: pins.UploadArtifact.Version))
                .Add("with", new YamlMapping()
                    .Add("name", file.Name)
                    .Add("path", file.Path)
                    .Add("if-no-files-found", "ignore")
                    .Add("overwrite", new YamlScalar("true", IsString: false))
                    .Add("retention-days", new YamlScalar(retentionDays, IsString: false))
                    .Add("include-hidden-files", new YamlScalar("true", IsString: false)));
        }
    }

    private static YamlMapping Bash(string name, IReadOnlyList<string> lines) =>
        new YamlMapping().Add("name", name).Add("shell", "bash").Add("run", string.Join("\n", lines) + "\n");
}
