using System.Text.RegularExpressions;

namespace LlmOps.DataValidation.Pii;

/// <summary>
/// Candidate patterns; each is deliberately broad and a checksum or parse (Luhn, mod-97, IP parse) decides.
/// Source-generated so they cost no start-up compilation and run without backtracking blow-ups.
/// </summary>
internal static partial class PiiPatterns
{
    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])", RegexOptions.CultureInvariant)]
    internal static partial Regex Email();

    // The pre-filter for phone numbers: an optional '+', then 7-20 digits, each optionally after one separator or a
    // parenthesis. Every repetition takes exactly one digit, so the pattern cannot backtrack far; libphonenumber decides.
    [GeneratedRegex(@"(?<![\w+.\-/])\+?\(?\d(?:[ .\-]?\(?\d|\)[ .\-]?\d){6,19}(?!\w|[.\-/]\d)", RegexOptions.CultureInvariant)]
    internal static partial Regex Phone();

    [GeneratedRegex(@"(?<![\d+-])\d(?:[ -]?\d){12,18}(?![\d-])", RegexOptions.CultureInvariant)]
    internal static partial Regex Card();

    [GeneratedRegex(@"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    internal static partial Regex Ssn();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    internal static partial Regex Iban();

    // Not inside a longer dotted run, but a full stop after the address (the end of a sentence) is allowed.
    [GeneratedRegex(@"(?<!\d|\d\.)(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)", RegexOptions.CultureInvariant)]
    internal static partial Regex IPv4();

    [GeneratedRegex(@"(?<![0-9A-Fa-f:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    internal static partial Regex IPv6();

    [GeneratedRegex(@"(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Z0-9])", RegexOptions.CultureInvariant)]
    internal static partial Regex AwsKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)]
    internal static partial Regex GitHubToken();

    // The whole block: header, body (base64, PEM headers such as Proc-Type, real or escaped newlines) and the END line.
    // Without an END line the block runs to the end of the body characters, so a truncated key is still removed.
    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----|[A-Za-z0-9+/=:,\\\s-]*)", RegexOptions.CultureInvariant)]
    internal static partial Regex PrivateKey();

    // The tail of a block whose BEGIN line is in another string (a key split across content parts or messages).
    [GeneratedRegex(@"(?:[A-Za-z0-9+/=\\]{16,}\s+)*(?:[A-Za-z0-9+/=\\]+\s*)?-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----", RegexOptions.CultureInvariant)]
    internal static partial Regex PrivateKeyTail();

    // The body at the start of a string that continues an open block from an earlier string of the same example.
    [GeneratedRegex(@"^\s*(?:[A-Za-z0-9+/=\\]{16,}\s+)*(?:[A-Za-z0-9+/=\\]+\s*)?(?:-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----)?", RegexOptions.CultureInvariant)]
    internal static partial Regex PrivateKeyContinuation();

    /// <summary>Special-token text as chat templates and tokenizers spell it: <c>&lt;|endoftext|&gt;</c>, <c>&lt;|im_start|&gt;</c>, <c>&lt;|eot_id|&gt;</c>.</summary>
    [GeneratedRegex(@"<\|[A-Za-z0-9_]{1,40}\|>", RegexOptions.CultureInvariant)]
    internal static partial Regex SpecialTokenText();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)]
    internal static partial Regex Jwt();
}
