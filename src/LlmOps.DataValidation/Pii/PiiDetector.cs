using LlmOps.DataValidation.Pii;

namespace LlmOps.DataValidation;

/// <summary>
/// The dataset validator's PII and secret detectors for one piece of text, for other libraries that must judge text
/// the same way (an evaluation gate scanning a model's answers): the same patterns, checksums and phone rules as the
/// validator's <c>pii.*</c> rules, so a value the validator flags in training data is flagged in an answer too.
/// </summary>
public static class PiiDetector
{
    /// <summary>The values of <paramref name="kinds"/> in <paramref name="text"/>, ordered by position.</summary>
    /// <param name="text">The text to scan, on its own (a private-key block open in earlier text is not continued).</param>
    /// <param name="kinds">The kinds to look for; every kind by default.</param>
    /// <param name="options">The detectors' data-dependent settings; <see cref="PiiOptions.Default"/> when null.</param>
    public static IReadOnlyList<PiiFinding> Find(string text, PiiKind kinds = PiiKind.All, PiiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = new List<PiiMatch>();
        new PiiScanner(kinds, options ?? PiiOptions.Default).Scan(text, matches);
        return matches.OrderBy(m => m.Index).Select(m => new PiiFinding(m.Kind, m.Index, m.Length, m.Masked)).ToList();
    }

    /// <summary>The short name of one kind as the validator's rules spell it after <c>pii.</c> (<c>email</c>, <c>payment-card</c>).</summary>
    public static string NameOf(PiiKind kind) => RuleIds.ForPii(kind)["pii.".Length..];
}

/// <summary>One value found by <see cref="PiiDetector.Find"/>; the value itself is not kept, only a masked form.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Index">Where it starts in the scanned text.</param>
/// <param name="Length">How many characters it spans.</param>
/// <param name="Masked">A masked form safe to print (<c>card ****1111</c>).</param>
public readonly record struct PiiFinding(PiiKind Kind, int Index, int Length, string Masked);
