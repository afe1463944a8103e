using System.Globalization;
using System.Text.RegularExpressions;
using LlmOps.Emission.Yaml;
using LlmOps.Planning;

namespace LlmOps.Emission.Azure;

/// <summary>Turns a laid-out workflow into an Azure Pipelines document.</summary>
public static partial class AzureEmitter
{
    private const string Workspace = "$(System.DefaultWorkingDirectory)";

    /// <summary>The pipeline file's path relative to the repository root.</summary>
    public static string PathOf(AzurePipeline pipeline) =>
        pipeline.Name.Length == 0 ? "azure-pipelines.yml" : $"azure-pipelines-{pipeline.Name}.yml";

    /// <summary>The job id Azure sees: the job's name, with a suffix where Azure reserves the name.</summary>
    public static string JobId(WorkflowJob job) =>
        job.Name.Equals("deploy", StringComparison.OrdinalIgnoreCase) ? job.Name + "_job" : job.Name;

    /// <summary>Builds the pipeline document.</summary>
    public static YamlMapping Emit(WorkflowLayout layout, string rootDirectory)
    {
        var pipeline = (AzurePipeline)layout.Workflow;
        var root = new YamlMapping();
        root.Add("trigger", pipeline.Push is { } push ? Filters(layout, push.Branches, push.Paths) : new YamlScalar("none"));
        if (pipeline.PullRequest is { } pr)
        {
            var map = Filters(layout, pr.Branches, pr.Paths);
            root.Add("pr", map.Add("autoCancel", new YamlScalar("true", IsString: false)));
        }
        else
        {
            root.Add("pr", "none");
        }

        if (pipeline.Schedules.Count > 0)
        {
            root.Add("schedules", new YamlSequence(pipeline.Schedules.Select(cron => (YamlNode)Schedule(layout, pipeline, cron)).ToList()));
        }

        if (layout.Inputs.Count > 0)
        {
            CheckParameterNames(layout);
            root.Add("parameters", new YamlSequence(layout.Inputs.Select(p => (YamlNode)Parameter(layout, p, rootDirectory)).ToList()));
        }

        root.Add("variables", new YamlMapping()
            .Add("DOTNET_NOLOGO", "true")
            .Add("DOTNET_CLI_TELEMETRY_OPTOUT", "true")
            .Add("NUGET_PACKAGES", "$(Pipeline.Workspace)/.nuget/packages"));
        var ids = layout.Jobs.GroupBy(JobId, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (ids is not null)
        {
            throw new EmissionException($"{layout.Where}: two jobs would have the Azure id '{ids.Key}'; rename a group.");
        }

        var stages = AzureStages.Layout(layout, pipeline);
        var emitted = stages.Select(s => (YamlNode)AzureStages.Emit(s, s.Jobs.Select(j => Job(layout, pipeline, j, s.Jobs, rootDirectory)).ToList())).ToList();
        if (pipeline.PostsPlanDiffSummary)
        {
            emitted.Add(AzurePlanDiffStage.Emit(layout, stages.Select(s => s.Name).ToList()));
        }

        return root.Add("stages", new YamlSequence(emitted));
    }

    // Triggers are read before templates are expanded, so no expression (not even an escape) can appear in them.
    private static YamlMapping Filters(WorkflowLayout layout, IReadOnlyList<string> branches, IReadOnlyList<string> paths)
    {
        var map = new YamlMapping();
        if (branches.Count > 0)
        {
            map.Add("branches", new YamlMapping().Add("include", Strings(branches.Select(b => ExpressionText.RequireNoExpression(b, layout.Where, "a branch filter")))));
        }

        return paths.Count > 0
            ? map.Add("paths", new YamlMapping().Add("include", Strings(paths.Select(p => ExpressionText.RequireNoExpression(p, layout.Where, "a path filter")))))
            : map;
    }

    private static YamlMapping Schedule(WorkflowLayout layout, AzurePipeline pipeline, string cron)
    {
        ExpressionText.RequireNoExpression(cron, layout.Where, "a schedule");
        var map = new YamlMapping().Add("cron", cron).Add("displayName", $"Scheduled ({cron})");
        if (pipeline.Push is { Branches.Count: > 0 } push)
        {
            map.Add("branches", new YamlMapping().Add("include", Strings(push.Branches)));
        }

        return map.Add("always", new YamlScalar("true", IsString: false));
    }

    private static YamlMapping Parameter(WorkflowLayout layout, ParameterModel parameter, string rootDirectory)
    {
        var what = $"parameter '{parameter.Name}':";
        var map = new YamlMapping().Add("name", ParameterName(parameter));
        if (parameter.Description.Length > 0)
        {
            map.Add("displayName", ExpressionText.RequireNoExpression(parameter.Description, layout.Where, $"{what} the description"));
        }

        var (type, value, values) = AzureParameterDefaults.Of(parameter, rootDirectory);
        map.Add("type", type).Add("default", value with { Value = ExpressionText.RequireNoExpression(value.Value, layout.Where, $"{what} the default") });
        if (values is not null)
        {
            map.Add("values", Strings(values));
        }

        return map;
    }

    private static string ParameterName(ParameterModel parameter) => JobScript.EnvironmentName(parameter).ToLowerInvariant();

    private static void CheckParameterNames(WorkflowLayout layout)
    {
        var bad = layout.Inputs.FirstOrDefault(p => !ParameterId().IsMatch(ParameterName(p)));
        if (bad is not null)
        {
            throw new EmissionException($"{layout.Where}: parameter '{bad.Name}' cannot be an Azure pipeline parameter; use letters, digits and '-'.");
        }
    }

    [GeneratedRegex(@"^[a-z_][a-z0-9_]*\z")]
    private static partial Regex ParameterId();

    // A job's dependsOn names jobs of its own stage only; the stage's dependsOn covers the others.
    private static YamlMapping Job(WorkflowLayout layout, AzurePipeline pipeline, WorkflowJob job, IReadOnlyList<WorkflowJob> stageJobs, string rootDirectory)
    {
        var map = new YamlMapping();
        map.Add(job.Deployment is null ? "job" : "deployment", JobId(job));
        var description = job.Stages.Count == 1 ? job.Stages[0].Stage.Definition.DescriptionText : "";
        map.Add("displayName", ExpressionText.Literal(description.Length > 0 ? $"{job.Name}: {description}" : job.Name));
        if (job.Needs.Any(stageJobs.Contains))
        {
            map.Add("dependsOn", Strings(job.Needs.Where(stageJobs.Contains).Select(JobId)));
        }

        var pool = Pool(layout, pipeline, job);
        var selfHosted = pool["name"] is not null;
        JobTimeouts.Check(layout.Where, job, selfHosted ? JobTimeouts.AzureSelfHostedMinutes : JobTimeouts.HostedMinutes, selfHosted ? "self-hosted agents" : "Microsoft-hosted agents");
        if (GuardExpressions.Azure(JobGuard.For(layout, job, selfHosted)) is { } condition)
        {
            map.Add("condition", condition);
        }

        map.Add("timeoutInMinutes", new YamlScalar(job.TimeoutMinutes.ToString(CultureInfo.InvariantCulture), IsString: false));
        map.Add("pool", pool);
        if (job.Requirements.Services.Count > 0)
        {
            // Azure declares service containers as pipeline resources; until that is emitted, say so rather than drop them.
            throw new EmissionException($"{layout.Where}: job '{job.Name}' needs service containers ({string.Join(", ", job.Requirements.Services.Select(s => s.Name))}), which the Azure emitter does not emit yet; run this workflow on GitHub Actions or start the service inside the stage.");
        }

        var steps = Steps(layout, pipeline, job, rootDirectory);
        if (job.Deployment is not { } target)
        {
            return map.Add("steps", new YamlSequence(steps));
        }

        // Deployment jobs download every artifact and skip the checkout unless told otherwise.
        steps.Insert(0, new YamlMapping().Add("download", "none"));
        return map
            .Add("environment", ExpressionText.Literal(target.Environment))
            .Add("strategy", new YamlMapping().Add("runOnce", new YamlMapping().Add("deploy", new YamlMapping().Add("steps", new YamlSequence(steps)))));
    }

    private static YamlMapping Pool(WorkflowLayout layout, AzurePipeline pipeline, WorkflowJob job)
    {
        var overrides = pipeline.PoolOverrides
            .Where(o => job.Stages.Any(s => layout.Pipeline.Find(o.Stage) == s.Stage))
            .Select(o => o.Pool).Distinct().ToList();
        if (overrides.Count > 1)
        {
            throw new EmissionException($"{layout.Where}: job '{job.Name}' has stages set to different pools; use one pool per job.");
        }

        var pool = overrides.FirstOrDefault() ?? (job.Gpu is null ? pipeline.DefaultPool : pipeline.GpuPool);
        if (job.Gpu is { } gpu && !pool.HasGpus)
        {
            var stage = job.GpuStage!;
            throw new EmissionException(
                $"{layout.Where}: stage {stage.Id} needs {gpu}, but its job '{job.Name}' would run in pool {pool.Name ?? "vmImage " + pool.VmImage}, which has no GPUs. " +
                "Route it to a GPU pool (AzurePool.SelfHostedGpu(...), or leave the default GPU pool) or remove the GPU requirement.");
        }

        var map = new YamlMapping();
        if (pool.Name is not null)
        {
            map.Add("name", pool.Name);
        }

        if (pool.VmImage is not null)
        {
            map.Add("vmImage", pool.VmImage);
        }

        return pool.Demands.Count > 0 ? map.Add("demands", Strings(pool.Demands)) : map;
    }

    private static List<YamlNode> Steps(WorkflowLayout layout, AzurePipeline pipeline, WorkflowJob job, string rootDirectory)
    {
        var steps = new List<YamlNode>
        {
            new YamlMapping().Add("checkout", "self").Add("persistCredentials", new YamlScalar("false", IsString: false)),
            Task("UseDotNet@2", "Set up .NET", new YamlMapping().Add("useGlobalJson", new YamlScalar("true", IsString: false))),
            Task("Cache@2", "Cache NuGet packages", new YamlMapping()
                .Add("key", "nuget | \"$(Agent.OS)\" | **/*.csproj")
                .Add("restoreKeys", "nuget | \"$(Agent.OS)\"")
                .Add("path", "$(NUGET_PACKAGES)")),
        };
        foreach (var (folder, path) in new[] { ("store", StateLayout.Relative.Store), ("cache", StateLayout.Relative.Cache) })
        {
            steps.Add(Task("Cache@2", $"Cache LlmOps {folder}", new YamlMapping()
                .Add("key", $"llmops-{folder} | \"$(Agent.OS)\" | \"{job.Name}\" | {CiSources.AzureSegment(CiSources.Checked(pipeline.StoreCacheKeyFiles, layout.Where, "CachesStoreByHashOf"))}")
                .Add("restoreKeys", $"llmops-{folder} | \"$(Agent.OS)\" | \"{job.Name}\"\nllmops-{folder} | \"$(Agent.OS)\"\n")
                .Add("path", $"{Workspace}/{path}")));
        }

        steps.AddRange(AzureBuildProgramCache.Steps(Workspace));
        var connection = AzureLogin.ConnectionOf(layout, pipeline, job);
        foreach (var artifact in job.Downloads)
        {
            steps.Add(Task("DownloadPipelineArtifact@2", $"Download {artifact}", new YamlMapping()
                .Add("buildType", "current")
                .Add("artifactName", artifact)
                .Add("targetPath", $"{Workspace}/{JobScript.ImportDirectory}/{artifact}")));
        }

        steps.AddRange(AzureCarriedFileSteps.Before(layout, job));
        foreach (var stage in job.Stages)
        {
            var env = new YamlMapping();
            var encoded = new List<string>();
            foreach (var parameter in job.ParametersOf(stage))
            {
                if (parameter.IsSecret)
                {
                    env.Add(JobScript.EnvironmentName(parameter), $"$({JobScript.EnvironmentName(parameter)})");
                }
                else if (layout.Inputs.Contains(parameter) && AzureParameterDefaults.TakesAnyText(parameter, rootDirectory))
                {
                    // Free text: a string, or a number without a default (a string parameter so it can hold the marker).
                    env.Add(JobScript.EnvironmentName(parameter), MacroSafeValues.Expression(ParameterName(parameter)));
                    encoded.Add(JobScript.EnvironmentName(parameter));
                }
                else if (layout.Inputs.Contains(parameter))
                {
                    // Numbers, and booleans and enum names limited to their values, hold no '$' for a macro to start with.
                    env.Add(JobScript.EnvironmentName(parameter), $"${{{{ parameters.{ParameterName(parameter)} }}}}");
                }
            }

            foreach (var secret in WorkflowJob.RequirementsOf(stage).Secrets)
            {
                env.Add(secret.Variable, $"$({secret.Secret})");
            }

            if (layout.Workflow.ExperimentTracking)
            {
                // Azure passes secret variables to scripts only through env:, and plain ones the same way for symmetry.
                foreach (var (name, _) in TrackingVariables.All)
                {
                    env.Add(name, $"$({name})");
                }
            }

            var decode = encoded.Count > 0 ? [MacroSafeValues.DecodeLine(encoded)] : (IReadOnlyList<string>)[];
            var script = JobScript.Run(stage, env.Entries.Select(e => e.Key), decode);
            var step = connection is null
                ? new YamlMapping().Add("bash", script).Add("displayName", $"Run {stage.Id}")
                : AzureLogin.Step(connection, script, $"Run {stage.Id}");
            steps.Add(env.Entries.Count > 0 ? step.Add("env", env) : step);
        }

        steps.AddRange(AzureCarriedFileSteps.After(job));
        foreach (var artifact in job.Uploads)
        {
            steps.Add(Task("PublishPipelineArtifact@1", $"Publish {artifact}", new YamlMapping()
                .Add("targetPath", $"{Workspace}/{JobScript.ExportDirectory}/{artifact}")
                .Add("artifact", artifact)
                .Add("publishLocation", "pipeline")));
        }

        return steps;
    }

    private static YamlMapping Task(string task, string displayName, YamlMapping inputs) =>
        new YamlMapping().Add("task", task).Add("displayName", displayName).Add("inputs", inputs);

    private static YamlSequence Strings(IEnumerable<string> items) => new(items.Select(i => (YamlNode)new YamlScalar(i)).ToList());
}
