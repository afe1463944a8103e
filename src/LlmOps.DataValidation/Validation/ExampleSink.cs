namespace LlmOps.DataValidation.Validation;

/// <summary>
/// Whether a text segment is user data (scanned for PII and duplicates), format metadata (only token-counted) or a
/// participant's name (scanned for PII, and token-counted only where the chat format counts names).
/// </summary>
internal enum TextKind
{
    Content,
    Metadata,
    Name,
}

/// <summary>
/// A piece of an example's text. <see cref="Group"/> lets preference data count prompt + the longer of
/// chosen (1) / rejected (2) instead of all three.
/// </summary>
internal readonly record struct TextSegment(string Text, string Role, string Path, int Offset, TextKind Kind, int Group);

/// <summary>What a format checker reports about one line: structure findings, text segments, turns and overhead tokens.</summary>
internal sealed class ExampleSink
{
    private readonly List<Finding> _findings;
    private readonly ValidationRules _rules;

    public ExampleSink(List<Finding> findings, ValidationRules rules, bool wantsText)
    {
        _findings = findings;
        _rules = rules;
        WantsText = wantsText;
    }

    public bool WantsText { get; }

    public bool CountChatOverhead => _rules.CountMode == TokenCountMode.ChatFormat;

    public List<TextSegment> Segments { get; } = [];

    public List<string> Roles { get; } = [];

    public int OverheadTokens { get; set; }

    public int StructureErrors { get; private set; }

    internal string Split { get; set; } = "";

    internal string File { get; set; } = "";

    internal long LineNumber { get; set; }

    internal int ColumnBias { get; set; }

    public void Reset(long lineNumber, int columnBias)
    {
        LineNumber = lineNumber;
        ColumnBias = columnBias;
        Segments.Clear();
        Roles.Clear();
        OverheadTokens = 0;
        StructureErrors = 0;
    }

    /// <summary>Reports a structure finding at a byte offset of the line (converted to a 1-based column).</summary>
    public void Report(string ruleId, string? path, int byteOffset, string message)
    {
        if (_rules.IsDisabled(ruleId))
        {
            return;
        }

        var severity = _rules.SeverityOf(ruleId);
        if (severity == Severity.Error && ruleId != RuleIds.MaxTokens)
        {
            StructureErrors++;
        }

        _findings.Add(new Finding(ruleId, severity, Split, File, LineNumber, byteOffset < 0 ? null : byteOffset + 1 + ColumnBias, path, message, null));
    }

    /// <summary>Reports a finding that carries a redacted sample (PII); never counted as a structure error.</summary>
    public void ReportSample(string ruleId, string? path, int byteOffset, string message, string sample)
    {
        if (_rules.IsDisabled(ruleId))
        {
            return;
        }

        _findings.Add(new Finding(ruleId, _rules.SeverityOf(ruleId), Split, File, LineNumber, byteOffset < 0 ? null : byteOffset + 1 + ColumnBias, path, message, sample));
    }

    public void AddText(string text, string role, string path, int offset, TextKind kind = TextKind.Content, int group = 0) =>
        Segments.Add(new TextSegment(text, role, path, offset, kind, group));

    public void AddTurn(string role) => Roles.Add(role);
}
