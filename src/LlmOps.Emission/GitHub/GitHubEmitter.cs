using System.Text.RegularExpressions;
using LlmOps.Emission.Yaml;
using LlmOps.Planning;

namespace LlmOps.Emission.GitHub;

/// <summary>Turns a laid-out workflow into a GitHub Actions workflow document.</summary>
public static partial class GitHubEmitter
{
    // What GitHub (and actionlint) accept for workflow_dispatch.
    private const int MaxDispatchInputs = 10;

    /// <summary>The workflow file's path relative to the repository root.</summary>
    public static string PathOf(GitHubWorkflow workflow) => $".github/workflows/{workflow.Name}.yml";

    /// <summary>Builds the workflow document.</summary>
    /// <param name="layout">The laid-out workflow.</param>
    /// <param name="rootDirectory">The repository root, against which default paths are made relative.</param>
    /// <param name="pins">The actions every job uses (<see cref="ActionPins.Load"/>).</param>
    public static YamlMapping Emit(WorkflowLayout layout, string rootDirectory, ActionPins pins)
    {
        var workflow = (GitHubWorkflow)layout.Workflow;
        var root = new YamlMapping()
            .Add("name", workflow.Name)
            .Add("on", Triggers(layout, rootDirectory))
            .Add("permissions", new YamlMapping())
            .Add("concurrency", DeploymentConcurrency.Workflow())
            .Add("env", new YamlMapping()
                .Add("DOTNET_NOLOGO", new YamlScalar("true"))
                .Add("DOTNET_CLI_TELEMETRY_OPTOUT", new YamlScalar("true")));
        var jobs = new YamlMapping();
        foreach (var job in layout.Jobs)
        {
            jobs.Add(job.Name, Job(layout, workflow, job, pins));
        }

        if (workflow.PostsPlanDiffComment)
        {
            jobs.Add(PlanDiffJob.Name, PlanDiffJob.Emit(layout, pins));
        }

        return root.Add("jobs", jobs);
    }

    private static YamlMapping Triggers(WorkflowLayout layout, string rootDirectory)
    {
        var workflow = layout.Workflow;
        var on = new YamlMapping();
        if (workflow.Push is { } push)
        {
            var map = new YamlMapping().Add("branches", Filters(layout, push.Branches, "a push branch filter"));
            on.Add("push", push.Paths.Count > 0 ? map.Add("paths", Filters(layout, push.Paths, "a push path filter")) : map);
        }

        if (workflow.PullRequest is { } pr)
        {
            var map = new YamlMapping();
            if (pr.Branches.Count > 0)
            {
                map.Add("branches", Filters(layout, pr.Branches, "a pull request branch filter"));
            }

            if (pr.Paths.Count > 0)
            {
                map.Add("paths", Filters(layout, pr.Paths, "a pull request path filter"));
            }

            on.Add("pull_request", map);
        }

        if (workflow.Schedules.Count > 0)
        {
            on.Add("schedule", new YamlSequence(workflow.Schedules.Select(c => (YamlNode)new YamlMapping().Add("cron", ExpressionText.RequireNoExpression(c, layout.Where, "a schedule"))).ToList()));
        }

        if (workflow.ManualDispatch)
        {
            if (layout.Inputs.Count > MaxDispatchInputs)
            {
                throw new EmissionException(
                    $"{layout.Where}: {layout.Inputs.Count} parameters would become workflow_dispatch inputs, but GitHub accepts at most {MaxDispatchInputs}; "
                    + "choose them with OnManualDispatch(() => Epochs, ...). The others keep their defaults in manual runs.");
            }

            var inputs = new YamlMapping();
            foreach (var parameter in layout.Inputs)
            {
                inputs.Add(InputName(layout, parameter), Input(layout, parameter, rootDirectory));
            }

            on.Add("workflow_dispatch", inputs.Entries.Count > 0 ? new YamlMapping().Add("inputs", inputs) : new YamlMapping());
        }

        return on.Entries.Count > 0
            ? on
            : throw new EmissionException($"{layout.Where}: no triggers; call OnPush, OnPullRequest, OnSchedule or OnManualDispatch.");
    }

    private static YamlMapping Input(WorkflowLayout layout, ParameterModel parameter, string rootDirectory)
    {
        var input = new YamlMapping();
        var what = $"parameter '{parameter.Name}':";
        if (parameter.Description.Length > 0)
        {
            input.Add("description", ExpressionText.RequireNoExpression(parameter.Description, layout.Where, $"{what} the description"));
        }

        input.Add("required", new YamlScalar("false", IsString: false));
        var kind = InputValues.KindOf(parameter);
        input.Add("type", kind switch
        {
            InputValues.Kind.Boolean => "boolean",
            InputValues.Kind.Number => "number",
            InputValues.Kind.Choice => "choice",
            _ => "string",
        });
        if (kind == InputValues.Kind.Choice)
        {
            input.Add("options", Strings(InputValues.Options(parameter)));
        }

        if (InputValues.Default(parameter, rootDirectory) is { } value)
        {
            input.Add("default", value with { Value = ExpressionText.RequireNoExpression(value.Value, layout.Where, $"{what} the default") });
        }

        return input;
    }

    private static YamlMapping Job(WorkflowLayout layout, GitHubWorkflow workflow, WorkflowJob job, ActionPins pins)
    {
        var map = new YamlMapping();
        var description = job.Stages.Count == 1 ? job.Stages[0].Stage.Definition.DescriptionText : "";
        map.Add("name", ExpressionText.Literal(description.Length > 0 ? $"{job.Name}: {description}" : job.Name));
        if (job.Needs.Count > 0)
        {
            map.Add("needs", new YamlSequence(job.Needs.Select(n => (YamlNode)new YamlScalar(n.Name)).ToList(), Flow: true));
        }

        var runner = Runner(layout, workflow, job);
        var selfHosted = runner.Labels.Contains("self-hosted");
        JobTimeouts.Check(layout.Where, job, selfHosted ? JobTimeouts.GitHubSelfHostedMinutes : JobTimeouts.HostedMinutes, selfHosted ? "self-hosted runners" : "GitHub-hosted runners");
        if (GuardExpressions.GitHub(JobGuard.For(layout, job, selfHosted)) is { } condition)
        {
            map.Add("if", condition);
        }

        map.Add("runs-on", runner.Labels.Count == 1 ? new YamlScalar(runner.Labels[0]) : new YamlSequence(runner.Labels.Select(l => (YamlNode)new YamlScalar(l)).ToList(), Flow: true));
        var permissions = new YamlMapping().Add("contents", "read");
        if (job.NeedsIdToken)
        {
            permissions.Add("id-token", "write");
        }

        // An action step's permissions go to its job alone (an attestation needs id-token and attestations: write).
        foreach (var permission in job.Requirements.ActionSteps.SelectMany(a => a.Permissions).Distinct(StringComparer.Ordinal))
        {
            var (scope, level) = Permission(layout, job, permission);
            if (!permissions.Entries.Any(e => e.Key == scope))
            {
                permissions.Add(scope, level);
            }
        }

        if (CarriedFileSteps.NeedsActionsRead(job))
        {
            permissions.Add("actions", "read");  // the newest carried file of an earlier run is found through the artifacts API
        }

        map.Add("permissions", permissions);
        if (job.Deployment is { } target)
        {
            var environment = new YamlMapping().Add("name", ExpressionText.Literal(target.Environment));
            map.Add("environment", target.Url is null ? environment : environment.Add("url", ExpressionText.Literal(target.Url)));
            map.Add("concurrency", DeploymentConcurrency.Job(target.Environment));
        }

        if (job.Requirements.Services.Count > 0)
        {
            var services = new YamlMapping();
            foreach (var service in job.Requirements.Services)
            {
                var container = new YamlMapping().Add("image", ExpressionText.RequireNoExpression(service.Image, layout.Where, $"service {service.Name}"));
                if (service.Ports.Count > 0)
                {
                    container.Add("ports", Strings(service.Ports.Select(p => $"{p}:{p}")));
                }

                services.Add(service.Name, container);
            }

            map.Add("services", services);
        }

        map.Add("timeout-minutes", new YamlScalar(job.TimeoutMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture), IsString: false));
        return map.Add("steps", new YamlSequence(Steps(layout, workflow, job, pins)));
    }

    private static GitHubRunner Runner(WorkflowLayout layout, GitHubWorkflow workflow, WorkflowJob job)
    {
        var overrides = workflow.RunnerOverrides
            .Where(o => job.Stages.Any(s => layout.Pipeline.Find(o.Stage) == s.Stage))
            .Select(o => o.Runner).Distinct().ToList();
        if (overrides.Count > 1)
        {
            throw new EmissionException($"{layout.Where}: job '{job.Name}' has stages set to different runners; use one runner per job.");
        }

        var runner = overrides.FirstOrDefault() ?? (job.Gpu is null ? workflow.DefaultRunner : workflow.GpuRunner);
        if (job.Gpu is { } gpu && !runner.HasGpus)
        {
            var stage = job.GpuStage!;
            throw new EmissionException(
                $"{layout.Where}: stage {stage.Id} needs {gpu}, but its job '{job.Name}' would run on [{string.Join(", ", runner.Labels)}], which has no GPUs. " +
                "Route it to a GPU runner (GitHubRunner.SelfHostedGpu(...), or leave the default GPU runner) or remove the GPU requirement.");
        }

        return runner;
    }

    private static List<YamlNode> Steps(WorkflowLayout layout, GitHubWorkflow workflow, WorkflowJob job, ActionPins pins)
    {
        var steps = new List<YamlNode>
        {
            Uses("Check out", pins.Checkout, new YamlMapping().Add("persist-credentials", new YamlScalar("false", IsString: false))),
            Uses("Set up .NET", pins.SetupDotnet, new YamlMapping().Add("global-json-file", "global.json")),
            Uses("Cache NuGet packages", pins.Cache, new YamlMapping()
                .Add("path", "~/.nuget/packages")
                .Add("key", "nuget-${{ runner.os }}-${{ hashFiles('**/*.csproj') }}")
                .Add("restore-keys", "nuget-${{ runner.os }}-")),
            Uses("Cache LlmOps store", pins.Cache, new YamlMapping()
                .Add("path", $"{StateLayout.Relative.Store}\n{StateLayout.Relative.Cache}\n")
                .Add("key", $"llmops-${{{{ runner.os }}}}-{job.Name}-{CiSources.GitHubHash(CiSources.Checked(workflow.StoreCacheKeyFiles, layout.Where, "CachesStoreByHashOf"))}")
                .Add("restore-keys", $"llmops-${{{{ runner.os }}}}-{job.Name}-\nllmops-${{{{ runner.os }}}}-\n")),
        };
        steps.AddRange(BuildProgramCache.Steps(pins));
        foreach (var artifact in job.Downloads)
        {
            steps.Add(Uses($"Download {artifact}", pins.DownloadArtifact, new YamlMapping()
                .Add("name", artifact)
                .Add("path", $"{JobScript.ImportDirectory}/{artifact}")));
        }

        steps.AddRange(CarriedFileSteps.Before(job, pins));
        steps.AddRange(OidcLoginSteps.For(job, pins, layout.Where));
        foreach (var stage in job.Stages)
        {
            var env = new YamlMapping();
            var used = job.ParametersOf(stage);
            foreach (var parameter in used.Where(p => !p.IsSecret && layout.Inputs.Contains(p)))
            {
                env.Add(JobScript.EnvironmentName(parameter), $"${{{{ inputs.{InputName(layout, parameter)} }}}}");
            }

            foreach (var secret in used.Where(p => p.IsSecret))
            {
                // ReservedVariables has refused names GitHub keeps for itself (GITHUB_*) before emission gets here.
                var name = JobScript.EnvironmentName(secret);
                env.Add(name, $"${{{{ secrets.{name} }}}}");
            }

            foreach (var secret in WorkflowJob.RequirementsOf(stage).Secrets)
            {
                env.Add(secret.Variable, $"${{{{ secrets.{secret.Secret} }}}}");
            }

            if (layout.Workflow.ExperimentTracking)
            {
                foreach (var (name, isSecret) in TrackingVariables.All)
                {
                    env.Add(name, isSecret ? $"${{{{ secrets.{name} }}}}" : $"${{{{ vars.{name} }}}}");
                }
            }

            var step = new YamlMapping().Add("name", $"Run {stage.Id}").Add("shell", "bash");
            if (env.Entries.Count > 0)
            {
                step.Add("env", env);
            }

            steps.Add(step.Add("run", JobScript.Run(stage, env.Entries.Select(e => e.Key))));
        }

        steps.AddRange(CarriedFileSteps.After(job, pins, RetentionDays(layout, workflow)));
        foreach (var action in job.Requirements.ActionSteps)
        {
            var pin = pins.For(action.Action)
                ?? throw new EmissionException($"{layout.Where}: job '{job.Name}' uses {action.Action}, which {pins.Source} does not pin; add it there with its runs.using line.");
            var with = new YamlMapping();
            foreach (var (input, value) in action.With)
            {
                with.Add(input, ExpressionText.RequireNoExpression(value, layout.Where, $"input {input} of {action.Action}"));
            }

            steps.Add(Uses(action.Name, pin, with));
        }

        foreach (var artifact in job.Uploads)
        {
            steps.Add(Uses($"Upload {artifact}", pins.UploadArtifact, new YamlMapping()
                .Add("name", artifact)
                .Add("path", $"{JobScript.ExportDirectory}/{artifact}")
                .Add("if-no-files-found", "error")
                .Add("retention-days", new YamlScalar(RetentionDays(layout, workflow), IsString: false))
                .Add("include-hidden-files", new YamlScalar("true", IsString: false))));
        }

        return steps;
    }

    private static (string Scope, string Level) Permission(WorkflowLayout layout, WorkflowJob job, string permission)
    {
        var parts = permission.Split(':', 2, StringSplitOptions.TrimEntries);
        return parts is [{ Length: > 0 } scope, "read" or "write" or "none"]
            ? (parts[0], parts[1])
            : throw new EmissionException($"{layout.Where}: job '{job.Name}' asks for permission '{permission}'; write it as 'scope: read|write|none'.");
    }

    private static string RetentionDays(WorkflowLayout layout, GitHubWorkflow workflow) =>
        workflow.ArtifactRetentionDays is >= 1 and <= 90
            ? workflow.ArtifactRetentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : throw new EmissionException($"{layout.Where}: RetainsArtifactsFor({workflow.ArtifactRetentionDays}) is out of range; GitHub keeps artifacts 1 to 90 days.");

    private static string InputName(WorkflowLayout layout, ParameterModel parameter) =>
        InputId().IsMatch(parameter.Name)
            ? parameter.Name
            : throw new EmissionException($"{layout.Where}: parameter '{parameter.Name}' cannot be a workflow input name; use letters, digits, '-' and '_'.");

    private static YamlMapping Uses(string name, PinnedAction action, YamlMapping with) =>
        new YamlMapping().Add("name", name).Add("uses", new YamlScalar(action.Reference, Comment: action.Version)).Add("with", with);

    private static YamlSequence Filters(WorkflowLayout layout, IEnumerable<string> items, string what) =>
        Strings(items.Select(i => ExpressionText.RequireNoExpression(i, layout.Where, what)));

    private static YamlSequence Strings(IEnumerable<string> items) => new(items.Select(i => (YamlNode)new YamlScalar(i)).ToList());

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*\z")]
    private static partial Regex InputId();
}
