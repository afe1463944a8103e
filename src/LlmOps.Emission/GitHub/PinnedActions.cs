namespace LlmOps.Emission.GitHub;

/// <summary>A third-party action pinned to a full commit SHA, with the release tag it corresponds to.</summary>
/// <param name="Repository">The action's repository, e.g. <c>actions/checkout</c>.</param>
/// <param name="Sha">The 40-hex commit the tag pointed to.</param>
/// <param name="Version">The tag, written as a comment beside the SHA.</param>
public sealed record PinnedAction(string Repository, string Sha, string Version)
{
    /// <summary>The <c>uses:</c> reference, <c>owner/repo@sha</c>.</summary>
    public string Reference => $"{Repository}@{Sha}";
}

/// <summary>
/// Every action the GitHub emitter uses, pinned to a commit: a tag can be moved, a commit cannot. This is the one
/// place to update them. Each SHA was checked against several public workflows that pin the same tag (found with
/// a code search for <c>&lt;sha&gt; # v&lt;tag&gt;</c>, e.g. <c>11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2</c>).
/// </summary>
public static class PinnedActions
{
    /// <summary>actions/checkout v4.2.2.</summary>
    public static PinnedAction Checkout { get; } = new("actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2");

    /// <summary>actions/setup-dotnet v4.3.1.</summary>
    public static PinnedAction SetupDotnet { get; } = new("actions/setup-dotnet", "67a3573c9a986a3f9c594539f4ab511d57bb3ce9", "v4.3.1");

    /// <summary>actions/cache v4.2.3.</summary>
    public static PinnedAction Cache { get; } = new("actions/cache", "5a3ec84eff668545956fd18022155c47e93e2684", "v4.2.3");

    /// <summary>actions/upload-artifact v4.6.2.</summary>
    public static PinnedAction UploadArtifact { get; } = new("actions/upload-artifact", "ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2");

    /// <summary>actions/download-artifact v4.3.0.</summary>
    public static PinnedAction DownloadArtifact { get; } = new("actions/download-artifact", "d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0");

    /// <summary>All pinned actions.</summary>
    public static IReadOnlyList<PinnedAction> All { get; } = [Checkout, SetupDotnet, Cache, UploadArtifact, DownloadArtifact];
}
