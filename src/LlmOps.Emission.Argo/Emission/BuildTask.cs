using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// The template of a job that runs its stages as a CI job does: <c>./build.sh &lt;Stage&gt; --skip --export</c> in the
/// image built from the repository, inputs in <c>.llmops/import</c> (the executor verifies their manifest hashes),
/// outputs exported to <c>.llmops/export</c>.
/// </summary>
internal static class BuildTask
{
    public static YamlMapping Template(ArgoContext context, WorkflowJob job)
    {
        var repository = context.Template.RepositoryPath.TrimEnd('/');
        var importRoot = $"{repository}/{JobScript.ImportDirectory}";
        var exportRoot = $"{repository}/{JobScript.ExportDirectory}";
        var template = new YamlMapping().Add("name", ArgoContext.TaskName(job));
        ArtifactWiring.AddToTemplate(context, job, template, importRoot, exportRoot);
        template.Add("activeDeadlineSeconds", Quantities.Count(job.TimeoutMinutes * 60L));

        var gpuStage = job.GpuStage;
        if (gpuStage is not null)
        {
            context.PlaceOnGpuNodes(template, gpuStage.Id);
        }

        if (job.NeedsIdToken && context.Template.ServiceAccount is null)
        {
            var stage = job.Stages.First(s => WorkflowJob.RequirementsOf(s).CloudLogins.Count > 0);
            throw new EmissionException($"{context.Where}: stage {stage.Id} logs in to {string.Join(", ", job.Requirements.CloudLogins)} with OIDC; on Kubernetes that is workload identity through a service account: declare .RunsAs(\"<service account>\").");
        }

        var (variables, names) = TaskEnvironment.Of(context, job, job.Stages);
        // The deployment's approval is given on the Workflow (./build.sh Resume annotates it) after the pod's template
        // was fixed, so the stage reads the Workflow's annotations when it starts, as a CI job reads its actor.
        if (job.Deployment is not null)
        {
            variables.Add(new YamlMapping().Add("name", Runtime.RunAnnotations.Variable).Add("value", "{{workflow.annotations.json}}"));
        }

        foreach (var secret in job.Requirements.Secrets)
        {
            variables.Add(context.SecretVariable(secret.Variable, secret.Secret));
        }

        var lines = new List<string>(ArtifactWiring.CopyIn(context, job, JobScript.ImportDirectory));
        // One run for the job's stages: with a shared store, a group's later stage must take what its earlier one
        // produced in this pod, not the store's latest, which another workflow may move meanwhile.
        lines.Add(JobScript.Run(job.Stages, names, options: TaskEnvironment.Options(context, $"--export {JobScript.ExportDirectory}")).TrimEnd('\n'));

        lines.AddRange(ArtifactWiring.CopyOut(context, job, JobScript.ExportDirectory));

        var container = ScriptContainer.Of(null, repository, lines, variables);
        if (job.Gpu is { } gpu)
        {
            container.Add("resources", new YamlMapping().Add("limits", new YamlMapping().Add("nvidia.com/gpu", context.GpuLimit(gpu, gpuStage!.Id))));
        }

        var mounts = TaskEnvironment.Mounts(context);
        if (mounts.Count > 0)
        {
            container.Add("volumeMounts", new YamlSequence(mounts));
        }

        // CI service containers run beside the steps; in a pod they are sidecars, reached on localhost.
        if (job.Requirements.Services.Count > 0)
        {
            template.Add("sidecars", new YamlSequence([.. job.Requirements.Services.Select(s =>
            {
                var sidecar = new YamlMapping().Add("name", ArgoNames.Kebab(s.Name)).Add("image", s.Image);
                if (s.Ports.Count > 0)
                {
                    sidecar.Add("ports", new YamlSequence([.. s.Ports.Select(p => new YamlMapping().Add("containerPort", new YamlScalar(Quantities.Count(p), IsString: false)))]));
                }

                return sidecar;
            })]));
        }

        return template.Add("container", container);
    }
}
