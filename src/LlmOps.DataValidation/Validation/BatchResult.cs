namespace LlmOps.DataValidation.Validation;

/// <summary>What a worker learned about one line; the merger turns these into statistics and duplicate checks, in file order.</summary>
internal struct LineOutcome
{
    public long Line;
    public bool IsExample;
    public bool Invalid;
    public bool HasPii;
    public bool HasHash;
    public int Tokens;
    public int Turns;
    public UInt128 Hash;
}

/// <summary>The worker's output for one batch.</summary>
internal sealed class BatchResult(LineBatch batch)
{
    public LineBatch Batch { get; } = batch;

    public LineOutcome[] Outcomes { get; set; } = [];

    /// <summary>MinHash signatures, <see cref="Duplicates.Fingerprinter.SignatureLength"/> per line, when near checks are on.</summary>
    public uint[] Signatures { get; set; } = [];

    public Finding[] Findings { get; set; } = [];

    public Dictionary<string, long> TokensPerRole { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> MessagesPerRole { get; } = new(StringComparer.Ordinal);

    /// <summary>Gives the pooled buffers back once the merge has read them.</summary>
    public void Return()
    {
        Batch.Return();
        if (Signatures.Length > 0)
        {
            System.Buffers.ArrayPool<uint>.Shared.Return(Signatures);
        }
    }
}
