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
    private static readonly SearchValues<string> Triggers = SearchValues.Create([.. AwsStarts, .. GitHubStarts, "-----BEGIN ", "-----END ", "eyJ"], StringComparison.Ordinal);

    /// <summary>
    /// Whether the last string scanned ended inside a private-key block (a BEGIN line without its END), so the next
    /// string of the same example (the next content part or message) starts with the rest of the key.
    /// </summary>
    private bool _keyOpen;

    public PiiKind Kinds { get; } = kinds;

    /// <summary>Forgets an open private-key block: the strings scanned next belong to another example.</summary>
    public void BeginExample() => _keyOpen = false;

    /// <summary>Appends the matches in <paramref name="text"/> to <paramref name="matches"/>, in text order per kind.</summary>
    public void Scan(string text, List<PiiMatch> matches)
    {
        if (Kinds == PiiKind.None || (text.Length < 7 && !_keyOpen))
        {
            return;
        }

        var span = text.AsSpan();
        var hasDigit = span.IndexOfAnyInRange('0', '9') >= 0;
        var colon = span.IndexOf(':');
        var twoColons = colon >= 0 && span[(colon + 1)..].Contains(':');

        // Every kind needs a digit, two colons or one of these substrings, so most clean text is done after four scans.
        if (!hasDigit && !twoColons && !_keyOpen && !span.Contains('@') && span.IndexOfAny(Triggers) < 0)
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

        if (Has(PiiKind.PrivateKey))
        {
            ScanPrivateKeys(text, matches);
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

    /// <summary>
    /// Whole key blocks, not just their BEGIN line: the body is the secret. A block may be split over strings, so a
    /// string that continues an open block and an END line whose BEGIN is elsewhere are keys too.
    /// </summary>
    private void ScanPrivateKeys(string text, List<PiiMatch> matches)
    {
        var span = text.AsSpan();
        var first = matches.Count;
        if (_keyOpen)
        {
            var rest = PiiPatterns.PrivateKeyContinuation().Match(text);
            var closed = rest.ValueSpan.EndsWith("PRIVATE KEY-----", StringComparison.Ordinal);
            var whole = rest.Length == text.Length;
            if (closed || rest.ValueSpan.Trim().Length >= 16)
            {
                AddKey(text, 0, rest.Length, matches);
                _keyOpen = !closed && whole;
            }
            else
            {
                // A short word such as a part's "type" or a role between two parts neither continues nor ends the block.
                _keyOpen = whole;
            }
        }

        if (span.Contains("-----BEGIN ", StringComparison.Ordinal))
        {
            foreach (var m in PiiPatterns.PrivateKey().EnumerateMatches(text))
            {
                if (!Overlaps(matches, first, m.Index, m.Length))
                {
                    AddKey(text, m.Index, m.Length, matches);
                    _keyOpen = m.Index + m.Length == text.Length && !text.AsSpan(m.Index, m.Length).EndsWith("PRIVATE KEY-----", StringComparison.Ordinal);
                }
            }
        }

        if (span.Contains("-----END ", StringComparison.Ordinal))
        {
            foreach (var m in PiiPatterns.PrivateKeyTail().EnumerateMatches(text))
            {
                if (!Overlaps(matches, first, m.Index, m.Length))
                {
                    AddKey(text, m.Index, m.Length, matches);
                }
            }
        }
    }

    private static void AddKey(string text, int index, int length, List<PiiMatch> matches)
    {
        if (length > 0)
        {
            matches.Add(new PiiMatch(PiiKind.PrivateKey, index, length, Masking.Mask(PiiKind.PrivateKey, text.AsSpan(index, length))));
        }
    }

    private static bool Overlaps(List<PiiMatch> matches, int from, int index, int length)
    {
        for (var i = from; i < matches.Count; i++)
        {
            var o = matches[i];
            if (index < o.Index + o.Length && o.Index < index + length)
            {
                return true;
            }
        }

        return false;
    }

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
