using LlmOps.DataValidation.Duplicates;

namespace LlmOps.DataValidation.Validation;

/// <summary>
/// The in-order side of a split's scan: statistics, finding tallies, the duplicate index and leakage checks against
/// splits scanned before. Runs on one thread, so the index needs no locks and "earlier line" means file order.
/// </summary>
internal sealed class SplitScan
{
    /// <summary>Token counts up to this are kept exactly for percentiles; larger ones share the last slot.</summary>
    private const int TokenSlots = 1 << 17;
    private const int TurnSlots = 65;

    private readonly ValidationPlan _plan;
    private readonly Dictionary<string, RuleTally> _tallies = new(StringComparer.Ordinal);
    private readonly long[] _tokenCounts;
    private readonly long[] _turnCounts = new long[TurnSlots];
    private readonly Dictionary<string, long> _tokensPerRole = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _messagesPerRole = new(StringComparer.Ordinal);
    private readonly List<(LeakageRule Rule, SplitScan Between)> _leakage;

    public SplitScan(string name, string path, ValidationPlan plan, double nearJaccard, List<(LeakageRule, SplitScan)> leakage)
    {
        Name = name;
        Path = path;
        _plan = plan;
        _leakage = leakage;
        _tokenCounts = plan.CountTokens ? new long[TokenSlots] : [];
        NearJaccard = nearJaccard;
        Index = plan.ExactHash ? new DuplicateIndex(plan.Rules.DuplicateIndexCapacity, plan.Signatures, nearJaccard) : null;
    }

    public string Name { get; }

    public string Path { get; }

    public double NearJaccard { get; }

    public DuplicateIndex? Index { get; }

    public long Lines { get; private set; }

    public long Bytes { get; private set; }

    public long Examples { get; private set; }

    public long Invalid { get; private set; }

    public long ExactDuplicates { get; private set; }

    public long NearDuplicates { get; private set; }

    public long NotIndexed { get; private set; }

    public long TotalTokens { get; private set; }

    public long MaxTokens { get; private set; }

    public IReadOnlyDictionary<string, RuleTally> Tallies => _tallies;

    public IReadOnlyDictionary<string, long> TokensPerRole => _tokensPerRole;

    public IReadOnlyDictionary<string, long> MessagesPerRole => _messagesPerRole;

    /// <summary>Counts per leakage rule (by its index in the rules), exact and near.</summary>
    public Dictionary<LeakageRule, (long Exact, long Near)> Leaks { get; } = [];

    public void FileProblem(string ruleId, string message) =>
        AddFinding(new Finding(ruleId, Severity.Error, Name, Path, 0, null, null, message, null));

    public void AddFinding(Finding f)
    {
        if (!_tallies.TryGetValue(f.RuleId, out var tally))
        {
            tally = new RuleTally(f.RuleId, f.Severity);
            _tallies[f.RuleId] = tally;
        }

        tally.Add(f, _plan.Rules.MaxSamplesPerRule);
    }

    public void Merge(BatchResult result, Action<LineBatch, int, LineOutcome>? perLine)
    {
        Bytes += result.Batch.Bytes;
        Lines += result.Outcomes.Length;

        foreach (var f in result.Findings)
        {
            AddFinding(f);
        }

        foreach (var (role, n) in result.TokensPerRole)
        {
            CollectionsMarshalExtensions.Increment(_tokensPerRole, role, n);
        }

        foreach (var (role, n) in result.MessagesPerRole)
        {
            CollectionsMarshalExtensions.Increment(_messagesPerRole, role, n);
        }

        for (var i = 0; i < result.Outcomes.Length; i++)
        {
            ref readonly var o = ref result.Outcomes[i];
            perLine?.Invoke(result.Batch, i, o);
            if (o.Invalid)
            {
                Invalid++;
            }

            if (!o.IsExample)
            {
                continue;
            }

            Examples++;
            _turnCounts[Math.Min(o.Turns, TurnSlots - 1)]++;
            if (_plan.CountTokens)
            {
                _tokenCounts[Math.Min(o.Tokens, TokenSlots - 1)]++;
                TotalTokens += o.Tokens;
                MaxTokens = Math.Max(MaxTokens, o.Tokens);
            }

            if (o.HasHash && Index is not null)
            {
                var signature = _plan.Signatures ? result.Signatures.AsSpan(i * Fingerprinter.SignatureLength, Fingerprinter.SignatureLength) : default;
                CheckDuplicates(o, signature);
                CheckLeakage(o, signature);
            }
        }
    }

    private void CheckDuplicates(in LineOutcome o, ReadOnlySpan<uint> signature)
    {
        var verdict = Index!.Add(o.Hash, o.Line, signature);
        if (verdict.ExactOf > 0)
        {
            ExactDuplicates++;
            if (_plan.Rules.ExactDuplicates is not null)
            {
                Report(RuleIds.ExactDuplicates, o.Line, $"exact duplicate (after normalising case and whitespace) of line {verdict.ExactOf}");
            }
        }
        else if (!verdict.Indexed)
        {
            NotIndexed++;
        }
    }

    /// <summary>Runs the checks that need the whole split: near duplicates, reported in line order.</summary>
    public void Finish(int parallelism)
    {
        if (Index is null || _plan.Rules.NearDuplicates is not { } near)
        {
            return;
        }

        foreach (var (line, similar) in Index.NearDuplicatesOf(near.Jaccard, parallelism))
        {
            NearDuplicates++;
            Report(RuleIds.NearDuplicates, line, $"near duplicate of line {similar} (estimated Jaccard similarity >= {near.Jaccard:0.##})");
        }
    }

    private void CheckLeakage(in LineOutcome o, ReadOnlySpan<uint> signature)
    {
        foreach (var (rule, between) in _leakage)
        {
            Leaks.TryGetValue(rule, out var counts);
            var line = between.Index!.FindExact(o.Hash);
            if (line > 0)
            {
                Leaks[rule] = (counts.Exact + 1, counts.Near);
                Report(RuleIds.ExactLeakage, o.Line, $"also in split '{between.Name}' at line {line} (exact, normalised)", _plan.Rules.LeakageSeverity(RuleIds.ExactLeakage, rule));
            }
            else if (rule.NearJaccard is { } j && !signature.IsEmpty && between.Index.FindNear(signature, j) is var near and > 0)
            {
                Leaks[rule] = (counts.Exact, counts.Near + 1);
                Report(RuleIds.NearLeakage, o.Line, $"nearly in split '{between.Name}' at line {near} (estimated Jaccard similarity >= {j:0.##})", _plan.Rules.LeakageSeverity(RuleIds.NearLeakage, rule));
            }
        }
    }

    private void Report(string ruleId, long line, string message, Severity? severity = null)
    {
        if (_plan.Rules.IsDisabled(ruleId))
        {
            return;
        }

        AddFinding(new Finding(ruleId, severity ?? _plan.Rules.SeverityOf(ruleId), Name, Path, line, null, null, message, null));
    }

    public SplitStatistics Statistics(double seconds) => new()
    {
        Lines = Lines,
        Bytes = Bytes,
        Examples = Examples,
        InvalidExamples = Invalid,
        Tokenizer = _plan.CountTokens ? _plan.Rules.Tokens!.Tokenizer.EncodingName : null,
        TokenCountMode = _plan.CountTokens ? _plan.Rules.CountMode.ToString() : null,
        TotalTokens = TotalTokens,
        MaxExampleTokens = MaxTokens,
        MedianExampleTokens = _plan.CountTokens ? Percentile(_tokenCounts, Examples, 0.5) : 0,
        P95ExampleTokens = _plan.CountTokens ? Percentile(_tokenCounts, Examples, 0.95) : 0,
        TokensPerRole = new SortedDictionary<string, long>(_tokensPerRole, StringComparer.Ordinal),
        MessagesPerRole = new SortedDictionary<string, long>(_messagesPerRole, StringComparer.Ordinal),
        TokenHistogram = _plan.CountTokens ? Histograms.FromCounts(_tokenCounts, MaxTokens, 20) : [],
        TurnsHistogram = Histograms.Turns(_turnCounts),
        ExactDuplicates = ExactDuplicates,
        NearDuplicates = NearDuplicates,
        NotIndexed = NotIndexed,
        Seconds = seconds,
    };

    private static long Percentile(long[] counts, long total, double q)
    {
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return i;
            }
        }

        return counts.Length - 1;
    }
}
