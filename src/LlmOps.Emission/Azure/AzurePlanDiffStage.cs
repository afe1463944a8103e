using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Azure;

/// <summary>
/// The pull request stage of a pipeline that <see cref="AzurePipeline.PostsPlanDiff"/>: runs <c>./build.sh PlanDiff</c>
/// against the target branch and uploads the Markdown to the build's summary tab. It depends on no stage (it reviews
/// the definition, not the run), reads no secret, and checks out without persisting credentials, so a fork's pull
/// request runs it with nothing to leak.
/// </summary>
internal static class AzurePlanDiffStage
{
    /// <summary>The stage's and job's name.</summary>
    public const string Name = "plan_diff";

    private const string Output = ".llmops/plan-diff.md";

    /// <summary>The stage.</summary>
    /// <param name="layout">The pipeline being emitted.</param>
    /// <param name="stageNames">The pipeline's other stages, whose names it must not take.</param>
    public static YamlMapping Emit(WorkflowLayout layout, IReadOnlyList<string> stageNames)
    {
        if (layout.Workflow.PullRequest is null)
        {
            throw new EmissionException($"{layout.Where}: PostsPlanDiff() needs a pull request trigger; add OnPullRequest().");
        }

        if (stageNames.Contains(Name, StringComparer.OrdinalIgnoreCase) || layout.Jobs.Any(j => AzureEmitter.JobId(j).Equals(Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new EmissionException($"{layout.Where}: a job is already named '{Name}', the name of the plan diff stage; rename the group.");
        }

        var steps = new List<YamlNode>
        {
            new YamlMapping()
                .Add("checkout", "self")
                .Add("fetchDepth", new YamlScalar("0", IsString: false))
                .Add("persistCredentials", new YamlScalar("false", IsString: false)),
            new YamlMapping().Add("task", "UseDotNet@2").Add("displayName", "Set up .NET")
                .Add("inputs", new YamlMapping().Add("useGlobalJson", new YamlScalar("true", IsString: false))),
        };
        steps.AddRange(AzureBuildProgramCache.Steps("$(System.DefaultWorkingDirectory)"));
        // On Azure Repos the target branch is refs/heads/<name>, on GitHub repositories the bare name.
        steps.Add(new YamlMapping()
            .Add("bash", string.Join("\n",
                "set -euo pipefail",
                "base=\"${SYSTEM_PULLREQUEST_TARGETBRANCH#refs/heads/}\"",
                $"./build.sh PlanDiff --base \"origin/$base\" --output {Output}",
                $"echo \"##vso[task.uploadsummary]$(pwd)/{Output}\"",
                ""))
            .Add("displayName", "Diff the plan against the target branch, on the summary tab"));

        var job = new YamlMapping()
            .Add("job", Name)
            .Add("displayName", "Plan diff: what this pull request changes in the pipelines' plans")
            .Add("timeoutInMinutes", new YamlScalar("30", IsString: false))
            .Add("pool", new YamlMapping().Add("vmImage", "ubuntu-latest"))
            .Add("steps", new YamlSequence(steps));
        return new YamlMapping()
            .Add("stage", Name)
            .Add("displayName", "Plan diff")
            .Add("dependsOn", new YamlSequence([]))
            .Add("condition", "eq(variables['Build.Reason'], 'PullRequest')")
            .Add("jobs", new YamlSequence([job]));
    }
}
