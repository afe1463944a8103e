using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOps.Deployment;

/// <summary>
/// One deployment or rollback on a cluster: write the manifests, dry-run them, apply them, watch the rollout, run the
/// smoke evaluation where the model is reachable, and on any failure put back what served before (its live spec, or
/// nothing when nothing did), recording which version serves and why.
/// </summary>
internal sealed class KubernetesRollout : IDisposable
{
    private readonly KubernetesTarget _target;
    private readonly string _name;
    private readonly string _stateDirectory;
    private readonly string _rootDirectory;
    private readonly Func<string, string?> _variables;
    private readonly Action<string> _log;
    private readonly HttpClient _http = new();

    public KubernetesRollout(KubernetesTarget target, string name, string stateDirectory, string rootDirectory, Func<string, string?> variables, Action<string> log)
    {
        (_target, _name, _stateDirectory, _rootDirectory, _variables, _log) = (target, name, stateDirectory, rootDirectory, variables, log);
        State = DeploymentJson.Read<TargetState>(StatePath) ?? TargetState.Empty;
    }

    public TargetState State { get; private set; }

    private KubernetesTargetOptions Options => _target.Options;

    private string StatePath => Path.Combine(_stateDirectory, KubernetesTarget.StateFile);

    public IReadOnlyList<JsonObject>? ManifestsOf(string version)
    {
        var file = Path.Combine(VersionDirectory(version), "manifests.json");
        return File.Exists(file) ? [.. JsonNode.Parse(File.ReadAllText(file))!.AsArray().Select(n => n!.AsObject().DeepClone().AsObject())] : null;
    }

    public async Task<DeploymentOutcome> DeployAsync(IReadOnlyList<JsonObject> manifests, string version, string action, IReadOnlyList<SmokeCase> smoke, int keep, CancellationToken cancellationToken)
    {
        var steps = new List<DeploymentStep>();
        var clock = Stopwatch.StartNew();
        var written = Write(manifests, version);
        Step(steps, "render", clock, $"{manifests.Count} object(s) written to {written}");

        var kubeconfig = Options.Kubeconfig ?? _variables("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (kubeconfig is null)
        {
            // Nothing is applied, so nothing is claimed to serve: the record points at the manifests instead.
            return new DeploymentOutcome(_name, _target.Describe(), action, "rendered", version, null, State.Active,
                $"{version}'s manifests were rendered to {written}; none was applied, as no KUBECONFIG is given", null, DateTimeOffset.UtcNow, steps);
        }

        using var cluster = KubernetesCluster.Connect(Path.GetFullPath(kubeconfig, _rootDirectory), Options.Context);
        var workload = manifests[^1];
        var before = new List<JsonObject?>();
        foreach (var manifest in manifests)
        {
            before.Add(await cluster.ReadAsync(manifest, cancellationToken).ConfigureAwait(false));
        }

        var live = before[^1];
        var previous = VersionOf(live) ?? (live is null ? null : State.Active);
        Step(steps, "read", clock, live is null ? $"no {KubernetesCluster.Identity(workload).Kind} {_name} on {cluster.Server}" : $"{previous ?? "an unknown version"} serves on {cluster.Server}");

        try
        {
            foreach (var manifest in manifests)
            {
                await cluster.ApplyAsync(manifest, dryRun: true, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DeploymentException e)
        {
            Step(steps, "dry-run", clock, e.Message);
            throw Failed(action, version, previous, $"{e.Message}; nothing was applied, {previous ?? "nothing"} {(previous is null ? "serves" : "keeps serving")}", steps);
        }

        Step(steps, "dry-run", clock, "the API server accepted every object (dryRun=All, fieldValidation=Strict)");
        _log($"applying {version} to {cluster.Server} ({Options.Namespace}/{_name})");
        RolloutResult result;
        try
        {
            foreach (var manifest in manifests)
            {
                await cluster.ApplyAsync(manifest, dryRun: false, cancellationToken).ConfigureAwait(false);
            }

            Step(steps, "apply", clock, $"server-side apply as {KubernetesManifests.FieldManager}");
            result = await cluster.WaitReadyAsync(workload, Options.RolloutTimeout, cancellationToken).ConfigureAwait(false);
            Step(steps, "rollout", clock, result.Detail);
            if (result.Ready && Options.SmokeAddress is { } address)
            {
                result = await SmokeAsync(address, smoke, cancellationToken).ConfigureAwait(false);
                Step(steps, "smoke", clock, result.Detail);
            }
            else if (smoke.Count > 0)
            {
                Step(steps, "smoke", clock, $"{smoke.Count} case(s) not run: no SmokeAddress reaches the cluster's Service from here; readiness on /health decided");
            }
        }
        catch (DeploymentException e)
        {
            result = new RolloutResult(false, e.Message);
            Step(steps, "apply", clock, e.Message);
        }

        if (!result.Ready)
        {
            var restored = await RestoreAsync(cluster, manifests, before, previous, steps, clock, cancellationToken).ConfigureAwait(false);
            throw Failed(action, version, restored.Serving, $"{version} did not become ready: {result.Detail.TrimEnd('.')}; {restored.Detail}", steps);
        }

        var outcome = new DeploymentOutcome(_name, _target.Describe(), action, action == "rollback" ? "rolled-back" : previous == version ? "unchanged" : "deployed",
            version, version, previous, $"{version} serves on {cluster.Server} ({Options.Namespace}/{_name}): {result.Detail}", Address(), DateTimeOffset.UtcNow, steps);
        State = State.Activated(version, outcome);
        Prune(keep);
        DeploymentJson.Write(StatePath, State);
        return outcome;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Puts back what served before: its live spec re-applied and watched, or the new objects removed when nothing did.</summary>
    private async Task<(string? Serving, string Detail)> RestoreAsync(
        KubernetesCluster cluster, IReadOnlyList<JsonObject> manifests, List<JsonObject?> before, string? previous, List<DeploymentStep> steps, Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            if (before[^1] is null)
            {
                for (var i = manifests.Count - 1; i >= 0; i--)
                {
                    if (before[i] is null)
                    {
                        await cluster.DeleteAsync(manifests[i], cancellationToken).ConfigureAwait(false);
                    }
                }

                Step(steps, "restore", clock, "removed the new objects; nothing served before");
                return (null, "its objects were removed, and nothing serves (nothing did before)");
            }

            for (var i = 0; i < manifests.Count; i++)
            {
                if (before[i] is { } earlier)
                {
                    await cluster.ApplyAsync(LiveSpec(earlier), dryRun: false, cancellationToken).ConfigureAwait(false);
                }
            }

            var ready = await cluster.WaitReadyAsync(manifests[^1], Options.RolloutTimeout, cancellationToken).ConfigureAwait(false);
            Step(steps, "restore", clock, $"re-applied {previous ?? "the previous"} spec: {ready.Detail}");
            return ready.Ready
                ? (previous, $"the previous spec was restored and {previous ?? "the previous version"} serves")
                : (previous, $"the previous spec of {previous ?? "the previous version"} was restored but is not ready either: {ready.Detail}");
        }
        catch (DeploymentException e)
        {
            Step(steps, "restore", clock, e.Message);
            return (previous, $"restoring the previous spec failed: {e.Message}; check the cluster");
        }
    }

    /// <summary>The live object reduced to what an apply sets: identity, labels, annotations and spec, without server-managed fields.</summary>
    private static JsonObject LiveSpec(JsonObject live)
    {
        var metadata = live["metadata"]?.AsObject();
        var annotations = metadata?["annotations"]?.DeepClone() as JsonObject;
        annotations?.Remove("deployment.kubernetes.io/revision");
        annotations?.Remove("kubectl.kubernetes.io/last-applied-configuration");
        var spec = live["spec"]?.DeepClone() as JsonObject;
        if ((string?)live["kind"] == "Service")
        {
            // Allocated by the API server on creation; an apply naming them would claim fields it does not own.
            spec?.Remove("clusterIP");
            spec?.Remove("clusterIPs");
        }

        var restored = new JsonObject
        {
            ["apiVersion"] = live["apiVersion"]?.DeepClone(),
            ["kind"] = live["kind"]?.DeepClone(),
            ["metadata"] = WithoutNulls(new JsonObject
            {
                ["name"] = metadata?["name"]?.DeepClone(),
                ["namespace"] = metadata?["namespace"]?.DeepClone(),
                ["labels"] = metadata?["labels"]?.DeepClone(),
                ["annotations"] = annotations is { Count: > 0 } ? annotations : null,
            }),
            ["spec"] = spec,
        };
        return WithoutNulls(restored);
    }

    // An apply that names a field as null asks to remove it; an absent field is simply not this manager's.
    private static JsonObject WithoutNulls(JsonObject value)
    {
        foreach (var (key, child) in value.ToList())
        {
            if (child is null)
            {
                value.Remove(key);
            }
        }

        return value;
    }

    private async Task<RolloutResult> SmokeAsync(Uri address, IReadOnlyList<SmokeCase> smoke, CancellationToken cancellationToken)
    {
        var probe = new ServingProbe(_http);
        var failures = await probe.SmokeAsync(address, smoke, cancellationToken).ConfigureAwait(false);
        return failures.Count == 0
            ? new RolloutResult(true, $"{smoke.Count} case(s) passed at {address}")
            : new RolloutResult(false, $"it failed the smoke evaluation at {address}: {string.Join("; ", failures)}");
    }

    private static string? VersionOf(JsonObject? live) => (string?)live?["metadata"]?["annotations"]?[KubernetesManifests.ModelVersionLabel];

    private string Address() => Options.SmokeAddress?.ToString()
        ?? (Options.Flavor == ManifestFlavor.KServe ? $"http://{_name}.{Options.Namespace}.svc.cluster.local/" : $"http://{_name}.{Options.Namespace}.svc.cluster.local:{Options.ServicePort}/");

    private DeploymentException Failed(string action, string version, string? serving, string reason, List<DeploymentStep> steps)
    {
        var outcome = new DeploymentOutcome(_name, _target.Describe(), action, "failed", version, serving, serving, reason, serving is null ? null : Address(), DateTimeOffset.UtcNow, steps);
        State = serving is null && State.Active is not null ? State with { Active = null, Last = outcome } : State with { Last = outcome };
        DeploymentJson.Write(StatePath, State);
        _log(reason);
        return new DeploymentException(reason);
    }

    /// <summary>Writes the manifests into the version's state folder (YAML to read, JSON to re-apply on rollback) and the declared folder.</summary>
    private string Write(IReadOnlyList<JsonObject> manifests, string version)
    {
        var yaml = ManifestYaml.Write(manifests);
        var directory = VersionDirectory(version);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, KubernetesTarget.ManifestFile), yaml);
        AtomicFile.WriteAllText(Path.Combine(directory, "manifests.json"), new JsonArray([.. manifests.Select(m => m.DeepClone())]).ToJsonString(DeploymentJson.Options) + "\n");
        if (Options.ManifestDirectory is not { } declared)
        {
            return Path.GetRelativePath(_rootDirectory, Path.Combine(directory, KubernetesTarget.ManifestFile));
        }

        var target = Path.Combine(Path.GetFullPath(declared, _rootDirectory), _name + ".yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        AtomicFile.WriteAllText(target, yaml);
        return Path.GetRelativePath(_rootDirectory, target);
    }

    private string VersionDirectory(string version) => Path.Combine(_stateDirectory, "kubernetes", version);

    private void Prune(int keep)
    {
        var beyond = State.Beyond(keep);
        foreach (var version in beyond)
        {
            if (Directory.Exists(VersionDirectory(version)))
            {
                Directory.Delete(VersionDirectory(version), recursive: true);
            }
        }

        State = State.Without([.. beyond]);
    }

    private static void Step(List<DeploymentStep> steps, string name, Stopwatch clock, string detail)
    {
        steps.Add(new DeploymentStep(name, Math.Round(clock.Elapsed.TotalSeconds, 3), detail));
        clock.Restart();
    }
}
