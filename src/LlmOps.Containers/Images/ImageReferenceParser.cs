namespace LlmOps.Containers.Images;

/// <summary>
/// Splits an image reference into the fromImage/tag pair of POST /images/create, as the docker CLI does:
/// a digest travels in the tag parameter, and a reference without tag means "latest".
/// </summary>
internal static class ImageReferenceParser
{
    public static (string Repository, string TagOrDigest) Split(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var name = reference[..at];
            var lastSlash = name.LastIndexOf('/');
            var colon = name.LastIndexOf(':');
            if (colon > lastSlash)
            {
                name = name[..colon];
            }

            return (name, reference[(at + 1)..]);
        }

        var slash = reference.LastIndexOf('/');
        var tagColon = reference.LastIndexOf(':');
        return tagColon > slash ? (reference[..tagColon], reference[(tagColon + 1)..]) : (reference, "latest");
    }
}
