using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.GitHub;

/// <summary>
/// The pull request job of a workflow that <see cref="GitHubWorkflow.PostsPlanDiff"/>: runs <c>./build.sh PlanDiff</c>
/// against the base branch and posts it as one PR comment, updated on every push (found by its marker). Least
/// privilege: only this job may write pull requests, it reads no secret (the automatic token only), and it runs on
/// <c>pull_request</c>, never <c>pull_request_target</c>, so a fork's code never runs with write access. A fork's
/// token cannot write, so for forks the diff goes to the job summary only.
/// </summary>
internal static class PlanDiffJob
{
    /// <summary>The job's id.</summary>
    public const string Name = "plan-diff";

    // What PlanDiffMarkdown puts first; the CLI project is not referenced from here.
    private const string Marker = "<!-- llmops-plan-diff -->";

    private const string Output = ".llmops/plan-diff.md";

    /// <summary>The job.</summary>
    public static YamlMapping Emit(WorkflowLayout layout, ActionPins pins)
    {
        if (layout.Workflow.PullRequest is null)
        {
            throw new EmissionException($"{layout.Where}: PostsPlanDiff() needs a pull request trigger; add OnPullRequest().");
        }

        if (layout.Jobs.Any(j => j.Name == Name))
        {
            throw new EmissionException($"{layout.Where}: a job is already named '{Name}', the name of the plan diff job; rename the group.");
        }

        var steps = new List<YamlNode>
        {
            Uses("Check out with history, for the base branch", pins.Checkout, new YamlMapping()
                .Add("persist-credentials", new YamlScalar("false", IsString: false))
                .Add("fetch-depth", new YamlScalar("0", IsString: false))),
            Uses("Set up .NET", pins.SetupDotnet, new YamlMapping().Add("global-json-file", "global.json")),
            Uses("Cache NuGet packages", pins.Cache, new YamlMapping()
                .Add("path", "~/.nuget/packages")
                .Add("key", "nuget-${{ runner.os }}-${{ hashFiles('**/*.csproj') }}")
                .Add("restore-keys", "nuget-${{ runner.os }}-")),
        };
        steps.AddRange(BuildProgramCache.Steps(pins));
        steps.Add(new YamlMapping()
            .Add("name", "Diff the plan against the base branch")
            .Add("shell", "bash")
            .Add("env", new YamlMapping().Add("BASE_REF", "${{ github.base_ref }}"))
            .Add("run", $"./build.sh PlanDiff --base \"origin/$BASE_REF\" --output {Output}\ncat {Output} >> \"$GITHUB_STEP_SUMMARY\"\n"));
        steps.Add(new YamlMapping()
            .Add("name", "Post or update the plan diff comment")
            .Add("if", "github.event.pull_request.head.repo.full_name == github.repository")
            .Add("shell", "bash")
            .Add("env", new YamlMapping()
                .Add("GH_TOKEN", "${{ github.token }}")
                .Add("PR", "${{ github.event.pull_request.number }}")
                .Add("REPO", "${{ github.repository }}"))
            .Add("run", string.Join("\n",
                $"filter='.[] | select(.user.login == \"github-actions[bot]\" and (.body | startswith(\"{Marker}\"))) | .id'",
                "id=$(gh api \"repos/$REPO/issues/$PR/comments\" --paginate --jq \"$filter\" | head -n 1)",
                "if [[ -n \"$id\" ]]; then",
                $"  gh api --method PATCH \"repos/$REPO/issues/comments/$id\" -F body=@{Output} > /dev/null",
                "else",
                $"  gh api --method POST \"repos/$REPO/issues/$PR/comments\" -F body=@{Output} > /dev/null",
                "fi",
                "")));

        return new YamlMapping()
            .Add("name", "Plan diff: what this pull request changes in the pipelines' plans")
            .Add("if", "github.event_name == 'pull_request'")
            .Add("runs-on", "ubuntu-latest")
            .Add("permissions", new YamlMapping().Add("contents", "read").Add("pull-requests", "write"))
            .Add("timeout-minutes", new YamlScalar("30", IsString: false))
            .Add("steps", new YamlSequence(steps));
    }

    private static YamlMapping Uses(string name, PinnedAction action, YamlMapping with) =>
        new YamlMapping().Add("name", name).Add("uses", new YamlScalar(action.Reference, Comment: action.Version)).Add("with", with);
}
