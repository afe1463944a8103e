using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace LlmOps.DataValidation.Pii;

/// <summary>
/// Finds personal data and secrets in text. Cheap character pre-filters skip each pattern on text that cannot hold
/// it (no '@', no digit...), so the common clean example costs a few vectorised scans, not eleven regex passes.
/// </summary>
internal sealed class PiiScanner(PiiKind kinds, PiiOptions options)
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

            // IBAN first: its digits can pass Luhn, and the IBAN is the value, so a card inside it is no second finding.
            if (Has(PiiKind.Iban))
            {
                Collect(PiiPatterns.Iban(), PiiKind.Iban, text, matches, static v => Checksums.Iban(v));
            }

            if (Has(PiiKind.PaymentCard))
            {
                Collect(PiiPatterns.Card(), PiiKind.PaymentCard, text, matches, static v => Checksums.Luhn(v, out var n) && n is >= 13 and <= 19 && Checksums.HasCardPrefix(v) && Checksums.HasCardGrouping(v), before);
            }

            if (Has(PiiKind.UsSsn) && span.Contains('-'))
            {
                Collect(PiiPatterns.Ssn(), PiiKind.UsSsn, text, matches, static v => Checksums.Ssn(v), before);
            }

            if (Has(PiiKind.IPv4) && span.Contains('.'))
            {
                CollectIPv4(text, matches);
            }

            if (Has(PiiKind.Phone))
            {
                // A card, SSN, IBAN or address also looks like a phone number; report it once, as the more specific kind.
                CollectPhones(text, matches, before);
            }
        }

        if (Has(PiiKind.IPv6) && twoColons)
        {
            CollectIPv6(text, matches);
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

    /// <summary>Adds the accepted matches of <paramref name="regex"/> that overlap no match from index <paramref name="excludeFrom"/> on.</summary>
    private static void Collect(Regex regex, PiiKind kind, string text, List<PiiMatch> matches, Accept accept, int excludeFrom = int.MaxValue)
    {
        foreach (var m in regex.EnumerateMatches(text))
        {
            var value = text.AsSpan(m.Index, m.Length);
            if (!accept(value) || Overlaps(matches, excludeFrom, m.Index, m.Length))
            {
                continue;
            }

            matches.Add(new PiiMatch(kind, m.Index, m.Length, Masking.Mask(kind, value)));
        }
    }

    private void CollectIPv4(string text, List<PiiMatch> matches)
    {
        foreach (var m in PiiPatterns.IPv4().EnumerateMatches(text))
        {
            var value = text.AsSpan(m.Index, m.Length);
            if (IPAddress.TryParse(value, out var a) && a.AddressFamily == AddressFamily.InterNetwork && AllOctetsValid(value)
                && (options.ReportVersionLikeIPv4 || !VersionContext.IsVersion(text, m.Index)))
            {
                matches.Add(new PiiMatch(PiiKind.IPv4, m.Index, m.Length, Masking.Mask(PiiKind.IPv4, value)));
            }
        }
    }

    private static void CollectIPv6(string text, List<PiiMatch> matches)
    {
        foreach (var m in PiiPatterns.IPv6().EnumerateMatches(text))
        {
            // "fe80::1:" at the end of a clause: the pattern takes the colon, an address cannot end with a single one.
            var length = m.Length;
            var value = text.AsSpan(m.Index, length);
            if (value.EndsWith(':') && !value.EndsWith("::"))
            {
                value = value[..--length];
            }

            if (length >= 6 && IPAddress.TryParse(value, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6)
            {
                matches.Add(new PiiMatch(PiiKind.IPv6, m.Index, length, Masking.Mask(PiiKind.IPv6, value)));
            }
        }
    }

    private void CollectPhones(string text, List<PiiMatch> matches, int excludeFrom)
    {
        foreach (var m in PiiPatterns.Phone().EnumerateMatches(text))
        {
            if (Overlaps(matches, excludeFrom, m.Index, m.Length))
            {
                continue;
            }

            // The pre-filter is greedy: "call 415-555-0132 2 times" gives one run. Without its last or first group
            // the run may be the number.
            var value = text.AsSpan(m.Index, m.Length);
            var (start, length) = (0, value.Length);
            if (!PhoneNumberCheck.IsValid(value, options.PhoneRegion))
            {
                var last = value.LastIndexOfAny(" .-");
                var first = value.IndexOfAny(" .-");
                if (last > 0 && PhoneNumberCheck.IsValid(value[..last], options.PhoneRegion))
                {
                    length = last;
                }
                else if (first > 0 && first + 1 < value.Length && value[0] != '+' && PhoneNumberCheck.IsValid(value[(first + 1)..], options.PhoneRegion))
                {
                    (start, length) = (first + 1, value.Length - first - 1);
                }
                else
                {
                    continue;
                }
            }

            matches.Add(new PiiMatch(PiiKind.Phone, m.Index + start, length, Masking.Mask(PiiKind.Phone, value.Slice(start, length))));
        }
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
