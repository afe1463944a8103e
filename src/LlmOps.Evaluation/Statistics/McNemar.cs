using MathNet.Numerics.Distributions;

namespace LlmOps.Evaluation.Statistics;

/// <summary>
/// McNemar's test for paired pass/fail outcomes: only the examples where candidate and champion disagree carry
/// information. Exact (two-sided binomial on the discordant pairs), which is valid for any count.
/// </summary>
/// <param name="CandidateOnly">Examples the candidate passes and the champion fails.</param>
/// <param name="ChampionOnly">Examples the champion passes and the candidate fails.</param>
/// <param name="PValue">The two-sided exact p-value of "both pass equally often".</param>
public sealed record McNemar(int CandidateOnly, int ChampionOnly, double PValue)
{
    /// <summary>Tests paired pass/fail outcomes of the same examples.</summary>
    public static McNemar Test(IReadOnlyList<bool> candidate, IReadOnlyList<bool> champion)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(champion);
        if (candidate.Count != champion.Count)
        {
            throw new ArgumentException($"McNemar needs outcomes of the same examples: {candidate.Count} vs {champion.Count}");
        }

        int b = 0, c = 0;
        for (var i = 0; i < candidate.Count; i++)
        {
            b += candidate[i] && !champion[i] ? 1 : 0;
            c += !candidate[i] && champion[i] ? 1 : 0;
        }

        return FromCounts(b, c);
    }

    /// <summary>The test from the two discordant counts.</summary>
    public static McNemar FromCounts(int candidateOnly, int championOnly)
    {
        var n = candidateOnly + championOnly;
        var p = n == 0 ? 1.0 : Math.Min(1.0, 2 * Binomial.CDF(0.5, n, Math.Min(candidateOnly, championOnly)));
        return new McNemar(candidateOnly, championOnly, p);
    }
}
