using System.Globalization;
using System.Text.Json;
using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.Emission.Yaml;
using LlmOps.Planning;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// The template of a container stage: a container set of three containers in one pod sharing <c>/llmops</c>.
/// <c>import</c> (the build image) verifies each download against its manifest exactly as a CI import does and lays
/// it out at <c>/llmops/inputs/&lt;artifact&gt;</c>; <c>main</c> runs the stage's own image, pinned by digest, with its
/// command, environment, resources, shared memory, ulimits and network; <c>export</c> (the build image) has the executor
/// commit its outputs (<c>--outputs-from</c>): stored with hashes and cached under the stage's key, and exported in the
/// layout the next task verifies.
/// </summary>
internal static class ContainerTask
{
    /// <summary>The shared volume every container of the set mounts.</summary>
    public const string IoRoot = "/llmops";

    public static YamlMapping Template(ArgoContext context, WorkflowJob job, PlannedStage stage, ContainerStage container)
    {
        var spec = container.Spec;
        var text = context.Binding.Containers[stage.Stage];
        var where = $"{context.Where}: stage {stage.Id}";
        if (job.Stages.Count > 1)
        {
            throw new EmissionException($"{where} runs in a container, which on Argo is a task of its own; take it out of Group(\"{job.Name}\").");
        }

        if (spec.Image is DockerfileBuild build)
        {
            throw new EmissionException($"{where} builds its image from {Path.GetFileName(build.DockerfilePath)} on the runner; a cluster pulls images, so push it and use .Image(\"repo@sha256:...\").");
        }

        var image = text[ContainerText.ImageKey];
        if (!image.Contains("{{", StringComparison.Ordinal) && container.PinnedDigest is null)
        {
            throw new EmissionException($"{where} uses the image '{image}', which is not pinned by digest; a tag can move between the pods of one run, so use repo@sha256:....");
        }

        var template = new YamlMapping().Add("name", ArgoContext.TaskName(job));
        ArtifactWiring.AddToTemplate(context, job, template, $"{IoRoot}/import", $"{IoRoot}/export");
        var deadline = spec.Timeout is { } perAttempt ? (long)Math.Ceiling(perAttempt.TotalSeconds) + (WorkflowPlanner.SetupMinutes * 60L) : job.TimeoutMinutes * 60L;
        template.Add("activeDeadlineSeconds", Quantities.Count(deadline));
        if (spec.Gpus is not null)
        {
            context.PlaceOnGpuNodes(template, stage.Id);
        }

        var patch = PodPatch(spec, where);
        if (patch is not null)
        {
            template.Add("podSpecPatch", patch);
        }

        if (spec.Network == ContainerNetwork.None)
        {
            // Kubernetes has no per-pod "no network"; the NetworkPolicy written beside the template denies all
            // traffic to and from pods with this label (NetworkPolicyFile).
            template.Add("metadata", new YamlMapping().Add("labels", new YamlMapping().Add(NetworkPolicyFile.Label, "none")));
        }

        var volumes = new List<YamlNode> { new YamlMapping().Add("name", "llmops-io").Add("emptyDir", new YamlMapping()) };
        if (spec.ShmSizeBytes is { } shm)
        {
            volumes.Add(new YamlMapping().Add("name", "dshm").Add("emptyDir", new YamlMapping().Add("medium", "Memory").Add("sizeLimit", Quantities.Bytes(shm))));
        }

        if (spec.ReadOnlyRootFilesystem)
        {
            volumes.Add(new YamlMapping().Add("name", "tmp").Add("emptyDir", new YamlMapping()));
        }

        template.Add("volumes", new YamlSequence(volumes));
        template.Add("containerSet", new YamlMapping()
            .Add("volumeMounts", new YamlSequence([new YamlMapping().Add("name", "llmops-io").Add("mountPath", IoRoot)]))
            .Add("containers", new YamlSequence([.. Containers(context, job, stage, spec, text, where)])));

        if (spec.Retry.MaxAttempts > 1)
        {
            template.Add("retryStrategy", new YamlMapping()
                .Add("limit", Quantities.Count(spec.Retry.MaxAttempts - 1))
                .Add("retryPolicy", "OnFailure")
                .Add("expression", $"asInt(lastRetry.exitCode) in [{string.Join(", ", spec.Retry.ExitCodes.Select(c => c.ToString(CultureInfo.InvariantCulture)))}]")
                .Add("backoff", new YamlMapping().Add("duration", $"{(long)spec.Retry.Backoff.TotalSeconds}s").Add("factor", "2")));
        }

        return template;
    }

    private static IEnumerable<YamlMapping> Containers(ArgoContext context, WorkflowJob job, PlannedStage stage, ContainerSpec spec, Dictionary<string, string> text, string where)
    {
        var repository = context.Template.RepositoryPath.TrimEnd('/');
        List<YamlNode> mounts = ArtifactWiring.Mount(context) is { } mount ? [mount] : [];
        var copyIn = ArtifactWiring.CopyIn(context, job, $"{IoRoot}/import");
        var consumed = stage.Stage.Definition.ConsumedArtifacts.Count > 0;
        if (consumed)
        {
            yield return Helper("import", repository, [.. copyIn, $"./build.sh ArgoImport {stage.Id} {IoRoot}/import {IoRoot}/inputs"], mounts, []);
        }

        var main = Main(context, job, stage, spec, text, where, "main");
        if (consumed)
        {
            main.Add("dependencies", new YamlSequence([new YamlScalar("import")], Flow: true));
        }

        yield return main;

        // The executor commits what the stage's image wrote as if it had run the stage (--outputs-from): the same key,
        // hashes and manifest as a local run, and with a shared store the cache entry the next run's check finds.
        if (stage.Stage.Definition.ProducedArtifacts.Count > 0 || context.Template.SharedStoreClaim is not null)
        {
            var (variables, names) = TaskEnvironment.Of(context, job, [stage]);
            var lines = new List<string>();
            if (consumed)
            {
                lines.Add($"mkdir -p {Runtime.StateLayout.Relative.Root} && rm -rf {JobScript.ImportDirectory} && ln -s {IoRoot}/import {JobScript.ImportDirectory}");
            }

            lines.Add(JobScript.Run(stage, names, options: TaskEnvironment.Options(context, $"--outputs-from {IoRoot}/outputs --export {IoRoot}/export")).TrimEnd('\n'));
            lines.AddRange(ArtifactWiring.CopyOut(context, job, $"{IoRoot}/export"));
            yield return Helper("export", repository, lines, TaskEnvironment.Mounts(context), ["main"], variables);
        }
    }

    /// <summary>The container that runs the stage's own image: command, environment, resources, mounts, security.</summary>
    internal static YamlMapping Main(ArgoContext context, WorkflowJob job, PlannedStage stage, ContainerSpec spec, Dictionary<string, string> text, string where, string name)
    {
        var main = new YamlMapping().Add("name", name).Add("image", text[ContainerText.ImageKey]);
        main.Add("imagePullPolicy", spec.PullPolicy switch { PullPolicy.Always => "Always", PullPolicy.Never => "Never", _ => "IfNotPresent" });

        var command = spec.Command.Select((_, i) => text[ContainerText.CommandPrefix + Quantities.Count(i)]).ToList();
        if (spec.Ulimits.Count > 0)
        {
            if (command.Count == 0)
            {
                throw new EmissionException($"{where} sets ulimits but runs the image's default command; Kubernetes sets no ulimits, so LlmOps raises them in a shell before the command: give the command.");
            }

            command = [.. UlimitPrefix.For(spec.Ulimits, where), .. command];
        }

        if (command.Count > 0)
        {
            main.Add("command", new YamlSequence([.. command.Select(c => new YamlScalar(c))]));
        }

        if (text.TryGetValue(ContainerText.WorkingDirectoryKey, out var directory))
        {
            main.Add("workingDir", directory);
        }

        var env = new List<YamlNode>();
        foreach (var variable in spec.Environment.Keys)
        {
            env.Add(new YamlMapping().Add("name", variable).Add("value", text[ContainerText.EnvPrefix + variable]));
        }

        var secretNames = spec.SecretNames.Concat(job.ParametersOf(stage).Where(p => p.IsSecret).Select(JobScript.EnvironmentName))
            .Distinct().Where(n => !spec.Environment.ContainsKey(n)).Order(StringComparer.Ordinal);
        env.AddRange(secretNames.Select(n => context.SecretVariable(n, n)));
        env.AddRange(job.Requirements.Secrets.Select(s => context.SecretVariable(s.Variable, s.Secret)));
        if (env.Count > 0)
        {
            main.Add("env", new YamlSequence(env));
        }

        var limits = new YamlMapping();
        var requests = new YamlMapping();
        if (spec.Cpus is { } cpus)
        {
            limits.Add("cpu", Quantities.Cores(cpus));
            requests.Add("cpu", Quantities.Cores(cpus));
        }

        if (spec.MemoryBytes is { } memory)
        {
            limits.Add("memory", Quantities.Bytes(memory));
            requests.Add("memory", Quantities.Bytes(memory));
        }

        if (spec.Gpus is { } gpus)
        {
            limits.Add("nvidia.com/gpu", text.TryGetValue(ContainerText.GpusKey, out var count) ? count : context.GpuLimit(new Dsl.GpuRequirement(gpus.Count, gpus.DeviceIds ?? []), stage.Id));
        }

        if (limits.Entries.Count > 0)
        {
            var resources = new YamlMapping().Add("limits", limits);
            if (requests.Entries.Count > 0)
            {
                resources.Add("requests", requests);
            }

            main.Add("resources", resources);
        }

        var mounts = new List<YamlNode>();
        if (spec.ShmSizeBytes is not null)
        {
            mounts.Add(new YamlMapping().Add("name", "dshm").Add("mountPath", "/dev/shm"));
        }

        if (spec.ReadOnlyRootFilesystem)
        {
            mounts.Add(new YamlMapping().Add("name", "tmp").Add("mountPath", "/tmp"));
        }

        if (mounts.Count > 0)
        {
            main.Add("volumeMounts", new YamlSequence(mounts));
        }

        if (SecurityContext(spec, where) is { } security)
        {
            main.Add("securityContext", security);
        }

        return main;
    }

    internal static YamlMapping Helper(string name, string repository, IReadOnlyList<string> lines, IReadOnlyList<YamlNode> mounts, IReadOnlyList<string> after, IReadOnlyList<YamlNode>? env = null)
    {
        var helper = ScriptContainer.Of(name, repository, lines, env ?? []);
        if (mounts.Count > 0)
        {
            helper.Add("volumeMounts", new YamlSequence(mounts));
        }

        if (after.Count > 0)
        {
            helper.Add("dependencies", new YamlSequence([.. after.Select(a => new YamlScalar(a))], Flow: true));
        }

        return helper;
    }

    private static YamlMapping? SecurityContext(ContainerSpec spec, string where)
    {
        var context = new YamlMapping();
        if (spec.User is { } user)
        {
            var parts = user.Split(':');
            if (!parts.All(p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                throw new EmissionException($"{where} runs as the user '{user}'; Kubernetes takes numeric ids only (runAsUser/runAsGroup), so give .User(\"1000\") or .User(\"1000:1000\").");
            }

            context.Add("runAsUser", new YamlScalar(parts[0], IsString: false)).Add("runAsNonRoot", new YamlScalar("true", IsString: false));
            if (parts.Length > 1)
            {
                context.Add("runAsGroup", new YamlScalar(parts[1], IsString: false));
            }
        }

        if (spec.ReadOnlyRootFilesystem)
        {
            context.Add("readOnlyRootFilesystem", new YamlScalar("true", IsString: false));
        }

        return context.Entries.Count > 0 ? context : null;
    }

    // Pod fields an Argo template has no field for: the host network and the stop grace period.
    private static string? PodPatch(ContainerSpec spec, string where)
    {
        if (spec.Network != ContainerNetwork.None && spec.Network != ContainerNetwork.Bridge && spec.Network != ContainerNetwork.Host)
        {
            throw new EmissionException($"{where} joins the Docker network '{spec.Network.Mode}', which has no Kubernetes counterpart; use ContainerNetwork.Bridge (the pod network), Host or None.");
        }

        var fields = new SortedDictionary<string, object>(StringComparer.Ordinal);
        if (spec.Network == ContainerNetwork.Host)
        {
            fields["hostNetwork"] = true;
        }

        fields["terminationGracePeriodSeconds"] = (long)Math.Ceiling(spec.StopGracePeriod.TotalSeconds);
        return JsonSerializer.Serialize(fields);
    }
}
