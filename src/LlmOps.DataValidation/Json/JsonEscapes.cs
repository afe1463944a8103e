namespace LlmOps.DataValidation.Json;

/// <summary>
/// Finds and neutralises <c>\uD800</c>-style escapes that have no surrogate partner. They are valid JSON syntax but
/// not Unicode text: System.Text.Json refuses to make a string of them, Python keeps them, tiktoken counts U+FFFD.
/// </summary>
internal static class JsonEscapes
{
    /// <summary>The offset (in <paramref name="raw"/>, the bytes between a string's quotes) of the first lone surrogate escape, or -1.</summary>
    public static int FindLoneSurrogate(ReadOnlySpan<byte> raw)
    {
        var pendingHigh = -1;
        for (var i = raw.IndexOf((byte)'\\'); i >= 0 && i < raw.Length - 1;)
        {
            if (raw[i + 1] != (byte)'u' || i + 6 > raw.Length)
            {
                if (pendingHigh >= 0)
                {
                    return pendingHigh;
                }

                i = Next(raw, i + 2);
                continue;
            }

            var unit = Hex(raw.Slice(i + 2, 4));
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (pendingHigh >= 0)
                {
                    return pendingHigh;
                }

                pendingHigh = i;
                i += 6;
                if (i >= raw.Length || raw[i] != (byte)'\\')
                {
                    return pendingHigh;
                }

                continue;
            }

            if (unit is >= 0xDC00 and <= 0xDFFF && pendingHigh < 0)
            {
                return i;
            }

            if (pendingHigh >= 0 && unit is not (>= 0xDC00 and <= 0xDFFF))
            {
                return pendingHigh;
            }

            pendingHigh = -1;
            i = Next(raw, i + 6);
        }

        return pendingHigh;
    }

    /// <summary>A copy of <paramref name="raw"/> with every lone surrogate escape rewritten as <c>\uFFFD</c> (same length).</summary>
    public static byte[] ReplaceLoneSurrogates(ReadOnlySpan<byte> raw)
    {
        var copy = raw.ToArray();
        for (var at = FindLoneSurrogate(copy); at >= 0; at = FindLoneSurrogate(copy))
        {
            "FFFD"u8.CopyTo(copy.AsSpan(at + 2, 4));
        }

        return copy;
    }

    private static int Next(ReadOnlySpan<byte> raw, int from)
    {
        if (from >= raw.Length)
        {
            return -1;
        }

        var k = raw[from..].IndexOf((byte)'\\');
        return k < 0 ? -1 : from + k;
    }

    private static int Hex(ReadOnlySpan<byte> four)
    {
        var value = 0;
        foreach (var b in four)
        {
            var d = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                return -1;
            }

            value = (value * 16) + d;
        }

        return value;
    }
}
