using System.Diagnostics;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using LlmOps.Containers.Cleanup;
using LlmOps.Containers.Engine;
using LlmOps.Containers.Errors;
using LlmOps.Containers.Images;
using LlmOps.Containers.Specs;
using ContainerSpec = LlmOps.Containers.Specs.ContainerSpec;

namespace LlmOps.Containers.Running;

/// <summary>
/// Runs container stages on a Docker engine: resolves the image, checks GPU support, creates the container
/// with mounts, limits and labels, streams logs and metrics, enforces the timeout, retries transient exit
/// codes, and always removes the container.
/// </summary>
public sealed partial class ContainerRunner(DockerEngine engine)
{
    private static readonly TimeSpan LogDrainGrace = TimeSpan.FromSeconds(5);

    private readonly IDockerClient _client = engine.Client;
    private readonly ImageProvisioner _images = new(engine.Client);

    /// <summary>The engine this runner uses.</summary>
    public DockerEngine Engine { get; } = engine;

    /// <summary>
    /// Makes the spec's image present (pull per policy, or build) and returns its image ID (sha256:...).
    /// Put the value in the stage cache key: retagging a different image under the same tag changes it.
    /// </summary>
    public Task<string> ResolveImageDigestAsync(ContainerSpec spec, CancellationToken cancellationToken = default) =>
        ResolveImageDigestAsync(spec, null, cancellationToken);

    /// <summary>As <see cref="ResolveImageDigestAsync(ContainerSpec, CancellationToken)"/>, writing pull/build output to <paramref name="log"/>.</summary>
    public Task<string> ResolveImageDigestAsync(ContainerSpec spec, Action<string>? log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _images.EnsureAsync(spec, log, cancellationToken);
    }

    /// <summary>
    /// Runs the stage. Returns the result for any exit code (call <see cref="ContainerRunResult.EnsureSuccess"/> to throw on failure).
    /// </summary>
    /// <exception cref="ContainerStageException">Bad request, image or engine problem; <see cref="GpuUnavailableException"/> before anything starts when GPUs are missing.</exception>
    /// <exception cref="ContainerTimeoutException">The spec's timeout passed; the container was stopped and removed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (Ctrl+C); the container was stopped and removed.</exception>
    public async Task<ContainerRunResult> RunAsync(ContainerSpec spec, ContainerRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var clock = Stopwatch.StartNew();
        var log = new LogSink(request.LogSink, new SecretMasker(spec.SecretEnvironment.Values.Concat(request.SecretValues)), request.LogTailLines);

        var withGpus = await CheckGpusAsync(spec, request, log, cancellationToken).ConfigureAwait(false);
        string imageId;
        using (var span = ContainerTracing.Source.StartActivity("container image", ActivityKind.Internal))
        {
            span?.SetTag("container.image.name", spec.Image switch { ImageReference r => r.Reference, DockerfileBuild b => "built from " + b.DockerfilePath, _ => "?" }).SetTag("llmops.stage", request.StageName);
            imageId = request.ImageId ?? await _images.EnsureAsync(spec, log.Notice, cancellationToken).ConfigureAwait(false);
            span?.SetTag("container.image.id", imageId);
        }

        for (var attempt = 1; ; attempt++)
        {
            log.ResetTail();
            var (exitCode, oomKilled) = await RunAttemptAsync(spec, request, imageId, withGpus, attempt, log, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0 && spec.Retry.ShouldRetry(exitCode, attempt))
            {
                var delay = spec.Retry.DelayAfter(attempt);
                log.Notice($"attempt {attempt}/{spec.Retry.MaxAttempts} exited with transient code {exitCode}; retrying in {delay.TotalSeconds:0.###} s");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return new ContainerRunResult
            {
                ExitCode = exitCode,
                Duration = clock.Elapsed,
                LogTail = log.Tail(),
                ImageId = imageId,
                Attempts = attempt,
                OomKilled = oomKilled,
                RanWithoutRequestedGpus = spec.Gpus is not null && !withGpus,
                StageName = request.StageName,
            };
        }
    }

    /// <summary>
    /// Removes managed containers left behind by runs that are no longer alive. See <see cref="OrphanCollector"/> for the rules.
    /// </summary>
    /// <returns>Names of the removed containers.</returns>
    public Task<IReadOnlyList<string>> RemoveOrphansAsync(string currentRunId, CancellationToken cancellationToken = default) =>
        new OrphanCollector(_client).RemoveAsync(currentRunId, cancellationToken);

    private async Task<(long ExitCode, bool OomKilled)> RunAttemptAsync(
        ContainerSpec spec, ContainerRunRequest request, string imageId, bool withGpus, int attempt, LogSink log, CancellationToken cancellationToken)
    {
        var labels = BuildLabels(request);
        var name = CreateParametersFactory.ContainerName(request.StageName, request.RunId, attempt);
        using var span = ContainerTracing.Source.StartActivity("container run", ActivityKind.Client);
        span?.SetTag("container.name", name).SetTag("container.image.id", imageId).SetTag("llmops.stage", request.StageName).SetTag("llmops.attempt", attempt);
        var parameters = CreateParametersFactory.Create(spec, request, imageId, name, withGpus, labels);
        string id;
        try
        {
            id = (await _client.Containers.CreateContainerAsync(parameters, cancellationToken).ConfigureAwait(false)).ID;
            span?.SetTag("container.id", id);
        }
        catch (DockerApiException ex)
        {
            throw new ContainerStageException($"Creating the container for stage '{request.StageName}' failed: {log.Mask(ImageProvisioner.ApiMessage(ex))}", ex);
        }

        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var stopReaders = new CancellationTokenSource();
        Task logTask = Task.CompletedTask;
        Task metricsTask = Task.CompletedTask;

        // Created before the start, so that it marks where this attempt's metrics begin in the file.
        var tailer = request.OutputsDirectory is not null && request.MetricsSink is not null
            ? new MetricsTailer(Path.Combine(request.OutputsDirectory, ContainerPaths.MetricsFileName), request.MetricsSink, log.Notice)
            : null;
        try
        {
            try
            {
                await _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), linked.Token).ConfigureAwait(false);
            }
            catch (DockerApiException ex)
            {
                throw new ContainerStageException($"Starting the container for stage '{request.StageName}' failed: {log.Mask(ImageProvisioner.ApiMessage(ex))}", ex);
            }

            if (spec.Timeout is { } limit)
            {
                timeout.CancelAfter(limit);
            }

            logTask = LogPump.RunAsync(_client, id, log.Line, stopReaders.Token);
            if (tailer is not null)
            {
                metricsTask = tailer.RunAsync(stopReaders.Token);
            }

            var wait = await _client.Containers.WaitContainerAsync(id, linked.Token).ConfigureAwait(false);
            await FinishReadersAsync(logTask, metricsTask, stopReaders).ConfigureAwait(false);
            tailer?.Drain();
            var oomKilled = await WasOomKilledAsync(id).ConfigureAwait(false);
            span?.SetTag("llmops.exit_code", wait.StatusCode).SetTag("llmops.oom_killed", oomKilled);
            if (wait.StatusCode != 0)
            {
                span?.SetStatus(ActivityStatusCode.Error, $"exit code {wait.StatusCode}");
            }

            return (wait.StatusCode, oomKilled);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, "timeout");
            log.Notice($"stage '{request.StageName}' exceeded its timeout of {spec.Timeout}; stopping the container");
            await StopQuietlyAsync(id, spec.StopGracePeriod).ConfigureAwait(false);
            await FinishReadersAsync(logTask, metricsTask, stopReaders).ConfigureAwait(false);
            throw new ContainerTimeoutException(request.StageName, spec.Timeout!.Value, log.Tail());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Notice($"stage '{request.StageName}' cancelled; stopping the container");
            await StopQuietlyAsync(id, spec.StopGracePeriod).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await FinishReadersAsync(logTask, metricsTask, stopReaders).ConfigureAwait(false);
            await RemoveQuietlyAsync(id, log).ConfigureAwait(false);
        }
    }

    // The exit code is already known; a container removed in between (by another host's orphan sweep) only loses the OOM flag.
    private async Task<bool> WasOomKilledAsync(string id)
    {
        try
        {
            return (await _client.Containers.InspectContainerAsync(id, CancellationToken.None).ConfigureAwait(false)).State?.OOMKilled ?? false;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    private async Task<bool> CheckGpusAsync(ContainerSpec spec, ContainerRunRequest request, LogSink log, CancellationToken cancellationToken)
    {
        if (spec.Gpus is null)
        {
            return false;
        }

        var support = await Engine.GetGpuSupportAsync(cancellationToken).ConfigureAwait(false);
        if (support.Available)
        {
            return true;
        }

        if (!request.AllowCpuFallback && !spec.AllowCpuFallback)
        {
            throw new GpuUnavailableException(
                $"Stage '{request.StageName}' requests GPUs (--gpus {spec.Gpus}) but the Docker engine at {Engine.Endpoint} has no GPU runtime "
                + $"({support.Describe()}). Install the NVIDIA Container Toolkit and register it with Docker "
                + "('sudo nvidia-ctk runtime configure --runtime=docker' then restart Docker), or run on a GPU host. "
                + "For a CPU smoke run, allow CPU fallback explicitly.");
        }

        log.Notice("################################################################################");
        log.Notice($"WARNING: stage '{request.StageName}' requested GPUs (--gpus {spec.Gpus}) but the engine has NO GPU runtime.");
        log.Notice("WARNING: CPU fallback was explicitly allowed: this is a CPU SMOKE RUN, not a real training run.");
        log.Notice("################################################################################");
        return false;
    }

    private static async Task FinishReadersAsync(Task logTask, Task metricsTask, CancellationTokenSource stopReaders)
    {
        // The log stream ends by itself once the container has exited; the grace only bounds a stuck stream.
        await Task.WhenAny(logTask, Task.Delay(LogDrainGrace)).ConfigureAwait(false);
        await stopReaders.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(logTask, metricsTask).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or DockerApiException or HttpRequestException)
        {
            // A log stream cut by the container's removal is expected; the exit code is what counts.
        }
    }

    private async Task StopQuietlyAsync(string id, TimeSpan grace)
    {
        try
        {
            using var bound = new CancellationTokenSource(grace + TimeSpan.FromSeconds(30));
            await _client.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(grace.TotalSeconds) }, bound.Token)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DockerApiException or OperationCanceledException or HttpRequestException or IOException)
        {
            // Removal with force follows and kills it anyway.
        }
    }

    private async Task RemoveQuietlyAsync(string id, LogSink log)
    {
        try
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, bound.Token)
                .ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (Exception ex) when (ex is DockerApiException or OperationCanceledException or HttpRequestException or IOException)
        {
            log.Notice($"could not remove container {id[..Math.Min(12, id.Length)]}: {ex.Message}; the next run's orphan cleanup will remove it");
        }
    }

    private static Dictionary<string, string> BuildLabels(ContainerRunRequest request)
    {
        var labels = new Dictionary<string, string>(request.Labels, StringComparer.Ordinal)
        {
            [ContainerLabels.Managed] = "true",
            [ContainerLabels.RunId] = request.RunId,
            [ContainerLabels.Stage] = request.StageName,
        };
        OwnerProcess.Current.AddTo(labels);
        return labels;
    }

    private static void Validate(ContainerRunRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.RunId) || string.IsNullOrWhiteSpace(request.StageName))
        {
            throw new ContainerStageException("A container run needs a run ID and a stage name.");
        }

        foreach (var (name, path) in request.Inputs)
        {
            if (!InputName().IsMatch(name ?? string.Empty))
            {
                throw new ContainerStageException($"Invalid input name '{name}' in stage '{request.StageName}': use letters, digits, '.', '_' or '-'.");
            }

            if (!Directory.Exists(path))
            {
                throw new ContainerStageException($"Input '{name}' of stage '{request.StageName}' points to '{path}', which is not an existing directory.");
            }
        }

        if (request.OutputsDirectory is not null)
        {
            Directory.CreateDirectory(request.OutputsDirectory);
        }

        var reserved = request.Labels.Keys.FirstOrDefault(k => k.StartsWith(ContainerLabels.ReservedPrefix, StringComparison.Ordinal));
        if (reserved is not null)
        {
            throw new ContainerStageException($"Label '{reserved}' uses the reserved prefix '{ContainerLabels.ReservedPrefix}'; LlmOps sets those labels itself.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex InputName();
}
