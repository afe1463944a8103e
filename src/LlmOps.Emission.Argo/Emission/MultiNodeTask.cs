using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.Emission.Yaml;
using LlmOps.Planning;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// A container stage declared on several nodes: a <c>steps</c> template whose first step is a <c>resource</c> step
/// creating a JobSet (one indexed Job of <c>nodes</c> pods, headless-service DNS between them) and waiting for its
/// terminal state, and whose second step exports what rank 0 wrote. Each pod verifies the inputs in an init container
/// as a CI import does. Artifacts go through the PVC repository: the pods are not Argo's, so Argo cannot hand them
/// S3 artifacts.
/// </summary>
internal static class MultiNodeTask
{
    /// <summary>The label Kueue admits workloads by.</summary>
    public const string QueueLabel = "kueue.x-k8s.io/queue-name";

    /// <summary>The label of a multi-node pod naming its workflow.</summary>
    public const string WorkflowLabel = "llmops.dev/workflow";

    /// <summary>The label of a multi-node pod naming its task.</summary>
    public const string TaskLabel = "llmops.dev/task";

    /// <summary>The container of a multi-node pod that runs the stage.</summary>
    public const string Container = "trainer";

    public static IReadOnlyList<YamlMapping> Templates(ArgoContext context, WorkflowJob job, PlannedStage stage, ContainerStage container)
    {
        var spec = container.Spec;
        var where = $"{context.Where}: stage {stage.Id}";
        if (context.Template.MultiNode == MultiNodeRuntime.TrainJob)
        {
            throw new EmissionException($"{where} runs on {spec.Nodes} nodes as a Kubeflow TrainJob, whose completion shows only in its list of conditions; Argo's successCondition is a label selector over a JSON path and cannot pick a condition by type, so the step could not tell success from failure. Declare .MultiNodeAs(MultiNodeRuntime.JobSet).");
        }

        if (job.Stages.Count > 1)
        {
            throw new EmissionException($"{where} runs on {spec.Nodes} nodes, which on Argo is a task of its own; take it out of Group(\"{job.Name}\").");
        }

        var artifacts = stage.Stage.Definition.ConsumedArtifacts.Count + stage.Stage.Definition.ProducedArtifacts.Count;
        if (artifacts > 0 && context.Template.ArtifactRepository is not PvcArtifactRepository)
        {
            throw new EmissionException($"{where} runs on {spec.Nodes} nodes and exchanges artifacts; its pods belong to a JobSet, not to Argo, so they read and write the run's folder of a PVC: declare .StoresArtifactsIn(ArgoArtifactRepository.Pvc(\"<ReadWriteMany claim>\")).");
        }

        if (spec.Retry.MaxAttempts > 1)
        {
            throw new EmissionException($"{where} retries its container on exit codes; a multi-node run restarts as a whole (JobSet failurePolicy), so drop .RetryOn or run on one node.");
        }

        var name = ArgoContext.TaskName(job);
        var text = context.Binding.Containers[stage.Stage];
        var image = text[ContainerText.ImageKey];
        if (!image.Contains("{{", StringComparison.Ordinal) && container.PinnedDigest is null)
        {
            throw new EmissionException($"{where} uses the image '{image}', which is not pinned by digest; use repo@sha256:....");
        }

        var steps = new List<YamlNode> { new YamlSequence([new YamlMapping().Add("name", "launch").Add("template", name + "-launch")]) };
        var templates = new List<YamlMapping>();
        var launch = new YamlMapping().Add("name", name + "-launch");
        if (spec.Timeout is { } timeout)
        {
            launch.Add("timeout", $"{(long)Math.Ceiling(timeout.TotalSeconds) + (WorkflowPlanner.SetupMinutes * 60L)}s");
        }

        launch.Add("resource", new YamlMapping()
            .Add("action", "create")
            .Add("setOwnerReference", new YamlScalar("true", IsString: false))
            .Add("successCondition", "status.terminalState == Completed")
            .Add("failureCondition", "status.terminalState == Failed")
            .Add("manifest", YamlWriter.Write(JobSet(context, job, stage, spec, text, where, name), [])));
        templates.Add(launch);

        // With a shared store the step also records the stage in the cache, outputs or none, so the next check finds it.
        if (stage.Stage.Definition.ProducedArtifacts.Count > 0 || context.Template.SharedStoreClaim is not null)
        {
            steps.Add(new YamlSequence([new YamlMapping().Add("name", "export").Add("template", name + "-export")]));
            // The executor commits what rank 0 wrote as if it had run the stage (--outputs-from): key, hashes, cache entry.
            var (variables, names) = TaskEnvironment.Of(context, job, [stage]);
            List<string> lines =
            [
                .. ArtifactWiring.CopyIn(context, job, JobScript.ImportDirectory),
                JobScript.Run(stage, names, options: TaskEnvironment.Options(context, $"--outputs-from {ArgoContext.ArtifactMount}/{OutputsFolder(name)} --export {JobScript.ExportDirectory}")).TrimEnd('\n'),
                .. ArtifactWiring.CopyOut(context, job, JobScript.ExportDirectory),
            ];
            var export = new YamlMapping().Add("name", name + "-export").Add("container", ContainerTask.Helper(
                "export",
                context.Template.RepositoryPath.TrimEnd('/'),
                lines,
                TaskEnvironment.Mounts(context),
                [],
                variables));
            templates.Add(export);
        }

        templates.Insert(0, new YamlMapping().Add("name", name).Add("steps", new YamlSequence(steps)));
        return templates;
    }

    private static string OutputsFolder(string task) => $"outputs-{task}";

    private static YamlMapping JobSet(ArgoContext context, WorkflowJob job, PlannedStage stage, ContainerSpec spec, Dictionary<string, string> text, string where, string task)
    {
        var name = $"{{{{workflow.name}}}}-{task}";
        var labels = new YamlMapping().Add("app.kubernetes.io/managed-by", "llmops");
        if (context.Template.KueueQueue is { } queue)
        {
            labels.Add(QueueLabel, queue);
        }

        var metadata = new YamlMapping().Add("name", name);
        if (context.Template.Namespace is not null)
        {
            metadata.Add("namespace", context.Template.Namespace);
        }

        var trainer = ContainerTask.Main(context, job, stage, spec, text, where, Container);
        var env = trainer["env"] is YamlSequence existing ? existing.Items.ToList() : [];
        env.Add(new YamlMapping().Add("name", "LLMOPS_NODES").Add("value", Quantities.Count(spec.Nodes)));
        env.Add(new YamlMapping().Add("name", "LLMOPS_NODE_RANK").Add("valueFrom", new YamlMapping().Add("fieldRef", new YamlMapping().Add("fieldPath", "metadata.annotations['batch.kubernetes.io/job-completion-index']"))));
        env.Add(new YamlMapping().Add("name", "LLMOPS_MASTER_ADDR").Add("value", $"{name}-node-0-0.{name}"));
        var pod = new YamlMapping().Add("restartPolicy", "Never");
        var mounts = trainer["volumeMounts"] is YamlSequence m ? m.Items.ToList() : [];
        mounts.Add(new YamlMapping().Add("name", "llmops-io").Add("mountPath", ContainerTask.IoRoot));
        var volumes = new List<YamlNode> { new YamlMapping().Add("name", "llmops-io").Add("emptyDir", new YamlMapping()) };
        if (context.Template.ArtifactRepository is PvcArtifactRepository pvc)
        {
            volumes.Add(new YamlMapping().Add("name", ArgoContext.ArtifactVolume).Add("persistentVolumeClaim", new YamlMapping().Add("claimName", pvc.ClaimName)));
            mounts.Add(new YamlMapping().Add("name", ArgoContext.ArtifactVolume).Add("mountPath", $"{ContainerTask.IoRoot}/outputs").Add("subPath", $"{{{{workflow.uid}}}}/{OutputsFolder(task)}"));
            if (stage.Stage.Definition.ConsumedArtifacts.Count > 0)
            {
                var import = ContainerTask.Helper("import", context.Template.RepositoryPath.TrimEnd('/'), [$"./build.sh ArgoImport {stage.Id} {ArgoContext.ArtifactMount} {ContainerTask.IoRoot}/inputs"], [ArtifactWiring.Mount(context)!], []);
                pod.Add("initContainers", new YamlSequence([WithIoMount(import)]));
            }
        }

        if (spec.ShmSizeBytes is { } shm)
        {
            volumes.Add(new YamlMapping().Add("name", "dshm").Add("emptyDir", new YamlMapping().Add("medium", "Memory").Add("sizeLimit", Quantities.Bytes(shm))));
        }

        if (spec.ReadOnlyRootFilesystem)
        {
            volumes.Add(new YamlMapping().Add("name", "tmp").Add("emptyDir", new YamlMapping()));
        }

        pod.Add("containers", new YamlSequence([Replace(Replace(trainer, "env", new YamlSequence(env)), "volumeMounts", new YamlSequence(mounts))]));
        pod.Add("volumes", new YamlSequence(volumes));
        if (spec.Gpus is not null)
        {
            context.PlaceOnGpuNodes(pod, stage.Id);
        }

        if (spec.Network == ContainerNetwork.Host)
        {
            pod.Add("hostNetwork", new YamlScalar("true", IsString: false));
        }

        pod.Add("terminationGracePeriodSeconds", new YamlScalar(Quantities.Count((long)Math.Ceiling(spec.StopGracePeriod.TotalSeconds)), IsString: false));
        // Submit finds the pods by these labels to stream their logs; Argo's own workflow label is left to Argo's pods.
        var podMetadata = new YamlMapping().Add("labels", new YamlMapping()
            .Add("app.kubernetes.io/managed-by", "llmops")
            .Add(WorkflowLabel, "{{workflow.name}}")
            .Add(TaskLabel, task));
        if (spec.Network == ContainerNetwork.None)
        {
            ((YamlMapping)podMetadata["labels"]!).Add(NetworkPolicyFile.Label, "none");
        }

        var jobSpec = new YamlMapping()
            .Add("parallelism", new YamlScalar(Quantities.Count(spec.Nodes), IsString: false))
            .Add("completions", new YamlScalar(Quantities.Count(spec.Nodes), IsString: false))
            .Add("completionMode", "Indexed")
            .Add("backoffLimit", new YamlScalar("0", IsString: false));
        if (spec.Timeout is { } timeout)
        {
            jobSpec.Add("activeDeadlineSeconds", new YamlScalar(Quantities.Count((long)Math.Ceiling(timeout.TotalSeconds)), IsString: false));
        }

        jobSpec.Add("template", new YamlMapping().Add("metadata", podMetadata).Add("spec", pod));
        return new YamlMapping()
            .Add("apiVersion", "jobset.x-k8s.io/v1alpha2")
            .Add("kind", "JobSet")
            .Add("metadata", metadata.Add("labels", labels))
            .Add("spec", new YamlMapping()
                .Add("network", new YamlMapping().Add("enableDNSHostnames", new YamlScalar("true", IsString: false)))
                .Add("successPolicy", new YamlMapping().Add("operator", "All"))
                .Add("failurePolicy", new YamlMapping().Add("maxRestarts", new YamlScalar("0", IsString: false)))
                .Add("replicatedJobs", new YamlSequence([new YamlMapping()
                    .Add("name", "node")
                    .Add("replicas", new YamlScalar("1", IsString: false))
                    .Add("template", new YamlMapping().Add("spec", jobSpec))])));
    }

    private static YamlMapping WithIoMount(YamlMapping container)
    {
        var mounts = container["volumeMounts"] is YamlSequence existing ? existing.Items.ToList() : [];
        mounts.Add(new YamlMapping().Add("name", "llmops-io").Add("mountPath", ContainerTask.IoRoot));
        return Replace(container, "volumeMounts", new YamlSequence(mounts));
    }

    // YamlMapping is append-only; a copy with one entry replaced (or added at the end).
    private static YamlMapping Replace(YamlMapping mapping, string key, YamlNode value)
    {
        var copy = new YamlMapping();
        foreach (var (k, v) in mapping.Entries.Where(e => e.Key != key))
        {
            copy.Add(k, v);
        }

        return copy.Add(key, value);
    }
}
