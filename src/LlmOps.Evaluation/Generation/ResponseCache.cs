using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LlmOps.Evaluation;

/// <summary>
/// Responses on disk, keyed by the model's digest, the prompt and the decoding parameters, so re-evaluating an
/// unchanged model asks the endpoint nothing and gets the same answers. One file per response, written atomically.
/// </summary>
/// <param name="directory">Where the responses are kept (under the state folder).</param>
public sealed class ResponseCache(string directory)
{
    /// <summary>The key of one request.</summary>
    public static string Key(string modelDigest, string prompt, string decoding) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{modelDigest}\n{decoding}\n{prompt}")));

    /// <summary>The cached response, or null.</summary>
    public CachedResponse? Get(string key)
    {
        var path = PathOf(key);
        return File.Exists(path) ? JsonSerializer.Deserialize<CachedResponse>(File.ReadAllText(path)) : null;
    }

    /// <summary>Keeps a response.</summary>
    public void Put(string key, CachedResponse response) => AtomicFile.WriteAllText(PathOf(key), JsonSerializer.Serialize(response));

    private string PathOf(string key) => Path.Combine(directory, key[..2], key + ".json");
}

/// <summary>A kept response with the latency and token usage it had when it was first asked.</summary>
/// <param name="Text">The response text.</param>
/// <param name="LatencyMilliseconds">How long the endpoint took.</param>
/// <param name="InputTokens">Prompt tokens the endpoint reported, or null.</param>
/// <param name="OutputTokens">Completion tokens the endpoint reported, or null.</param>
public sealed record CachedResponse(string Text, double LatencyMilliseconds, long? InputTokens = null, long? OutputTokens = null);
