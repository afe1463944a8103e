using System.Globalization;

namespace LlmOps.DataValidation.Validation;

/// <summary>Turns the tallies of every split into rule results with thresholds, measured values and the verdict.</summary>
internal static class ReportBuilder
{
    public static ValidationReport Build(DatasetFormat format, ValidationRules rules, IReadOnlyList<SplitReport> splits, IReadOnlyList<SplitScan> scans)
    {
        var results = new List<RuleResult>();
        foreach (var scan in scans)
        {
            var handled = new HashSet<string>(StringComparer.Ordinal);
            RuleTally? Tally(string id)
            {
                handled.Add(id);
                return scan.Tallies.GetValueOrDefault(id);
            }

            if (rules.Tokens is { Limit: { } limit } tokens)
            {
                var t = Tally(RuleIds.MaxTokens);
                results.Add(Result(RuleIds.MaxTokens, scan.Name, rules.SeverityOf(RuleIds.MaxTokens), t is not null, t, $"<= {limit:N0} tokens ({tokens.Tokenizer.EncodingName})", $"max {scan.MaxTokens:N0}, {t?.Total ?? 0:N0} over"));
            }

            if (rules.Pii is { } pii)
            {
                foreach (var kind in Enum.GetValues<PiiKind>().Where(k => k != PiiKind.None && (pii.Kinds & k) == k && IsSingle(k)))
                {
                    var id = RuleIds.ForPii(kind);
                    var t = Tally(id);
                    results.Add(Result(id, scan.Name, rules.SeverityOf(id), t is not null, t, "none", $"{t?.Total ?? 0:N0} found"));
                }
            }

            if (rules.ExactDuplicates is { } dup)
            {
                var rate = Rate(scan.ExactDuplicates, scan.Examples);
                results.Add(Result(RuleIds.ExactDuplicates, scan.Name, rules.SeverityOf(RuleIds.ExactDuplicates), rate > dup.MaxRate, Tally(RuleIds.ExactDuplicates), $"rate <= {Percent(dup.MaxRate)}", $"{Percent(rate)} ({scan.ExactDuplicates:N0} of {scan.Examples:N0})"));
            }
            else
            {
                handled.Add(RuleIds.ExactDuplicates);
            }

            if (rules.NearDuplicates is { } near)
            {
                var rate = Rate(scan.NearDuplicates, scan.Examples);
                results.Add(Result(RuleIds.NearDuplicates, scan.Name, rules.SeverityOf(RuleIds.NearDuplicates), rate > near.MaxRate, Tally(RuleIds.NearDuplicates), $"rate <= {Percent(near.MaxRate)} at Jaccard >= {near.Jaccard:0.##}", $"{Percent(rate)} ({scan.NearDuplicates:N0} of {scan.Examples:N0})"));
            }

            foreach (var rule in rules.Leakage.Where(l => l.And == scan.Name))
            {
                scan.Leaks.TryGetValue(rule, out var leaks);
                results.Add(Result(RuleIds.ExactLeakage, scan.Name, rules.LeakageSeverity(RuleIds.ExactLeakage, rule), leaks.Exact > 0, Tally(RuleIds.ExactLeakage), $"no example of '{rule.And}' in '{rule.Between}'", $"{leaks.Exact:N0} of {scan.Examples:N0}"));
                if (rule.NearJaccard is { } j)
                {
                    results.Add(Result(RuleIds.NearLeakage, scan.Name, rules.LeakageSeverity(RuleIds.NearLeakage, rule), leaks.Near > 0, Tally(RuleIds.NearLeakage), $"no near copy (Jaccard >= {j:0.##}) of '{rule.And}' in '{rule.Between}'", $"{leaks.Near:N0} of {scan.Examples:N0}"));
                }
            }

            // Structure and file rules have no threshold: any finding violates them.
            foreach (var tally in scan.Tallies.Values.Where(t => !handled.Contains(t.RuleId)).OrderBy(t => t.RuleId, StringComparer.Ordinal))
            {
                results.Add(Result(tally.RuleId, scan.Name, tally.Severity, true, tally, "none", $"{tally.Total:N0} lines"));
            }
        }

        var ordered = results.OrderByDescending(r => r.Violated).ThenBy(r => r.Severity).ThenBy(r => r.Split, StringComparer.Ordinal).ThenBy(r => r.RuleId, StringComparer.Ordinal).ToList();
        var verdict = ordered.Any(r => r.Violated && r.Severity == Severity.Error) ? Verdict.Failed
            : ordered.Any(r => r.Violated) ? Verdict.PassedWithWarnings
            : Verdict.Passed;
        return new ValidationReport { Verdict = verdict, Format = format.Name, Splits = splits, Rules = ordered };
    }

    private static RuleResult Result(string id, string split, Severity severity, bool violated, RuleTally? tally, string threshold, string actual) =>
        new(id, split, severity, violated, tally?.Total ?? 0, threshold, actual, tally?.Samples ?? []);

    private static bool IsSingle(PiiKind k) => ((int)k & ((int)k - 1)) == 0;

    private static double Rate(long n, long of) => of == 0 ? 0 : (double)n / of;

    private static string Percent(double rate) => rate.ToString("0.##%", CultureInfo.InvariantCulture);
}
