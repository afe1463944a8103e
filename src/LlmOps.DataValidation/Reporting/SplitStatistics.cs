namespace LlmOps.DataValidation;

/// <summary>Counts and distributions for one split.</summary>
public sealed record SplitStatistics
{
    /// <summary>Lines read (including blank and broken ones).</summary>
    public long Lines { get; init; }

    /// <summary>Bytes read.</summary>
    public long Bytes { get; init; }

    /// <summary>Lines that parsed as JSON and were checked as examples.</summary>
    public long Examples { get; init; }

    /// <summary>Lines with at least one error-severity structure finding.</summary>
    public long InvalidExamples { get; init; }

    /// <summary>The tokenizer used, or null when tokens were not counted.</summary>
    public string? Tokenizer { get; init; }

    /// <summary>Whether per-example counts include chat-format overhead (see <see cref="TokenCountMode"/>).</summary>
    public string? TokenCountMode { get; init; }

    /// <summary>Sum of per-example token counts.</summary>
    public long TotalTokens { get; init; }

    /// <summary>Largest per-example token count.</summary>
    public long MaxExampleTokens { get; init; }

    /// <summary>Median per-example token count.</summary>
    public long MedianExampleTokens { get; init; }

    /// <summary>95th percentile per-example token count.</summary>
    public long P95ExampleTokens { get; init; }

    /// <summary>Content tokens per role (chat roles, or prompt/completion/chosen/rejected).</summary>
    public IReadOnlyDictionary<string, long> TokensPerRole { get; init; } = new Dictionary<string, long>();

    /// <summary>Messages per role (the role mix).</summary>
    public IReadOnlyDictionary<string, long> MessagesPerRole { get; init; } = new Dictionary<string, long>();

    /// <summary>Examples by token count.</summary>
    public IReadOnlyList<HistogramBin> TokenHistogram { get; init; } = [];

    /// <summary>Examples by number of messages (turns).</summary>
    public IReadOnlyList<HistogramBin> TurnsHistogram { get; init; } = [];

    /// <summary>Examples that exactly (normalised) duplicate an earlier one in the split.</summary>
    public long ExactDuplicates { get; init; }

    /// <summary>Examples that nearly duplicate an earlier one in the split.</summary>
    public long NearDuplicates { get; init; }

    /// <summary>Examples not added to the duplicate index because it was full (their duplicates go unnoticed).</summary>
    public long NotIndexed { get; init; }

    /// <summary>Seconds spent on the split.</summary>
    public double Seconds { get; init; }
}
