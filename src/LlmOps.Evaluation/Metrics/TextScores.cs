using System.Text;

namespace LlmOps.Evaluation;

/// <summary>Per-example text similarity scores against a reference, each in [0, 1].</summary>
public static class TextScores
{
    private static readonly HashSet<string> Articles = new(["a", "an", "the"], StringComparer.Ordinal);

    /// <summary>SQuAD normalisation: lower case, no punctuation, no articles, single spaces.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            builder.Append(char.IsPunctuation(c) || char.IsSymbol(c) ? ' ' : c);
        }

        return string.Join(' ', Tokens(builder.ToString()).Where(t => !Articles.Contains(t)));
    }

    /// <summary>1 when both normalise to the same text, else 0.</summary>
    public static double ExactMatch(string output, string reference) => Normalize(output) == Normalize(reference) ? 1 : 0;

    /// <summary>F1 of the normalised tokens in common (each counted at most as often as in both).</summary>
    public static double TokenF1(string output, string reference)
    {
        var predicted = Tokens(Normalize(output));
        var expected = Tokens(Normalize(reference));
        if (predicted.Length == 0 || expected.Length == 0)
        {
            return predicted.Length == expected.Length ? 1 : 0;
        }

        var counts = expected.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var common = 0;
        foreach (var token in predicted)
        {
            if (counts.TryGetValue(token, out var left) && left > 0)
            {
                counts[token] = left - 1;
                common++;
            }
        }

        return F(common / (double)predicted.Length, common / (double)expected.Length, 1);
    }

    /// <summary>ROUGE-L: F1 of the longest common subsequence of lower-cased tokens.</summary>
    public static double RougeL(string output, string reference)
    {
        var a = Tokens(output.ToLowerInvariant());
        var b = Tokens(reference.ToLowerInvariant());
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        // One row of the LCS table at a time: memory linear in the reference.
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var token in a)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = token == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        var lcs = previous[b.Length];
        return F(lcs / (double)a.Length, lcs / (double)b.Length, 1);
    }

    /// <summary>chrF (Popović 2015) as sacreBLEU computes it for one sentence: character 1..6-grams without spaces, β = 2.</summary>
    public static double ChrF(string output, string reference, int maxOrder = 6, double beta = 2)
    {
        var hypothesis = new string(output.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var target = new string(reference.Where(c => !char.IsWhiteSpace(c)).ToArray());
        double precision = 0, recall = 0;
        var orders = 0;
        for (var n = 1; n <= maxOrder; n++)
        {
            var h = NGrams(hypothesis, n);
            var r = NGrams(target, n);
            var hypothesisTotal = h.Values.Sum();
            var referenceTotal = r.Values.Sum();
            if (hypothesisTotal == 0 || referenceTotal == 0)
            {
                continue;
            }

            var matches = h.Sum(p => Math.Min(p.Value, r.GetValueOrDefault(p.Key)));
            precision += matches / (double)hypothesisTotal;
            recall += matches / (double)referenceTotal;
            orders++;
        }

        return orders == 0 ? (hypothesis == target ? 1 : 0) : F(precision / orders, recall / orders, beta);
    }

    private static string[] Tokens(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static Dictionary<string, int> NGrams(string text, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= text.Length; i++)
        {
            var gram = text.Substring(i, n);
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        return counts;
    }

    private static double F(double precision, double recall, double beta) =>
        precision + recall == 0 ? 0 : (1 + (beta * beta)) * precision * recall / ((beta * beta * precision) + recall);
}
