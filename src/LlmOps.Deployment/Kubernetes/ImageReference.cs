using System.Text.RegularExpressions;

namespace LlmOps.Deployment;

/// <summary>
/// A container image named by digest (<c>registry/repository@sha256:&lt;64 hex&gt;</c>). A tag can be moved to other bytes
/// after the deployment was checked, so a cluster could later pull a model nobody evaluated: a tag alone is refused.
/// </summary>
internal static partial class ImageReference
{
    /// <summary>The reference, checked; throws naming <paramref name="source"/> when it carries no digest.</summary>
    public static string RequireDigest(string? image, string source)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            throw new DeploymentException($"{source}: no serving image is given; name the package's image by digest (registry/repository@sha256:...)");
        }

        var trimmed = image.Trim();
        if (!Digested().IsMatch(trimmed))
        {
            var why = trimmed.Contains('@', StringComparison.Ordinal)
                ? "its digest is not sha256: followed by 64 lower-case hex digits"
                : "it has a tag but no digest, and a tag can be moved to other bytes after the model was checked";
            throw new DeploymentException($"{source}: image '{trimmed}' is refused: {why}. Name it as registry/repository@sha256:<digest> (the digest the package's image was pushed with)");
        }

        return trimmed;
    }

    // An optional tag may stay beside the digest (repo:tag@sha256:...); the runtime pulls by the digest.
    [GeneratedRegex("^[a-z0-9]+(?:[._/:-][a-z0-9]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[a-f0-9]{64}$")]
    private static partial Regex Digested();
}
