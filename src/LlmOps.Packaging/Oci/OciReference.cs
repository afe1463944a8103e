using System.Text.RegularExpressions;

namespace LlmOps.Packaging.Oci;

/// <summary>
/// A reference to a repository in an OCI registry, with an optional tag and digest:
/// <c>registry.example.com/team/model:v-1@sha256:…</c>. The registry part is required (no implied Docker Hub), and a
/// loopback registry is spoken to over plain HTTP, as Docker does, unless <c>https://</c> is written before it.
/// </summary>
public sealed partial record OciReference(string Registry, string Repository, string? Tag, string? Digest, bool PlainHttp)
{
    /// <summary>The base address of the registry's distribution API (<c>http://127.0.0.1:5000/</c>).</summary>
    public Uri BaseAddress => new($"{(PlainHttp ? "http" : "https")}://{Registry}/");

    /// <summary>This repository with <paramref name="digest"/> and no tag.</summary>
    public OciReference WithDigest(string digest) => this with { Tag = null, Digest = digest };

    /// <summary>This repository with <paramref name="tag"/> and no digest.</summary>
    public OciReference WithTag(string tag) => this with { Tag = CheckedTag(tag), Digest = null };

    /// <summary>Another repository of the same registry.</summary>
    public OciReference InRepository(string repository) => this with { Repository = CheckedRepository(repository, repository), Tag = null, Digest = null };

    /// <summary>What the reference points at in an API path: the digest when there is one, else the tag.</summary>
    public string Target => Digest ?? Tag ?? throw new OciException($"{this} names neither a tag nor a digest");

    /// <inheritdoc />
    public override string ToString() => $"{Registry}/{Repository}" + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="OciException">It is not a reference; the message says which part is wrong.</exception>
    public static OciReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();
        bool? plain = null;
        foreach (var (scheme, isPlain) in new[] { ("http://", true), ("https://", false) })
        {
            if (rest.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                (rest, plain) = (rest[scheme.Length..], isPlain);
            }
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !rest[..slash].Contains('.', StringComparison.Ordinal) && !rest[..slash].Contains(':', StringComparison.Ordinal) && rest[..slash] != "localhost")
        {
            throw new OciException($"'{text}' names no registry: write <registry host[:port]>/<repository>[:tag][@sha256:…], e.g. 127.0.0.1:5000/support-intent");
        }

        var registry = rest[..slash];
        var path = rest[(slash + 1)..];
        string? digest = null;
        var at = path.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = CheckedDigest(path[(at + 1)..], text);
            path = path[..at];
        }

        string? tag = null;
        var colon = path.LastIndexOf(':');
        if (colon >= 0)
        {
            tag = CheckedTag(path[(colon + 1)..]);
            path = path[..colon];
        }

        return new OciReference(registry, CheckedRepository(path, text), tag, digest, plain ?? IsLoopback(registry));
    }

    /// <summary>Checks a digest is <c>sha256:</c> and 64 lower-case hex digits; returns it.</summary>
    /// <exception cref="OciException">It is not.</exception>
    public static string CheckedDigest(string digest, string where)
    {
        if (!DigestPattern().IsMatch(digest))
        {
            throw new OciException($"'{where}': '{digest}' is not a sha256 digest (sha256: and 64 lower-case hex digits)");
        }

        return digest;
    }

    private static string CheckedTag(string tag) => TagPattern().IsMatch(tag)
        ? tag
        : throw new OciException($"'{tag}' is not a valid tag (letters, digits, '_', '.', '-', up to 128, not starting with '.' or '-')");

    private static string CheckedRepository(string repository, string text) => RepositoryPattern().IsMatch(repository)
        ? repository
        : throw new OciException($"'{text}': repository '{repository}' must be lower-case path components of letters and digits separated by '.', '_', '__' or '-'");

    private static bool IsLoopback(string registry)
    {
        var host = registry.StartsWith('[') ? registry[..(registry.IndexOf(']', StringComparison.Ordinal) + 1)] : registry.Split(':')[0];
        return host == "localhost" || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    // The OCI distribution spec's <name> grammar.
    [GeneratedRegex("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();
}
