using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmOps.Execution;

/// <summary>The list of an artifact's files with their sizes and hashes; the hash of this list is the artifact's identity.</summary>
/// <param name="Name">The artifact's name.</param>
/// <param name="Kind">The artifact's kind.</param>
/// <param name="Files">Files in ordinal order of their relative paths.</param>
public sealed record ArtifactManifest(string Name, string Kind, IReadOnlyList<ManifestFile> Files)
{
    /// <summary>The file name used when an artifact is exported for CI upload.</summary>
    public const string ExportFileName = ".llmops-manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Total size in bytes.</summary>
    [JsonIgnore]
    public long TotalSize => Files.Sum(f => f.Size);

    /// <summary>The canonical JSON form.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The manifest's hash, which identifies the artifact: its name, kind and content. Name and kind are part of it so
    /// that a cache entry or ref naming another artifact's hash is caught (its manifest names the other artifact);
    /// equal bytes still share one object each.
    /// </summary>
    public string ContentHash() =>
        Execution.ContentHash.OfText($"{Name}\t{Kind}\n" + string.Join("\n", Files.Select(f => $"{f.Path}\t{f.Size}\t{f.Sha256}")));

    /// <summary>Why this manifest is not the artifact <paramref name="name"/> of kind <paramref name="kind"/>, or null when it is.</summary>
    public string? Mismatch(string name, string kind) =>
        Name == name && Kind == kind ? null : $"it holds artifact '{Name}' ({Kind}), not '{name}' ({kind})";

    /// <summary>Parses a manifest.</summary>
    public static ArtifactManifest? Parse(string json) => JsonSerializer.Deserialize<ArtifactManifest>(json, Json);
}

/// <summary>One file of an artifact.</summary>
/// <param name="Path">Relative path with forward slashes.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">Content hash.</param>
public sealed record ManifestFile(string Path, long Size, string Sha256);
