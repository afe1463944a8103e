namespace LlmOps.Emission.GitHub;

/// <summary>A third-party action pinned to a full commit SHA, with the release tag and runtime recorded for it.</summary>
/// <param name="Repository">The action's repository, e.g. <c>actions/checkout</c>.</param>
/// <param name="Sha">The 40-hex commit the tag points to.</param>
/// <param name="Version">The tag, written as a comment beside the SHA, e.g. <c>v5.1.0</c>.</param>
/// <param name="Runtime">The <c>runs.using</c> of the action's <c>action.yml</c> at that tag, e.g. <c>node24</c>.</param>
/// <param name="RuntimeCheckedFor">The major release the runtime was read for, e.g. <c>v5</c>.</param>
public sealed record PinnedAction(string Repository, string Sha, string Version, string Runtime, string RuntimeCheckedFor)
{
    /// <summary>The <c>uses:</c> reference, <c>owner/repo@sha</c>.</summary>
    public string Reference => $"{Repository}@{Sha}";

    /// <summary>The major release of <see cref="Version"/>, e.g. <c>v5</c> for <c>v5.1.0</c>.</summary>
    public string Major => Version.Split('.')[0];
}
