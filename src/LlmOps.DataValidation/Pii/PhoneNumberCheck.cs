using PhoneNumbers;

namespace LlmOps.DataValidation.Pii;

/// <summary>
/// Decides whether a phone-shaped candidate is a real number with libphonenumber (Google's metadata for every region):
/// hand-written patterns missed half the international formats. The regex in <see cref="PiiPatterns.Phone"/> stays
/// as the cheap pre-filter, so the library only sees the few digit runs that could be numbers.
/// </summary>
internal static class PhoneNumberCheck
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Whether libphonenumber has metadata for the ISO 3166 region code.</summary>
    public static bool IsKnownRegion(string? region) => region is not null && Util.GetSupportedRegions().Contains(region);

    /// <summary>
    /// True when <paramref name="candidate"/> parses as a valid number: in its own country when it starts with '+',
    /// else in <paramref name="region"/>. A bare digit run without '+' is an id more often than a number, so it must
    /// be written with separators or parentheses.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> candidate, string region)
    {
        var digits = 0;
        var separated = false;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else
            {
                separated = true;
            }
        }

        var international = candidate[0] == '+';
        if (digits is < 7 or > 15 || (!international && !separated))
        {
            return false;
        }

        try
        {
            return Util.IsValidNumber(Util.Parse(candidate.ToString(), region));
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
