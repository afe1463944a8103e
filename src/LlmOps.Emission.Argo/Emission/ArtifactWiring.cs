using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// How a task receives the artifacts other tasks exported and hands on its own. With an S3 repository they are Argo
/// artifacts (inputs from the producing task's outputs); with a PVC, the task mounts the run's folder of the claim
/// and copies. Either way a consumer gets the exported folder with its manifest and verifies it as a CI download.
/// </summary>
internal static class ArtifactWiring
{
    /// <summary>Checks that a repository is declared when artifacts travel, naming the first that does.</summary>
    public static void Check(ArgoContext context)
    {
        var travelling = context.Layout.Jobs.FirstOrDefault(j => j.Downloads.Count > 0);
        if (travelling is not null && context.Template.ArtifactRepository is null)
        {
            throw new EmissionException($"{context.Where}: job '{travelling.Name}' receives {string.Join(", ", travelling.Downloads)} from other tasks, but the template declares no artifact repository; declare .StoresArtifactsIn(ArgoArtifactRepository.S3(...)) or .StoresArtifactsIn(ArgoArtifactRepository.Pvc(...)).");
        }

        if (context.Template.ArtifactRepository is S3ArtifactRepository s3 && (s3.Endpoint.Contains("://", StringComparison.Ordinal) || s3.Bucket.Length == 0 || s3.CredentialsSecret.Length == 0))
        {
            throw new EmissionException($"{context.Where}: the S3 artifact repository needs an endpoint without scheme (host:port), a bucket and a credentials secret.");
        }
    }

    /// <summary>Adds <c>inputs</c> and <c>outputs</c> artifacts of a template whose import and export folders are <paramref name="importRoot"/> and <paramref name="exportRoot"/>.</summary>
    /// <param name="context">The emission.</param>
    /// <param name="job">The job the template runs.</param>
    /// <param name="template">The template to add to.</param>
    /// <param name="importRoot">Where downloads are put.</param>
    /// <param name="exportRoot">Where uploads are taken from.</param>
    /// <param name="parameters">Output parameters of the template, if any.</param>
    /// <param name="optionalUploads">Whether an upload may be missing (a cache check exports only on a hit).</param>
    public static void AddToTemplate(ArgoContext context, WorkflowJob job, YamlMapping template, string importRoot, string exportRoot, IReadOnlyList<YamlNode>? parameters = null, bool optionalUploads = false)
    {
        var s3 = context.Template.ArtifactRepository as S3ArtifactRepository;
        if (s3 is not null && job.Downloads.Count > 0)
        {
            template.Add("inputs", new YamlMapping().Add("artifacts", new YamlSequence([.. job.Downloads.Select(a => new YamlMapping().Add("name", a).Add("path", $"{importRoot}/{a}"))])));
        }

        var outputs = new YamlMapping();
        if (parameters is { Count: > 0 })
        {
            outputs.Add("parameters", new YamlSequence(parameters));
        }

        if (s3 is not null && job.Uploads.Count > 0)
        {
            outputs.Add("artifacts", new YamlSequence([.. job.Uploads.Select(a =>
            {
                var artifact = new YamlMapping().Add("name", a).Add("path", $"{exportRoot}/{a}");
                if (optionalUploads)
                {
                    artifact.Add("optional", new YamlScalar("true", IsString: false));
                }

                return artifact.Add("s3", Location(s3, a));
            })]));
        }

        if (outputs.Entries.Count > 0)
        {
            template.Add("outputs", outputs);
        }
    }

    /// <summary>The DAG task's <c>arguments</c>: each download from the task that produces it.</summary>
    public static YamlMapping? TaskArguments(ArgoContext context, WorkflowJob job)
    {
        if (context.Template.ArtifactRepository is not S3ArtifactRepository || job.Downloads.Count == 0)
        {
            return null;
        }

        return new YamlMapping().Add("artifacts", new YamlSequence([.. job.Downloads.Select(a =>
        {
            var producer = context.Layout.Jobs.First(j => j.Uploads.Contains(a));
            return new YamlMapping().Add("name", a).Add("from", $"{{{{tasks.{ArgoContext.TaskName(producer)}.outputs.artifacts.{a}}}}}");
        })]));
    }

    /// <summary>The <c>arguments</c> of a task inside a template that received the job's downloads as its own inputs.</summary>
    public static YamlMapping? ForwardedArguments(ArgoContext context, WorkflowJob job) =>
        context.Template.ArtifactRepository is not S3ArtifactRepository || job.Downloads.Count == 0
            ? null
            : new YamlMapping().Add("artifacts", new YamlSequence([.. job.Downloads.Select(a => new YamlMapping().Add("name", a).Add("from", $"{{{{inputs.artifacts.{a}}}}}"))]));

    /// <summary>The volume mount of the run's folder of a PVC repository, or null.</summary>
    public static YamlMapping? Mount(ArgoContext context) => context.Template.ArtifactRepository is PvcArtifactRepository
        ? new YamlMapping().Add("name", ArgoContext.ArtifactVolume).Add("mountPath", ArgoContext.ArtifactMount).Add("subPath", "{{workflow.uid}}")
        : null;

    /// <summary>Shell lines that copy downloads from the PVC into <paramref name="importRoot"/> (PVC repositories only; names are validated artifact names).</summary>
    public static IReadOnlyList<string> CopyIn(ArgoContext context, WorkflowJob job, string importRoot) =>
        context.Template.ArtifactRepository is PvcArtifactRepository
            ? [.. job.Downloads.Select(a => $"rm -rf {importRoot}/{a} && mkdir -p {importRoot} && cp -R {ArgoContext.ArtifactMount}/{a} {importRoot}/{a}")]
            : [];

    /// <summary>Shell lines that copy exports from <paramref name="exportRoot"/> onto the PVC (PVC repositories only).</summary>
    public static IReadOnlyList<string> CopyOut(ArgoContext context, WorkflowJob job, string exportRoot) =>
        context.Template.ArtifactRepository is PvcArtifactRepository
            ? [.. job.Uploads.Select(a => $"rm -rf {ArgoContext.ArtifactMount}/{a}.tmp && cp -R {exportRoot}/{a} {ArgoContext.ArtifactMount}/{a}.tmp && rm -rf {ArgoContext.ArtifactMount}/{a} && mv {ArgoContext.ArtifactMount}/{a}.tmp {ArgoContext.ArtifactMount}/{a}")]
            : [];

    /// <summary>The workflow-level volume of a PVC repository, or null.</summary>
    public static YamlMapping? Volume(ArgoContext context) => context.Template.ArtifactRepository is PvcArtifactRepository pvc
        ? new YamlMapping().Add("name", ArgoContext.ArtifactVolume).Add("persistentVolumeClaim", new YamlMapping().Add("claimName", pvc.ClaimName))
        : null;

    private static YamlMapping Location(S3ArtifactRepository s3, string artifact)
    {
        var location = new YamlMapping().Add("endpoint", s3.Endpoint).Add("bucket", s3.Bucket);
        if (s3.Region is not null)
        {
            location.Add("region", s3.Region);
        }

        if (s3.Insecure)
        {
            location.Add("insecure", new YamlScalar("true", IsString: false));
        }

        return location
            .Add("key", $"{s3.KeyPrefix.Trim('/')}/{{{{workflow.name}}}}/{artifact}.tgz")
            .Add("accessKeySecret", new YamlMapping().Add("name", s3.CredentialsSecret).Add("key", "accessKey"))
            .Add("secretKeySecret", new YamlMapping().Add("name", s3.CredentialsSecret).Add("key", "secretKey"));
    }
}
