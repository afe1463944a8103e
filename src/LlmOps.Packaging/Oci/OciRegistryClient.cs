using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace LlmOps.Packaging.Oci;

/// <summary>
/// The parts of the OCI distribution API (v1.1) a package needs, over <see cref="HttpClient"/>: blobs are checked with
/// HEAD and skipped when present, uploaded in one PUT or, above <see cref="ChunkSize"/>, in PATCH chunks; manifests
/// are PUT and the registry's digest checked against ours; everything read is checked against the digest asked for.
/// No .NET OCI client is served from this project's package mirror, and these few calls are the whole protocol.
/// </summary>
public sealed class OciRegistryClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly RegistryAuth _auth;

    /// <summary>A client with its own <see cref="HttpClient"/>.</summary>
    public OciRegistryClient(OciCredentials? credentials = null)
        : this(new HttpClient { Timeout = TimeSpan.FromMinutes(30) }, credentials) => _ownsHttp = true;

    /// <summary>A client over <paramref name="http"/> (tests give a handler).</summary>
    public OciRegistryClient(HttpClient http, OciCredentials? credentials = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _auth = new RegistryAuth(http, credentials);
    }

    /// <summary>Blobs larger than this are uploaded in chunks of this size (the spec's chunked upload).</summary>
    public long ChunkSize { get; init; } = 64L << 20;

    /// <summary>Whether the repository holds the blob <paramref name="digest"/>.</summary>
    public async Task<bool> BlobExistsAsync(OciReference repository, string digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, Api(repository, $"blobs/{digest}")), cancellationToken);
        return response.StatusCode == HttpStatusCode.OK || (response.StatusCode == HttpStatusCode.NotFound ? false : throw Failure(response, $"HEAD blob {digest} of {repository.Repository}"));
    }

    /// <summary>Uploads the file at <paramref name="path"/> as a blob unless the repository has it; returns its descriptor and whether it was sent.</summary>
    public async Task<(OciDescriptor Descriptor, bool Uploaded)> PushBlobAsync(OciReference repository, string path, string mediaType, IReadOnlyDictionary<string, string>? annotations = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return await PushHashedBlobAsync(repository, path, "sha256:" + Sha256File.Of(path), mediaType, annotations, cancellationToken);
    }

    /// <summary>As <see cref="PushBlobAsync(OciReference, string, string, IReadOnlyDictionary{string, string}?, CancellationToken)"/> for a file whose digest was taken as it was written (a large layer is not read twice); the registry checks it on upload.</summary>
    internal async Task<(OciDescriptor Descriptor, bool Uploaded)> PushHashedBlobAsync(OciReference repository, string path, string digest, string mediaType, IReadOnlyDictionary<string, string>? annotations, CancellationToken cancellationToken)
    {
        var descriptor = new OciDescriptor(mediaType, digest, new FileInfo(path).Length, annotations);
        if (await BlobExistsAsync(repository, digest, cancellationToken))
        {
            return (descriptor, false);
        }

        var location = await StartUploadAsync(repository, cancellationToken);
        if (descriptor.Size > ChunkSize)
        {
            location = await UploadChunksAsync(location, path, descriptor.Size, cancellationToken);
        }

        using var complete = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, digest));
            request.Content = descriptor.Size > ChunkSize ? new ByteArrayContent([]) : new StreamContent(File.OpenRead(path), 1 << 20);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return request;
        }, cancellationToken);
        if (complete.StatusCode != HttpStatusCode.Created)
        {
            throw Failure(complete, $"uploading blob {digest} ({Path.GetFileName(path)}) to {repository.Repository}");
        }

        return (descriptor, true);
    }

    /// <summary>Uploads <paramref name="bytes"/> as a blob unless the repository has it.</summary>
    public async Task<OciDescriptor> PushBlobAsync(OciReference repository, byte[] bytes, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var temp = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
            return (await PushBlobAsync(repository, temp, mediaType, null, cancellationToken)).Descriptor;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>PUTs <paramref name="manifest"/> under <paramref name="reference"/>'s tag (or digest); returns the digest, checked against the registry's.</summary>
    public async Task<string> PushManifestAsync(OciReference reference, byte[] manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(manifest);
        var digest = "sha256:" + Sha256File.Of(manifest);
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, Api(reference, $"manifests/{reference.Tag ?? digest}")) { Content = new ByteArrayContent(manifest) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(OciMediaTypes.ImageManifest);
            return request;
        }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw Failure(response, $"pushing the manifest of {reference}");
        }

        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } stated && stated != digest)
        {
            throw new OciException($"{reference.Registry} stored the manifest as {stated}, but its bytes hash to {digest}");
        }

        return digest;
    }

    /// <summary>Reads the manifest <paramref name="reference"/> names by digest; its bytes must hash to that digest.</summary>
    /// <exception cref="OciException">The reference has no digest, the registry does not have it, or the bytes hash to another digest.</exception>
    public async Task<byte[]> GetManifestAsync(OciReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var digest = reference.Digest ?? throw new OciException($"{reference} names no digest: pull by digest (…@sha256:…), a tag can be moved");
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Api(reference, $"manifests/{digest}"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OciMediaTypes.ImageManifest));
            return request;
        }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Failure(response, $"reading the manifest {reference}");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var actual = "sha256:" + Sha256File.Of(bytes);
        return actual == digest ? bytes : throw new OciException($"the registry answered {reference} with a manifest whose bytes hash to {actual}: it is not the manifest asked for");
    }

    /// <summary>Downloads <paramref name="blob"/> into <paramref name="path"/> (atomically), refusing bytes of another size or digest.</summary>
    public async Task GetBlobAsync(OciReference repository, OciDescriptor blob, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(blob);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Api(repository, $"blobs/{blob.Digest}")), cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Failure(response, $"reading blob {blob.Digest} of {repository.Repository}");
        }

        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            long size;
            string actual;
            await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 20];
                size = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > blob.Size)
                    {
                        break;
                    }

                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                actual = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            if (size != blob.Size || actual != blob.Digest)
            {
                throw new OciException(size != blob.Size
                    ? $"blob {blob.Title ?? blob.Digest} from {repository.Repository} is {(size > blob.Size ? "longer than" : size.ToString(CultureInfo.InvariantCulture) + " bytes, not")} the {blob.Size} bytes the manifest says: it was changed in the registry"
                    : $"blob {blob.Title ?? blob.Digest} from {repository.Repository} hashes to {actual}, not {blob.Digest} as the manifest says: it was changed in the registry");
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<Uri> StartUploadAsync(OciReference repository, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Api(repository, "blobs/uploads/")) { Content = new ByteArrayContent([]) }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted || response.Headers.Location is null)
        {
            throw Failure(response, $"starting an upload to {repository.Repository}");
        }

        return new Uri(repository.BaseAddress, response.Headers.Location);
    }

    private async Task<Uri> UploadChunksAsync(Uri location, string path, long size, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(ChunkSize, size)];
        for (long offset = 0; offset < size;)
        {
            var length = await file.ReadAtLeastAsync(buffer, (int)Math.Min(buffer.Length, size - offset), throwOnEndOfStream: true, cancellationToken);
            var start = offset;
            var at = location;
            using var response = await SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Patch, at) { Content = new ByteArrayContent(buffer, 0, length) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + length - 1}");
                return request;
            }, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted || response.Headers.Location is null)
            {
                throw Failure(response, $"uploading bytes {start}-{start + length - 1} of {Path.GetFileName(path)}");
            }

            location = new Uri(location, response.Headers.Location);
            offset += length;
        }

        return location;
    }

    private static Uri WithDigest(Uri location, string digest) =>
        new(location + (string.IsNullOrEmpty(location.Query) ? "?" : "&") + "digest=" + Uri.EscapeDataString(digest));

    private static Uri Api(OciReference repository, string path) => new(repository.BaseAddress, $"v2/{repository.Repository}/{path}");

    // Every request goes out once with the header the last challenge earned; a 401 earns a better one and one retry.
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = create();
            request.Headers.Authorization = _auth.Current;
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, completion, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new OciException($"{request.RequestUri?.GetLeftPart(UriPartial.Authority)} cannot be reached: {e.Message}", e);
            }

            if (response.StatusCode != HttpStatusCode.Unauthorized || attempt > 0)
            {
                return response;
            }

            var better = await _auth.AfterChallengeAsync(response, cancellationToken);
            if (better is null)
            {
                return response;
            }

            response.Dispose();
        }
    }

    private static OciException Failure(HttpResponseMessage response, string what)
    {
        // The distribution spec's error body: {"errors":[{"code":"…","message":"…"}]}; its codes say more than the status.
        var body = "";
        try
        {
            body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ObjectDisposedException)
        {
        }

        var detail = body.Length > 300 ? body[..300] + "…" : body.Trim();
        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => ": the registry wants a login (set the registry credentials)",
            HttpStatusCode.Forbidden => ": the login may not do this",
            _ => "",
        };
        return new OciException($"{what} failed: {(int)response.StatusCode} {response.ReasonPhrase}{hint}{(detail.Length > 0 ? " " + detail : "")}");
    }
}
