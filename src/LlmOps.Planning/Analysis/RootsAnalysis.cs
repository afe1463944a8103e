namespace LlmOps.Planning;

/// <summary>What a stage's root methods reach: one hash, the parameter members read, and why some cannot be followed.</summary>
/// <param name="Hash">The hash of all the code reached.</param>
/// <param name="ParametersRead">Parameter members read, by module version id and metadata token.</param>
/// <param name="Reasons">Why some of the code cannot be followed, in words; empty when all of it can.</param>
internal sealed record RootsAnalysis(string Hash, IReadOnlySet<(Guid Module, int Token)> ParametersRead, IReadOnlyList<string> Reasons)
{
    /// <summary>Nothing could be analysed, for <paramref name="reason"/>.</summary>
    public static RootsAnalysis Unanalysable(string reason) => new("", new HashSet<(Guid, int)>(), [reason]);
}
