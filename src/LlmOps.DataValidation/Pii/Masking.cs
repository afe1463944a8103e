namespace LlmOps.DataValidation.Pii;

/// <summary>
/// Turns a detected value into a sample that shows its shape but not its content: enough for a reviewer to tell a
/// real address from a false positive, never enough to recover it.
/// </summary>
internal static class Masking
{
    public static string Mask(PiiKind kind, ReadOnlySpan<char> value) => kind switch
    {
        PiiKind.Email => MaskEmail(value),
        PiiKind.PaymentCard => $"card ****{LastDigits(value, 4)}",
        PiiKind.Phone => $"phone ***{LastDigits(value, 2)}",
        PiiKind.UsSsn => "***-**-****",
        PiiKind.Iban => $"{value[..2]}** ****",
        PiiKind.IPv4 => $"{FirstOctet(value)}.*.*.*",
        PiiKind.IPv6 => "****:****:…",
        PiiKind.AwsAccessKey => $"{value[..4]}****************",
        PiiKind.GitHubToken => $"{value[..(value.StartsWith("github_pat_") ? 11 : 4)]}****",
        PiiKind.PrivateKey => "-----BEGIN … PRIVATE KEY----- (block not shown)",
        PiiKind.Jwt => "eyJ****.eyJ****.****",
        _ => "****",
    };

    /// <summary>The placeholder a redacted copy puts in place of the value.</summary>
    public static string Placeholder(PiiKind kind) => kind switch
    {
        PiiKind.Email => "[EMAIL]",
        PiiKind.Phone => "[PHONE]",
        PiiKind.PaymentCard => "[CARD]",
        PiiKind.UsSsn => "[SSN]",
        PiiKind.Iban => "[IBAN]",
        PiiKind.IPv4 or PiiKind.IPv6 => "[IP]",
        PiiKind.PrivateKey => "[PRIVATE_KEY]",
        _ => "[SECRET]",
    };

    private static string MaskEmail(ReadOnlySpan<char> value)
    {
        var dot = value.LastIndexOf('.');
        return $"{value[0]}***@***{value[dot..]}";
    }

    private static string LastDigits(ReadOnlySpan<char> value, int count)
    {
        Span<char> last = stackalloc char[count];
        var n = 0;
        for (var i = value.Length - 1; i >= 0 && n < count; i--)
        {
            if (char.IsAsciiDigit(value[i]))
            {
                last[count - 1 - n++] = value[i];
            }
        }

        return new string(last[(count - n)..]);
    }

    private static string FirstOctet(ReadOnlySpan<char> value) => value[..value.IndexOf('.')].ToString();
}
