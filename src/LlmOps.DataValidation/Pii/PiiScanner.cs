using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace LlmOps.DataValidation.Pii;

/// <summary>
/// Finds personal data and secrets in text. Cheap character pre-filters skip each pattern on text that cannot hold
/// it (no '@', no digit...), so the common clean example costs a few vectorised scans, not eleven regex passes.
/// </summary>
internal sealed class PiiScanner(PiiKind kinds)
{
    // The literal starts of the patterns in PiiPatterns; a pattern runs only where its start occurs.
    private static readonly string[] AwsStarts = ["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA"];
    private static readonly string[] GitHubStarts = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"];
    private static readonly SearchValues<string> AwsPrefixes = SearchValues.Create(AwsStarts, StringComparison.Ordinal);
    private static readonly SearchValues<string> GitHubPrefixes = SearchValues.Create(GitHubStarts, StringComparison.Ordinal);
    private static readonly SearchValues<string> Triggers = SearchValues.Create([.. AwsStarts, .. GitHubStarts, "-----BEGIN ", "eyJ"], StringComparison.Ordinal);

    public PiiKind Kinds { get; } = kinds;

    /// <summary>Appends the matches in <paramref name="text"/> to <paramref name="matches"/>, in text order per kind.</summary>
    public void Scan(string text, List<PiiMatch> matches)
    {
        if (Kinds == PiiKind.None || text.Length < 7)
        {
            return;
        }

        var span = text.AsSpan();
        var hasDigit = span.IndexOfAnyInRange('0', '9') >= 0;
        var colon = span.IndexOf(':');
        var twoColons = colon >= 0 && span[(colon + 1)..].Contains(':');

        // Every kind needs a digit, two colons or one of these substrings, so most clean text is done after four scans.
        if (!hasDigit && !twoColons && !span.Contains('@') && span.IndexOfAny(Triggers) < 0)
        {
            return;
        }

        if (Has(PiiKind.Email) && span.Contains('@'))
        {
            Collect(PiiPatterns.Email(), PiiKind.Email, text, matches, static _ => true);
        }

        if (hasDigit)
        {
            var before = matches.Count;
            if (Has(PiiKind.PaymentCard))
            {
                Collect(PiiPatterns.Card(), PiiKind.PaymentCard, text, matches, static v => Checksums.Luhn(v, out var n) && n is >= 13 and <= 19 && Checksums.HasCardPrefix(v));
            }

            if (Has(PiiKind.UsSsn) && span.Contains('-'))
            {
                Collect(PiiPatterns.Ssn(), PiiKind.UsSsn, text, matches, static v => Checksums.Ssn(v));
            }

            if (Has(PiiKind.Iban))
            {
                Collect(PiiPatterns.Iban(), PiiKind.Iban, text, matches, static v => Checksums.Iban(v));
            }

            if (Has(PiiKind.IPv4) && span.Contains('.'))
            {
                Collect(PiiPatterns.IPv4(), PiiKind.IPv4, text, matches, static v => IPAddress.TryParse(v, out var a) && a.AddressFamily == AddressFamily.InterNetwork && AllOctetsValid(v));
            }

            if (Has(PiiKind.Phone))
            {
                // A card, SSN or IBAN also looks like a phone number; report it once, as the more specific kind.
                Collect(PiiPatterns.Phone(), PiiKind.Phone, text, matches, static v => DigitCount(v) is >= 10 and <= 15, matches.GetRange(before, matches.Count - before));
            }
        }

        if (Has(PiiKind.IPv6) && twoColons)
        {
            Collect(PiiPatterns.IPv6(), PiiKind.IPv6, text, matches, static v => v.Length >= 6 && IPAddress.TryParse(v, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6);
        }

        if (Has(PiiKind.AwsAccessKey) && span.IndexOfAny(AwsPrefixes) >= 0)
        {
            Collect(PiiPatterns.AwsKey(), PiiKind.AwsAccessKey, text, matches, static _ => true);
        }

        if (Has(PiiKind.GitHubToken) && span.IndexOfAny(GitHubPrefixes) >= 0)
        {
            Collect(PiiPatterns.GitHubToken(), PiiKind.GitHubToken, text, matches, static _ => true);
        }

        if (Has(PiiKind.PrivateKey) && span.Contains("-----BEGIN ", StringComparison.Ordinal))
        {
            Collect(PiiPatterns.PrivateKey(), PiiKind.PrivateKey, text, matches, static _ => true);
        }

        if (Has(PiiKind.Jwt) && span.Contains("eyJ", StringComparison.Ordinal))
        {
            Collect(PiiPatterns.Jwt(), PiiKind.Jwt, text, matches, static _ => true);
        }
    }

    /// <summary>The text with every match replaced by its kind's placeholder.</summary>
    public string Redact(string text)
    {
        var matches = new List<PiiMatch>();
        Scan(text, matches);
        if (matches.Count == 0)
        {
            return text;
        }

        matches.Sort((a, b) => a.Index.CompareTo(b.Index));
        var sb = new System.Text.StringBuilder(text.Length);
        var pos = 0;
        foreach (var m in matches)
        {
            if (m.Index < pos)
            {
                continue; // overlaps an earlier, already redacted match
            }

            sb.Append(text, pos, m.Index - pos).Append(Masking.Placeholder(m.Kind));
            pos = m.Index + m.Length;
        }

        return sb.Append(text, pos, text.Length - pos).ToString();
    }

    private bool Has(PiiKind kind) => (Kinds & kind) != 0;

    private delegate bool Accept(ReadOnlySpan<char> value);

    private static void Collect(Regex regex, PiiKind kind, string text, List<PiiMatch> matches, Accept accept, List<PiiMatch>? exclude = null)
    {
        foreach (var m in regex.EnumerateMatches(text))
        {
            var value = text.AsSpan(m.Index, m.Length);
            if (!accept(value) || Overlaps(exclude, m.Index, m.Length))
            {
                continue;
            }

            matches.Add(new PiiMatch(kind, m.Index, m.Length, Masking.Mask(kind, value)));
        }
    }

    private static bool Overlaps(List<PiiMatch>? others, int index, int length)
    {
        if (others is null)
        {
            return false;
        }

        foreach (var o in others)
        {
            if (index < o.Index + o.Length && o.Index < index + length)
            {
                return true;
            }
        }

        return false;
    }

    private static int DigitCount(ReadOnlySpan<char> value)
    {
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                n++;
            }
        }

        return n;
    }

    private static bool AllOctetsValid(ReadOnlySpan<char> value)
    {
        foreach (var range in value.Split('.'))
        {
            var part = value[range];
            if (part.Length > 1 && part[0] == '0')
            {
                return false; // "01.02.2024" is a date, not an address
            }

            if (int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }
}
