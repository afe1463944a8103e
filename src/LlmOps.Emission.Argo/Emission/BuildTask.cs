using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// The template of a job that runs its stages as a CI job does: <c>./build.sh &lt;Stage&gt; --skip --export</c> in the
/// image built from the repository, inputs in <c>.llmops/import</c> (the executor verifies their manifest hashes),
/// outputs exported to <c>.llmops/export</c>.
/// </summary>
internal static class BuildTask
{
    /// <summary>The volume of the shared store claim (<see cref="ArgoTemplate.SharesStoreIn"/>).</summary>
    public const string StoreVolume = "llmops-store";

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
        lines.Add(JobScript.Run(job.Stages, names, options: Options(context, $"--export {JobScript.ExportDirectory}")).TrimEnd('\n'));

        lines.AddRange(ArtifactWiring.CopyOut(context, job, JobScript.ExportDirectory));

        var container = ScriptContainer.Of(null, repository, lines, variables);
        if (job.Gpu is { } gpu)
        {
            container.Add("resources", new YamlMapping().Add("limits", new YamlMapping().Add("nvidia.com/gpu", context.GpuLimit(gpu, gpuStage!.Id))));
        }

        var mounts = Mounts(context);
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

    /// <summary>The options of a <c>./build.sh</c> run in a pod: <paramref name="options"/>, and <c>--shared-store</c> when the store is the claim's.</summary>
    public static string Options(ArgoContext context, string options) =>
        context.Template.SharedStoreClaim is null ? options : $"{options} --shared-store";

    /// <summary>
    /// The mounts of a container that runs <c>./build.sh</c>: the run's folder of a PVC repository, and the shared
    /// store's <c>store/</c> and <c>cache/</c> as the repository's, so every pod decides against the same cache.
    /// </summary>
    public static List<YamlNode> Mounts(ArgoContext context)
    {
        var repository = context.Template.RepositoryPath.TrimEnd('/');
        var mounts = new List<YamlNode>();
        if (ArtifactWiring.Mount(context) is { } mount)
        {
            mounts.Add(mount);
        }

        if (context.Template.SharedStoreClaim is not null)
        {
            mounts.Add(new YamlMapping().Add("name", StoreVolume).Add("mountPath", $"{repository}/{LlmOps.Runtime.StateLayout.Relative.Store}").Add("subPath", "store"));
            mounts.Add(new YamlMapping().Add("name", StoreVolume).Add("mountPath", $"{repository}/{LlmOps.Runtime.StateLayout.Relative.Cache}").Add("subPath", "cache"));
        }

        return mounts;
    }
}
