namespace LlmOps.Emission;

/// <summary>How the files on disk compare with what the generator would write.</summary>
/// <param name="Missing">Generated files that do not exist on disk.</param>
/// <param name="Stale">Files on disk whose content differs (line endings aside).</param>
/// <param name="Orphaned">Files that carry the generated header but that no declaration produces any more.</param>
public sealed record WorkflowCheck(IReadOnlyList<string> Missing, IReadOnlyList<string> Stale, IReadOnlyList<string> Orphaned)
{
    /// <summary>Whether the files on disk are exactly what the generator would write.</summary>
    public bool IsUpToDate => Missing.Count == 0 && Stale.Count == 0 && Orphaned.Count == 0;

    /// <summary>Every path that needs attention, ordinal order.</summary>
    public IReadOnlyList<string> Paths => [.. Missing.Concat(Stale).Concat(Orphaned).Order(StringComparer.Ordinal)];
}
