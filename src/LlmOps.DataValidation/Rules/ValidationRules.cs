namespace LlmOps.DataValidation;

/// <summary>
/// Fluent description of what to check. Structure checks are always on; everything else is opt-in.
/// Each rule carries a severity: violated errors fail the verdict, violated warnings are only reported.
/// </summary>
public sealed class ValidationRules
{
    private readonly Dictionary<string, Severity> _severityOverrides = new(StringComparer.Ordinal);
    private readonly HashSet<string> _disabled = new(StringComparer.Ordinal);
    private readonly List<LeakageRule> _leakage = [];

    internal TokenRule? Tokens { get; private set; }

    internal TokenCountMode CountMode { get; private set; } = TokenCountMode.ChatFormat;

    internal PiiRule? Pii { get; private set; }

    internal DuplicateRule? ExactDuplicates { get; private set; }

    internal NearDuplicateRule? NearDuplicates { get; private set; }

    internal IReadOnlyList<LeakageRule> Leakage => _leakage;

    internal long LineLimit { get; private set; } = 8L * 1024 * 1024;

    internal int MaxSamplesPerRule { get; private set; } = 100;

    internal int DuplicateIndexCapacity { get; private set; } = 1_000_000;

    /// <summary>Fails (or warns about) examples with more than <paramref name="limit"/> tokens in <paramref name="tokenizer"/>.</summary>
    public ValidationRules MaxTokens(int limit, Tokenizer tokenizer, Severity severity = Severity.Error)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (limit <= 0)
        {
            throw new DataValidationException($"MaxTokens: the limit must be positive, got {limit}.");
        }

        Tokens = new TokenRule(tokenizer, limit, severity);
        return this;
    }

    /// <summary>Counts tokens for the statistics without a per-example limit.</summary>
    public ValidationRules CountTokens(Tokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        Tokens = new TokenRule(tokenizer, null, Severity.Error);
        return this;
    }

    /// <summary>Chooses whether chat-format overhead tokens are part of the per-example count (default: they are).</summary>
    public ValidationRules TokenCounting(TokenCountMode mode)
    {
        CountMode = mode;
        return this;
    }

    /// <summary>Reports personal data and secrets of the given kinds.</summary>
    /// <param name="kinds">The kinds to look for.</param>
    /// <param name="severity">The severity of every PII rule.</param>
    /// <param name="options">Phone region and the IPv4 version-string trade-off; <see cref="PiiOptions.Default"/> when null.</param>
    public ValidationRules NoPii(PiiKind kinds = PiiKind.All, Severity severity = Severity.Error, PiiOptions? options = null)
    {
        options ??= PiiOptions.Default;
        if (!LlmOps.DataValidation.Pii.PhoneNumberCheck.IsKnownRegion(options.PhoneRegion))
        {
            throw new DataValidationException($"NoPii: '{options.PhoneRegion}' is not a phone region libphonenumber knows; use an ISO 3166 code such as US, GB or DE.");
        }

        Pii = new PiiRule(kinds, severity, options);
        return this;
    }

    /// <summary>Fails when more than <paramref name="maxRate"/> (0..1) of a split's examples are exact duplicates after normalising case and whitespace.</summary>
    public ValidationRules MaxDuplicateRate(double maxRate, Severity severity = Severity.Error)
    {
        CheckRate(maxRate, nameof(MaxDuplicateRate));
        ExactDuplicates = new DuplicateRule(maxRate, severity);
        return this;
    }

    /// <summary>
    /// Fails when more than <paramref name="maxRate"/> of a split's examples are near duplicates: estimated Jaccard
    /// similarity of word 3-shingles at least <paramref name="jaccard"/> (one-permutation MinHash, 64 bins, LSH banding).
    /// </summary>
    public ValidationRules MaxNearDuplicateRate(double maxRate, double jaccard = 0.8, Severity severity = Severity.Warning)
    {
        CheckRate(maxRate, nameof(MaxNearDuplicateRate));
        CheckJaccard(jaccard, nameof(MaxNearDuplicateRate));
        NearDuplicates = new NearDuplicateRule(maxRate, jaccard, severity);
        return this;
    }

    /// <summary>
    /// Fails when an example of split <paramref name="and"/> occurs in split <paramref name="between"/>, exactly (normalised)
    /// or, when <paramref name="nearJaccard"/> is set, nearly. Splits are named as passed to the validator.
    /// </summary>
    public ValidationRules NoLeakage(string between, string and, Severity severity = Severity.Error, double? nearJaccard = 0.8)
    {
        if (string.IsNullOrWhiteSpace(between) || string.IsNullOrWhiteSpace(and))
        {
            throw new DataValidationException("NoLeakage: both split names must be non-empty.");
        }

        if (string.Equals(between, and, StringComparison.Ordinal))
        {
            throw new DataValidationException($"NoLeakage: a split cannot leak into itself ('{between}'); use MaxDuplicateRate for that.");
        }

        if (nearJaccard is { } j)
        {
            CheckJaccard(j, nameof(NoLeakage));
        }

        _leakage.Add(new LeakageRule(between, and, severity, nearJaccard));
        return this;
    }

    /// <summary>
    /// <see cref="NoLeakage(string, string, Severity, double?)"/> for two validated artifacts, as a stage's
    /// <c>.Validates(TrainSet, EvalSet)</c> names its splits after them.
    /// </summary>
    public ValidationRules NoLeakage(LlmOps.Dsl.ArtifactRef between, LlmOps.Dsl.ArtifactRef and, Severity severity = Severity.Error, double? nearJaccard = 0.8)
    {
        ArgumentNullException.ThrowIfNull(between);
        ArgumentNullException.ThrowIfNull(and);
        return NoLeakage(between.Name, and.Name, severity, nearJaccard);
    }

    /// <summary>Lines longer than this are reported and skipped without being buffered (default 8 MiB).</summary>
    public ValidationRules MaxLineBytes(long bytes)
    {
        if (bytes < 16)
        {
            throw new DataValidationException($"MaxLineBytes: must be at least 16 bytes, got {bytes}.");
        }

        LineLimit = bytes;
        return this;
    }

    /// <summary>How many findings each rule keeps as samples (the total is always counted). Default 100.</summary>
    public ValidationRules MaxSamples(int perRule)
    {
        if (perRule < 0)
        {
            throw new DataValidationException($"MaxSamples: must not be negative, got {perRule}.");
        }

        MaxSamplesPerRule = perRule;
        return this;
    }

    /// <summary>Most examples per split kept in the duplicate/leakage index (bounds memory at about 0.7 KB per example).</summary>
    public ValidationRules DuplicateIndexLimit(int examples)
    {
        if (examples <= 0)
        {
            throw new DataValidationException($"DuplicateIndexLimit: must be positive, got {examples}.");
        }

        DuplicateIndexCapacity = examples;
        return this;
    }

    /// <summary>Changes the severity of a rule, e.g. <c>WithSeverity(RuleIds.UnknownField, Severity.Error)</c>.</summary>
    public ValidationRules WithSeverity(string ruleId, Severity severity)
    {
        _severityOverrides[ruleId] = severity;
        return this;
    }

    /// <summary>Turns a rule off, e.g. <c>Disable(RuleIds.EmptyLine)</c>.</summary>
    public ValidationRules Disable(string ruleId)
    {
        _disabled.Add(ruleId);
        return this;
    }

    /// <summary>Every setting in a canonical text, so a stage's cache key changes exactly when the rules do.</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            Tokens is null ? "tokens=off" : $"tokens={Tokens.Tokenizer.EncodingName}/{Tokens.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}/{Tokens.Severity}/{CountMode}",
            Pii is null ? "pii=off" : $"pii={Pii.Kinds}/{Pii.Severity}/{Pii.Options.Describe()}",
            ExactDuplicates is null ? "dup=off" : FormattableString.Invariant($"dup={ExactDuplicates.MaxRate:R}/{ExactDuplicates.Severity}"),
            NearDuplicates is null ? "near=off" : FormattableString.Invariant($"near={NearDuplicates.MaxRate:R}/{NearDuplicates.Jaccard:R}/{NearDuplicates.Severity}"),
            FormattableString.Invariant($"lines={LineLimit};samples={MaxSamplesPerRule};index={DuplicateIndexCapacity}"),
        };
        parts.AddRange(_leakage.Select(l => FormattableString.Invariant($"leak={l.Between}>{l.And}/{l.Severity}/{l.NearJaccard:R}")));
        parts.AddRange(_severityOverrides.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"severity:{kv.Key}={kv.Value}"));
        parts.AddRange(_disabled.Order(StringComparer.Ordinal).Select(d => $"off:{d}"));
        return string.Join(";", parts);
    }

    /// <summary>A leakage rule's severity, unless <see cref="WithSeverity"/> overrides it for exact or near leakage.</summary>
    internal Severity LeakageSeverity(string ruleId, LeakageRule rule) => _severityOverrides.TryGetValue(ruleId, out var s) ? s : rule.Severity;

    internal bool IsDisabled(string ruleId) => _disabled.Contains(ruleId);

    internal Severity SeverityOf(string ruleId)
    {
        if (_severityOverrides.TryGetValue(ruleId, out var s))
        {
            return s;
        }

        if (ruleId.StartsWith(RuleIds.PiiPrefix, StringComparison.Ordinal))
        {
            return Pii?.Severity ?? Severity.Error;
        }

        return ruleId switch
        {
            RuleIds.MaxTokens => Tokens?.Severity ?? Severity.Error,
            RuleIds.ExactDuplicates => ExactDuplicates?.Severity ?? Severity.Warning,
            RuleIds.NearDuplicates => NearDuplicates?.Severity ?? Severity.Warning,
            RuleIds.UnknownField or RuleIds.Bom or RuleIds.EmptyLine or RuleIds.IdenticalPair or RuleIds.LoneSurrogate or RuleIds.SpecialTokenText => Severity.Warning,
            _ => Severity.Error,
        };
    }

    private static void CheckRate(double rate, string rule)
    {
        if (double.IsNaN(rate) || rate < 0 || rate > 1)
        {
            throw new DataValidationException($"{rule}: the rate must be between 0 and 1, got {rate}.");
        }
    }

    private static void CheckJaccard(double jaccard, string rule)
    {
        if (double.IsNaN(jaccard) || jaccard <= 0 || jaccard > 1)
        {
            throw new DataValidationException($"{rule}: the Jaccard threshold must be in (0, 1], got {jaccard}.");
        }
    }
}

internal sealed record TokenRule(Tokenizer Tokenizer, int? Limit, Severity Severity);

internal sealed record PiiRule(PiiKind Kinds, Severity Severity, PiiOptions Options);

internal sealed record DuplicateRule(double MaxRate, Severity Severity);

internal sealed record NearDuplicateRule(double MaxRate, double Jaccard, Severity Severity);

internal sealed record LeakageRule(string Between, string And, Severity Severity, double? NearJaccard);
