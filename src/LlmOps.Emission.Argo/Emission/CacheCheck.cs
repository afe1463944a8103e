using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// LlmOps's caching on Argo. With a shared store (<see cref="ArgoTemplate.SharesStoreIn"/>), the plan's task of a job
/// runs a small DAG, <c>cached-&lt;task&gt;</c>: first the cache check <c>reuse-&lt;task&gt;</c>, a pod in the build image
/// that asks the executor, against the shared store, whether every stage of the job is cached
/// (<c>./build.sh &lt;Stage&gt; --skip --cached-only</c>, the decision a local run makes), then the job's own template,
/// only on a miss (<c>when</c>). On a hit the check exports the stored outputs and the job's node shows
/// <c>Skipped</c>, so the workflow's graph shows what was reused; the DAG's outputs are the check's or the job's
/// (<c>fromExpression</c>, which Argo honours on template outputs), so consumers refer to the plan's task as before.
/// </summary>
internal static class CacheCheck
{
    /// <summary>The output parameter that says whether the check reused everything (<c>true</c>/<c>false</c>).</summary>
    public const string Parameter = "reused";

    private const string ParameterFile = "/tmp/llmops-reused";

    /// <summary>The prefix of check tasks and templates.</summary>
    public const string Prefix = "reuse-";

    /// <summary>The prefix of the DAG template that runs a check and, on a miss, the job.</summary>
    public const string WrapperPrefix = "cached-";

    /// <summary>Whether <paramref name="job"/> gets a check: a shared store is declared and every stage of the job can be cached.</summary>
    public static bool Guards(ArgoContext context, WorkflowJob job) =>
        context.Template.SharedStoreClaim is not null && job.Stages.All(s => s.Stage.Definition.NotCachedReason is null);

    /// <summary>The check's task and template name.</summary>
    public static string TaskName(WorkflowJob job) => Prefix + ArgoContext.TaskName(job);

    /// <summary>The name of the DAG template the plan's task of a guarded job runs.</summary>
    public static string WrapperName(WorkflowJob job) => WrapperPrefix + ArgoContext.TaskName(job);

    /// <summary>
    /// The DAG template of a guarded job: its check, then its own template when the check did not reuse everything;
    /// downloads come in as its inputs and are handed to both, uploads go out from whichever produced them.
    /// </summary>
    public static YamlMapping Wrapper(ArgoContext context, WorkflowJob job)
    {
        var check = TaskName(job);
        var task = ArgoContext.TaskName(job);
        var forwarded = ArtifactWiring.ForwardedArguments(context, job);
        var wrapper = new YamlMapping().Add("name", WrapperName(job));
        if (forwarded is not null)
        {
            wrapper.Add("inputs", new YamlMapping().Add("artifacts", new YamlSequence([.. job.Downloads.Select(a => new YamlMapping().Add("name", a))])));
        }

        wrapper.Add("dag", new YamlMapping().Add("tasks", new YamlSequence(
        [
            ArgoEmitter.Task(check, check, [], forwarded),
            ArgoEmitter.Task(task, task, [check], forwarded, $"{{{{tasks.{check}.outputs.parameters.{Parameter}}}}} == false"),
        ])));
        if (context.Template.ArtifactRepository is S3ArtifactRepository && job.Uploads.Count > 0)
        {
            wrapper.Add("outputs", new YamlMapping().Add("artifacts", new YamlSequence([.. job.Uploads.Select(a => new YamlMapping()
                .Add("name", a)
                .Add("fromExpression", $"tasks['{check}'].outputs.parameters.{Parameter} == 'true' ? tasks['{check}'].outputs.artifacts['{a}'] : tasks['{task}'].outputs.artifacts['{a}']"))])));
        }

        return wrapper;
    }

    /// <summary>The check's template: the task's downloads in, each stage asked with <c>--cached-only</c>, the verdict and (on a hit) the outputs out.</summary>
    public static YamlMapping Template(ArgoContext context, WorkflowJob job)
    {
        var repository = context.Template.RepositoryPath.TrimEnd('/');
        var template = new YamlMapping().Add("name", TaskName(job));
        var verdict = new YamlMapping().Add("name", Parameter).Add("valueFrom", new YamlMapping().Add("path", ParameterFile));
        ArtifactWiring.AddToTemplate(context, job, template, $"{repository}/{JobScript.ImportDirectory}", $"{repository}/{JobScript.ExportDirectory}", [verdict], optionalUploads: true);
        // The check moves what the job moves (its downloads in, on a hit its uploads out), so it gets the job's limit.
        template.Add("activeDeadlineSeconds", Quantities.Count(job.TimeoutMinutes * 60L));

        var (variables, names) = TaskEnvironment.Of(context, job, job.Stages);
        var lines = new List<string>(ArtifactWiring.CopyIn(context, job, JobScript.ImportDirectory));
        lines.Add("reused=true");
        // One run for all the job's stages: a later stage's key needs what an earlier one left in this run. Exit 4 is
        // "not cached" (as make --question answers); any other failure is the check's own and fails it.
        var run = JobScript.Run(job.Stages, names, options: TaskEnvironment.Options(context, $"--cached-only --export {JobScript.ExportDirectory}")).TrimEnd('\n');
        lines.Add($"{run} || {{ code=$?; [ \"$code\" -eq 4 ] || exit \"$code\"; reused=false; }}");

        // A miss exports nothing: the task runs and produces the artifacts itself.
        lines.Add($"if [ \"$reused\" = false ]; then rm -rf {JobScript.ExportDirectory}; fi");
        var copyOut = ArtifactWiring.CopyOut(context, job, JobScript.ExportDirectory);
        if (copyOut.Count > 0)
        {
            lines.Add($"if [ \"$reused\" = true ]; then");
            lines.AddRange(copyOut.Select(l => "  " + l));
            lines.Add("fi");
        }

        lines.Add($"printf %s \"$reused\" > {ParameterFile}");
        var container = ScriptContainer.Of(null, repository, lines, variables);
        var mounts = TaskEnvironment.Mounts(context);
        if (mounts.Count > 0)
        {
            container.Add("volumeMounts", new YamlSequence(mounts));
        }

        template.Add("container", container);

        // A check is cheap to repeat; a pod lost to the node (eviction, preemption) must not fail the workflow.
        return template.Add("retryStrategy", new YamlMapping().Add("limit", "2").Add("retryPolicy", "OnError"));
    }
}
