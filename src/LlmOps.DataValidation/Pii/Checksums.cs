namespace LlmOps.DataValidation.Pii;

/// <summary>The checks that turn a digit-shaped candidate into a finding, so order numbers and dates are not flagged.</summary>
internal static class Checksums
{
    /// <summary>Luhn (mod 10) over the digits of <paramref name="text"/>, ignoring spaces and dashes.</summary>
    public static bool Luhn(ReadOnlySpan<char> text, out int digits)
    {
        var sum = 0;
        digits = 0;
        var doubleIt = false;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is ' ' or '-')
            {
                continue;
            }

            var d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            digits++;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>ISO 13616 IBAN check: move the first four characters to the end, letters to numbers, mod 97 == 1.</summary>
    public static bool Iban(ReadOnlySpan<char> text)
    {
        Span<char> compact = stackalloc char[40];
        var n = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            if (n == compact.Length)
            {
                return false;
            }

            compact[n++] = c;
        }

        if (n is < 15 or > 34)
        {
            return false;
        }

        var remainder = 0;
        for (var k = 0; k < n; k++)
        {
            var c = compact[(k + 4) % n];
            if (char.IsAsciiDigit(c))
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    /// <summary>Leading digits of the card networks (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay).</summary>
    public static bool HasCardPrefix(ReadOnlySpan<char> text)
    {
        var first = text[0];
        return first is '2' or '3' or '4' or '5' or '6';
    }

    /// <summary>
    /// Whether the separators group the digits as cards are printed: none, or one kind of separator between groups of
    /// four (the last may be shorter), 4-6-5 (Amex) or 4-6-4 (Diners). Phone numbers ("+55 11 91234-5678") and other
    /// digit runs that happen to pass Luhn are grouped otherwise.
    /// </summary>
    public static bool HasCardGrouping(ReadOnlySpan<char> text)
    {
        var separator = text.IndexOfAny(' ', '-');
        if (separator < 0)
        {
            return true;
        }

        Span<int> groups = stackalloc int[8];
        var count = 0;
        var length = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-')
            {
                if (c != text[separator] || count == groups.Length - 1)
                {
                    return false;
                }

                groups[count++] = length;
                length = 0;
            }
            else
            {
                length++;
            }
        }

        groups[count++] = length;
        var g = groups[..count];
        if (g.Length == 3 && g[0] == 4 && g[1] == 6 && g[2] is 4 or 5)
        {
            return true;
        }

        for (var i = 0; i < g.Length - 1; i++)
        {
            if (g[i] != 4)
            {
                return false;
            }
        }

        return g[^1] is >= 1 and <= 4;
    }

    /// <summary>SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000.</summary>
    public static bool Ssn(ReadOnlySpan<char> text)
    {
        var area = text[..3];
        return !(area is "000" or "666") && area[0] != '9' && text.Slice(4, 2) is not "00" && text.Slice(7, 4) is not "0000";
    }
}
