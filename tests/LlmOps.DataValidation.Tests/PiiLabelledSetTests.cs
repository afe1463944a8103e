using System.Text.Json;
using LlmOps.DataValidation.Pii;

namespace LlmOps.DataValidation.Tests;

/// <summary>
/// Precision and recall per kind on <c>Data/pii-labelled.jsonl</c>: texts with every PII value labelled by rule id,
/// including lookalikes that must not match (dates, ids, versions, MAC addresses, IBAN digits that pass Luhn). A finding
/// counts as correct when it overlaps a label of its kind. The table is printed; docs/data-validation.md quotes it.
/// </summary>
public sealed class PiiLabelledSetTests
{
    private sealed record Label(string Kind, string Value);

    private sealed record Row(string Text, Label[] Labels);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static List<Row> Rows() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "pii-labelled.jsonl")).Select(l => JsonSerializer.Deserialize<Row>(l, Json)!)];

    /// <summary>Per rule id: true positives, false positives, false negatives.</summary>
    private static SortedDictionary<string, (int Tp, int Fp, int Fn)> Score(PiiOptions options)
    {
        var scores = new SortedDictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        var scanner = new PiiScanner(PiiKind.All, options);
        foreach (var row in Rows())
        {
            var matches = new List<PiiMatch>();
            scanner.BeginExample();
            scanner.Scan(row.Text, matches);
            var spans = row.Labels.Select(l => (l.Kind, Start: row.Text.IndexOf(l.Value, StringComparison.Ordinal), l.Value.Length)).ToList();
            Assert.All(spans, s => Assert.True(s.Start >= 0, $"label not in text: {row.Text}"));
            foreach (var m in matches)
            {
                var kind = RuleIds.ForPii(m.Kind);
                var hit = spans.Any(s => s.Kind == kind && m.Index < s.Start + s.Length && s.Start < m.Index + m.Length);
                var (tp, fp, fn) = scores.GetValueOrDefault(kind);
                scores[kind] = hit ? (tp, fp, fn) : (tp, fp + 1, fn);
            }

            foreach (var s in spans)
            {
                var found = matches.Any(m => RuleIds.ForPii(m.Kind) == s.Kind && m.Index < s.Start + s.Length && s.Start < m.Index + m.Length);
                var (tp, fp, fn) = scores.GetValueOrDefault(s.Kind);
                scores[s.Kind] = found ? (tp + 1, fp, fn) : (tp, fp, fn + 1);
            }
        }

        return scores;
    }

    private static string Table(SortedDictionary<string, (int Tp, int Fp, int Fn)> scores) =>
        string.Join("\n", scores.Select(kv => FormattableString.Invariant(
            $"| `{kv.Key}` | {kv.Value.Tp + kv.Value.Fn} | {kv.Value.Tp} | {kv.Value.Fp} | {kv.Value.Fn} | {Precision(kv.Value):0.00} | {Recall(kv.Value):0.00} |")));

    private static double Precision((int Tp, int Fp, int Fn) s) => s.Tp + s.Fp == 0 ? 1 : (double)s.Tp / (s.Tp + s.Fp);

    private static double Recall((int Tp, int Fp, int Fn) s) => s.Tp + s.Fn == 0 ? 1 : (double)s.Tp / (s.Tp + s.Fn);

    [Fact]
    public void Every_kind_has_high_precision_and_recall_on_the_labelled_set()
    {
        var scores = Score(PiiOptions.Default);
        TestContext.Current.TestOutputHelper?.WriteLine(Table(scores));

        Assert.Equal(11, scores.Count);
        Assert.All(scores, kv => Assert.True(Precision(kv.Value) >= 0.85 && Recall(kv.Value) >= 0.95, $"{kv.Key}: {kv.Value}\n{Table(scores)}"));
        Assert.True(scores["pii.phone"].Tp >= 30, Table(scores));
    }

    [Fact]
    public void Reporting_version_like_quads_finds_the_versions_as_addresses()
    {
        var strict = Score(PiiOptions.Default)["pii.ipv4"];
        var loose = Score(PiiOptions.Default with { ReportVersionLikeIPv4 = true })["pii.ipv4"];
        TestContext.Current.TestOutputHelper?.WriteLine($"default {strict}, with versions {loose}");

        Assert.Equal(strict.Tp, loose.Tp);
        Assert.True(strict.Fp <= 1, strict.ToString()); // "update to 5.1.2.3": no version word right before it
        Assert.True(loose.Fp >= strict.Fp + 5, loose.ToString());
    }
}
