using System.Diagnostics;
using LlmOps.Containers.Engine;

namespace LlmOps.Deployment;

/// <summary>One deployment or rollback on a Docker engine, from reconciling leftovers to the recorded outcome.</summary>
internal sealed class DockerSession : IDisposable
{
    /// <summary>
    /// How stale the router's view of its active file may be (LlmOps.Serving's ActiveBackend.RefreshInterval; the
    /// deployment tests hold the two equal, and this process does not load the web server to read it).
    /// </summary>
    internal static readonly TimeSpan RouterRefresh = TimeSpan.FromMilliseconds(200);

    private readonly DockerTarget _target;
    private readonly DockerEngine _engine;
    private readonly DockerBackends _backends;
    private readonly HttpClient _http = new();
    private readonly ServingProbe _probe;
    private readonly string _name;
    private readonly string _stateDirectory;
    private readonly Action<string> _log;

    private DockerSession(DockerTarget target, DockerEngine engine, string name, string stateDirectory, Action<string> log)
    {
        (_target, _engine, _name, _stateDirectory, _log) = (target, engine, name, stateDirectory, log);
        _backends = new DockerBackends(engine.Client, target.Options, name, log);
        _probe = new ServingProbe(_http);
        Directory.CreateDirectory(RouterDirectory);
        State = DeploymentJson.Read<TargetState>(StatePath) ?? TargetState.Empty;
    }

    public TargetState State { get; private set; }

    private string RouterDirectory => Path.Combine(_stateDirectory, "router");

    private string ActiveFile => Path.Combine(RouterDirectory, "active");

    private string StatePath => Path.Combine(_stateDirectory, DockerTarget.StateFile);

    private string? RuntimeImage { get; set; }

    public static async Task<DockerSession> OpenAsync(DockerTarget target, string name, string stateDirectory, Action<string> log, CancellationToken cancellationToken) =>
        new(target, await target.ConnectAsync(cancellationToken).ConfigureAwait(false), name, stateDirectory, log);

    public static string ImageOf(string deployment, string version) => $"llmops-deploy/{deployment}:{version}";

    public async Task<string> BuildImageAsync(DeploymentRequest request, CancellationToken cancellationToken)
    {
        var images = new ServingImages(_engine.Client, _log);
        var publish = await ServingPublisher.PublishAsync(_target.Options, request.RootDirectory, _log, cancellationToken).ConfigureAwait(false);
        RuntimeImage = await images.EnsureRuntimeAsync(publish, _target.Options.BaseImage, cancellationToken).ConfigureAwait(false);
        return await images.BuildModelAsync(RuntimeImage, request.Name, request.Package, _stateDirectory, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeploymentOutcome> SwitchAsync(string image, string version, string action, IReadOnlyList<SmokeCase> smoke, int keep, CancellationToken cancellationToken)
    {
        var steps = new List<DeploymentStep>();
        var clock = Stopwatch.StartNew();
        var previous = State.Active;
        var active = await ReconcileAsync(cancellationToken).ConfigureAwait(false);
        if (action == "deploy" && previous == version && active is not null
            && (await _probe.HealthAsync(_target.Address, cancellationToken).ConfigureAwait(false)).Version == version)
        {
            return Record(new DeploymentOutcome(_name, _target.Describe(), action, "unchanged", version, version, State.PreviousOf(version),
                $"{version} already serves at {_target.Address}", _target.Address.ToString(), DateTimeOffset.UtcNow, steps));
        }

        await _backends.EnsureNetworkAsync(cancellationToken).ConfigureAwait(false);
        var routerImage = RuntimeImage ?? (await _backends.ListAsync("router", cancellationToken).ConfigureAwait(false)).FirstOrDefault()?.Image
            ?? throw new DeploymentException($"{_name} has no router on {_target.Address}: deploy it before rolling back");
        await _backends.EnsureRouterAsync(routerImage, RouterDirectory, cancellationToken).ConfigureAwait(false);
        Step(steps, "prepare", clock, $"router {_backends.RouterName}, {(active is null ? "no version serving" : $"{previous} serving")}");

        string? candidate = null;
        try
        {
            _log($"starting {version} beside {previous ?? "nothing"}");
            var (id, containerName, hostPort) = await StartAsync(image, version, cancellationToken).ConfigureAwait(false);
            candidate = id;
            var direct = new Uri($"http://127.0.0.1:{hostPort}/");
            var reported = await Checked("health", () => _probe.WaitHealthyAsync(direct, _target.Options.HealthTimeout, () => _backends.ExitedAsync(id, cancellationToken), cancellationToken)).ConfigureAwait(false);
            if (reported != version)
            {
                throw new DeploymentException($"it reports version {reported} on /health, not {version}: the image serves another package");
            }

            Step(steps, "health", clock, $"{containerName} ready on {direct}");
            var failures = await _probe.SmokeAsync(direct, smoke, cancellationToken).ConfigureAwait(false);
            if (failures.Count > 0)
            {
                throw new DeploymentException($"it failed the smoke evaluation ({failures.Count} of {smoke.Count}): {string.Join("; ", failures)}");
            }

            Step(steps, "smoke", clock, $"{smoke.Count} case(s) passed");
            await _backends.PromoteAsync(id, cancellationToken).ConfigureAwait(false);
            var before = File.Exists(ActiveFile) ? await File.ReadAllTextAsync(ActiveFile, cancellationToken).ConfigureAwait(false) : null;
            AtomicFile.WriteAllText(ActiveFile, $"http://{containerName}:{ServingImages.ContainerPort}/\n");
            if (!await RouterServesAsync(version, cancellationToken).ConfigureAwait(false))
            {
                RestoreActiveFile(before);
                throw new DeploymentException($"the router on {_target.Address} did not switch to it within 10 s");
            }

            Step(steps, "switch", clock, $"{_target.Address} -> {containerName}");
            candidate = null;
        }
        catch (Exception e) when (e is DeploymentException or OperationCanceledException or Docker.DotNet.DockerApiException || EngineLost(e))
        {
            if (candidate is not null)
            {
                await RemoveCandidateAsync(candidate).ConfigureAwait(false);
            }

            var reason = e switch
            {
                OperationCanceledException => "the deployment was cancelled (timeout or Ctrl+C)",
                Docker.DotNet.DockerApiException api => "the engine refused: " + LlmOps.Containers.Images.ImageProvisioner.ApiMessage(api),
                _ when EngineLost(e) => $"lost the Docker engine mid-switch ({e.GetBaseException().Message}); the router never named it",
                _ => e.Message,
            };
            var message = $"the new version {version} {(e is DeploymentException ? reason : "was not switched to: " + reason)}; " +
                (previous is null ? "no version serves" : $"{previous} keeps serving at {_target.Address}");
            Record(new DeploymentOutcome(_name, _target.Describe(), action, "failed", version, previous, previous, message, _target.Address.ToString(), DateTimeOffset.UtcNow, steps));
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new DeploymentException(message);
        }

        // The router re-reads its file every 200 ms; the old version keeps answering what it was already sent.
        await Task.Delay(Max(_target.Options.DrainTime, RouterRefresh * 3), cancellationToken).ConfigureAwait(false);
        var olds = (await _backends.ListAsync("backend", cancellationToken).ConfigureAwait(false)).Where(c => c.Names.All(n => !IsActive(n))).ToList();
        foreach (var old in olds)
        {
            await _backends.StopAndRemoveAsync(old.ID, cancellationToken).ConfigureAwait(false);
        }

        Step(steps, "drain", clock, olds.Count == 0 ? "nothing to drain" : $"stopped {string.Join(", ", olds.Select(o => o.Names.First().TrimStart('/')))}");
        var outcome = new DeploymentOutcome(_name, _target.Describe(), action, action == "rollback" ? "rolled-back" : "deployed", version, version, previous,
            $"{version} serves at {_target.Address}" + (previous is null ? "" : $" in place of {previous}"), _target.Address.ToString(), DateTimeOffset.UtcNow, steps);
        State = State.Activated(version, outcome);
        var pruned = State.Beyond(keep);
        if (_target.Options.Image is null)
        {
            foreach (var old in pruned)
            {
                await _backends.RemoveImageAsync(ImageOf(_name, old), cancellationToken).ConfigureAwait(false);
            }
        }

        State = State.Without(pruned);
        return Record(outcome);
    }

    public void Dispose()
    {
        _http.Dispose();
        _engine.Dispose();
    }

    /// <summary>
    /// An engine that stops answering (restarted, crashed) surfaces as a transport error, not an API error. The router's
    /// file still names the old version, whose container the engine restarts (unless-stopped); the candidate has no
    /// restart policy, so it stays down.
    /// </summary>
    private static bool EngineLost(Exception e) =>
        e is HttpRequestException or IOException or TimeoutException || e.GetBaseException() is System.Net.Sockets.SocketException;

    /// <summary>Removes a candidate; with the engine gone it stays for the next deployment's reconciliation to remove.</summary>
    private async Task RemoveCandidateAsync(string candidate)
    {
        try
        {
            await _backends.RemoveAsync(candidate, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (EngineLost(e) || e is Docker.DotNet.DockerApiException)
        {
            _log($"the candidate {candidate[..Math.Min(12, candidate.Length)]} could not be removed now ({e.GetBaseException().Message}); the next deployment removes it");
        }
    }

    private async Task<(string Id, string Name, int HostPort)> StartAsync(string image, string version, CancellationToken cancellationToken)
    {
        try
        {
            return await _backends.StartBackendAsync(image, version, cancellationToken).ConfigureAwait(false);
        }
        catch (BackendStartException e)
        {
            await _backends.RemoveAsync(e.ContainerId, CancellationToken.None).ConfigureAwait(false);
            throw new DeploymentException(e.Message);
        }
        catch (Docker.DotNet.DockerImageNotFoundException)
        {
            throw new DeploymentException($"its image {image} is not on the engine");
        }
    }

    /// <summary>
    /// Makes the engine match the active file before anything changes: a switch interrupted by a crash or an engine
    /// restart leaves a candidate container behind, which is removed; the backend the router names is the one serving.
    /// </summary>
    private async Task<string?> ReconcileAsync(CancellationToken cancellationToken)
    {
        string? active = null;
        foreach (var backend in await _backends.ListAsync("backend", cancellationToken).ConfigureAwait(false))
        {
            if (backend.Names.Any(IsActive))
            {
                active = backend.ID;
                continue;
            }

            _log($"removing {backend.Names.First().TrimStart('/')}: a version the router does not name (left by an interrupted deployment)");
            await _backends.RemoveAsync(backend.ID, cancellationToken).ConfigureAwait(false);
        }

        return active;
    }

    private bool IsActive(string containerName)
    {
        var text = File.Exists(ActiveFile) ? File.ReadAllText(ActiveFile) : "";
        return text.Contains($"//{containerName.TrimStart('/')}:", StringComparison.Ordinal);
    }

    private async Task<bool> RouterServesAsync(string version, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if ((await _probe.HealthAsync(_target.Address, cancellationToken).ConfigureAwait(false)).Version == version)
            {
                return true;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private void RestoreActiveFile(string? before)
    {
        if (before is null)
        {
            File.Delete(ActiveFile);
        }
        else
        {
            AtomicFile.WriteAllText(ActiveFile, before);
        }
    }

    private DeploymentOutcome Record(DeploymentOutcome outcome)
    {
        State = State with { Last = outcome };
        DeploymentJson.Write(StatePath, State);
        _log(outcome.Reason);
        return outcome;
    }

    private static async Task<T> Checked<T>(string step, Func<Task<T>> check)
    {
        try
        {
            return await check().ConfigureAwait(false);
        }
        catch (DeploymentException e)
        {
            throw new DeploymentException($"failed its {step} check: {e.Message}");
        }
    }

    private static void Step(List<DeploymentStep> steps, string name, Stopwatch clock, string detail)
    {
        var seconds = DockerTarget.Seconds(clock) - steps.Sum(s => s.Seconds);
        steps.Add(new DeploymentStep(name, Math.Round(seconds, 3), detail));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
