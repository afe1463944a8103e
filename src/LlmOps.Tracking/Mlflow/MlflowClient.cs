using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Tracking.Mlflow;

/// <summary>
/// The Refit API plus the multi-call operations MLflow needs client-side: get-or-create, split log-batch,
/// paginated history that cannot loop forever, and streamed artifact transfer.
/// </summary>
public sealed class MlflowClient : IDisposable
{
    /// <summary>Page size of metric history; the Python client uses the same.</summary>
    public const int MetricHistoryPageSize = 25_000;

    private readonly ServiceProvider? _provider;

    /// <summary>Wraps an existing API instance (e.g. from a dependency-injection container).</summary>
    public MlflowClient(IMlflowApi api, MlflowConnectionOptions options)
    {
        Api = api;
        Options = options;
    }

    private MlflowClient(ServiceProvider provider, MlflowConnectionOptions options)
        : this(provider.GetRequiredService<IMlflowApi>(), options)
    {
        _provider = provider;
    }

    /// <summary>The raw REST API.</summary>
    public IMlflowApi Api { get; }

    /// <summary>Connection settings.</summary>
    public MlflowConnectionOptions Options { get; }

    /// <summary>Builds a client with its own HTTP pipeline (auth, retries, timeouts).</summary>
    public static MlflowClient Create(MlflowConnectionOptions options)
    {
        options = options.WithCredentialsFromUri();
        var services = new ServiceCollection();
        services.AddMlflowApi(options);
        return new MlflowClient(services.BuildServiceProvider(), options);
    }

    /// <summary>Returns the id of the experiment named <paramref name="name"/>, creating it when missing (race-safe).</summary>
    public async Task<string> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var found = await Api.GetExperimentByNameAsync(name, cancellationToken).ConfigureAwait(false);
            if (found.Experiment is { } e && e.LifecycleStage != "deleted")
            {
                return e.ExperimentId;
            }
        }
        catch (MlflowException ex) when (ex.IsNotFound)
        {
            // Missing: create it below.
        }

        try
        {
            var created = await Api.CreateExperimentAsync(new CreateExperimentRequest { Name = name }, cancellationToken).ConfigureAwait(false);
            return created.ExperimentId;
        }
        catch (MlflowException ex) when (ex.IsAlreadyExists)
        {
            // Another writer created it between our get and create (or our create was retried): read the winner's id.
            var again = await Api.GetExperimentByNameAsync(name, cancellationToken).ConfigureAwait(false);
            return again.Experiment?.ExperimentId ?? throw new MlflowException("GET /api/2.0/mlflow/experiments/get-by-name", null, null, $"experiment '{name}' exists but could not be read");
        }
    }

    /// <summary>Sends everything through log-batch, split to the server's limits; returns the number of requests.</summary>
    public async Task<int> LogBatchAsync(string runId, IReadOnlyList<Metric>? metrics, IReadOnlyList<KeyValue>? parameters, IReadOnlyList<KeyValue>? tags, CancellationToken cancellationToken = default)
    {
        var requests = 0;
        foreach (var batch in LogBatchSplitter.Split(runId, metrics, parameters, tags))
        {
            await Api.LogBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            requests++;
        }

        return requests;
    }

    /// <summary>Reads the whole history of a metric, page by page; stops if the server repeats a page token (MLflow 3.4-3.13 bug).</summary>
    public async Task<List<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default)
    {
        var all = new List<Metric>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        while (true)
        {
            var page = await Api.GetMetricHistoryAsync(runId, key, MetricHistoryPageSize, token, cancellationToken).ConfigureAwait(false);
            if (page.Metrics is { } m)
            {
                all.AddRange(m);
            }

            token = page.NextPageToken;
            if (string.IsNullOrEmpty(token) || !seen.Add(token) || page.Metrics is null or { Count: 0 })
            {
                return all;
            }
        }
    }

    /// <summary>Streams a local file to <c>{artifactUri}/{artifactPath}/{file name}</c> through the artifact proxy.</summary>
    /// <returns>The artifact URI of the uploaded file.</returns>
    public async Task<string> UploadArtifactAsync(string artifactUri, string localFile, string? artifactPath, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(localFile))
        {
            throw new FileNotFoundException($"The artifact file '{localFile}' does not exist.", localFile);
        }

        var relative = CombineRelative(artifactPath, Path.GetFileName(localFile));
        var proxyPath = ArtifactPaths.ToProxyPath(artifactUri, relative);

        // FileStream is seekable, so a retried attempt can resend from the start; nothing is buffered in memory.
        await using var stream = new FileStream(localFile, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        using var content = new StreamContent(stream, 81920);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = stream.Length;
        await Api.UploadArtifactAsync(proxyPath, content, cancellationToken).ConfigureAwait(false);
        return $"{artifactUri.TrimEnd('/')}/{relative}";
    }

    /// <summary>Streams an artifact to <paramref name="destinationFile"/>, written atomically (temp file, then rename).</summary>
    public async Task DownloadArtifactAsync(string artifactUri, string relativePath, string destinationFile, CancellationToken cancellationToken = default)
    {
        var proxyPath = ArtifactPaths.ToProxyPath(artifactUri, relativePath);
        using var response = await Api.DownloadArtifactAsync(proxyPath, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await MlflowErrorParser.FromResponseAsync(response).ConfigureAwait(false);
        }

        var full = Path.GetFullPath(destinationFile);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var limits = AttemptTimeouts.ForDownloadBody(response.Content.Headers.ContentLength, Options);
                await CopyBodyAsync(source, target, limits, MlflowErrorParser.Endpoint(response.RequestMessage), cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Lists a folder of the run's artifacts (entries are basenames).</summary>
    public async Task<IReadOnlyList<ArtifactFileInfo>> ListArtifactsAsync(string artifactUri, string? relativePath = null, CancellationToken cancellationToken = default)
    {
        var response = await Api.ListArtifactsAsync(ArtifactPaths.ToProxyPath(artifactUri, relativePath), cancellationToken).ConfigureAwait(false);
        return response.Files ?? [];
    }

    /// <inheritdoc />
    public void Dispose() => _provider?.Dispose();

    // The resilience pipeline's attempt timeout ends when the headers arrive; the body is read here, and a server that
    // stops sending would otherwise hold the caller for ever.
    private static async Task CopyBodyAsync(Stream source, Stream target, (TimeSpan Total, TimeSpan Stall) limits, string endpoint, CancellationToken cancellationToken)
    {
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(limits.Total);
        var buffer = new byte[81920];
        while (true)
        {
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(total.Token);
            stall.CancelAfter(limits.Stall);
            int read;
            try
            {
                read = await source.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                var why = total.IsCancellationRequested
                    ? string.Create(CultureInfo.InvariantCulture, $"the download did not finish within {limits.Total.TotalSeconds:0.#} s")
                    : string.Create(CultureInfo.InvariantCulture, $"the download stalled: no data for {limits.Stall.TotalSeconds:0.#} s");
                throw new MlflowException(endpoint, null, null, why, ex);
            }

            if (read == 0)
            {
                return;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string CombineRelative(string? folder, string fileName)
    {
        var normalized = ArtifactPaths.Normalize(folder);
        return normalized.Length == 0 ? fileName : $"{normalized}/{fileName}";
    }
}
