using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LlmOps.DataValidation.Duplicates;

/// <summary>
/// The identity of one example for duplicate detection: a 128-bit hash of its normalised text (lower case, runs of
/// whitespace collapsed, so trivial reformatting still counts as the same example) and, when near duplicates are
/// wanted, a MinHash signature of its word 3-shingles.
/// </summary>
/// <remarks>
/// Normalising and finding words work on 8 characters at a time where the text is ASCII (the scalar path handles the
/// rest and defines the result): a character at a time, the branch at every word boundary made these the largest cost
/// of a full validation after tokenization.
/// </remarks>
internal sealed class Fingerprinter
{
    /// <summary>Signature length: 64 bins estimate Jaccard similarity within about ±0.06.</summary>
    public const int SignatureLength = 64;

    private const int Lanes = 8;

    private char[] _normalised = new char[1024];
    private int _length;
    private readonly List<ulong> _wordHashes = [];

    /// <summary>Starts a new example.</summary>
    public void Reset() => _length = 0;

    /// <summary>Adds one text segment; <paramref name="role"/> keeps "user: hi" and "assistant: hi" apart.</summary>
    public void Add(string role, string text)
    {
        // Slack after the text: vector stores write a whole block even when fewer characters are kept.
        Ensure(role.Length + text.Length + 3 + Lanes);
        role.AsSpan().CopyTo(_normalised.AsSpan(_length));
        _length += role.Length;
        _normalised[_length++] = '\u0001';
        var contentStart = _length;
        var pendingSpace = false;
        var src = text.AsSpan();
        ref var from = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(src));
        var i = 0;
        while (i < src.Length)
        {
            if (Vector128.IsHardwareAccelerated && i + Lanes <= src.Length && TryBlock(ref from, ref i, contentStart, ref pendingSpace))
            {
                continue;
            }

            var c = src[i++];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && _length > contentStart)
            {
                _normalised[_length++] = ' ';
            }

            pendingSpace = false;
            _normalised[_length++] = char.ToLowerInvariant(c);
        }

        _normalised[_length++] = '\u0002';
    }

    /// <summary>Whether anything was added since <see cref="Reset"/>.</summary>
    public bool IsEmpty => _length == 0;

    /// <summary>The 128-bit hash of the normalised text.</summary>
    public UInt128 ExactHash() => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(_normalised.AsSpan(0, _length)));

    /// <summary>Writes the MinHash signature of the word 3-shingles (a text of fewer than 3 words is one shingle).</summary>
    public void Signature(Span<uint> signature)
    {
        CollectWords();
        SignatureOf(_wordHashes, signature);
    }

    /// <summary>The MinHash signature of the 3-shingles of a sequence of word hashes.</summary>
    private static void SignatureOf(List<ulong> wordHashes, Span<uint> signature)
    {
        signature.Fill(uint.MaxValue);
        var words = CollectionsMarshal.AsSpan(wordHashes);
        if (words.Length < 3)
        {
            if (words.Length > 0)
            {
                Keep(signature, words.Length == 1 ? words[0] : (words[0] * 0x100000001B3UL) ^ words[1]);
                Densify(signature);
            }

            return;
        }

        for (var s = 0; s + 2 < words.Length; s++)
        {
            Keep(signature, (((words[s] * 0x100000001B3UL) ^ words[s + 1]) * 0x100000001B3UL) ^ words[s + 2]);
        }

        Densify(signature);
    }

    /// <summary>
    /// One-permutation hashing: the top bits of the mixed shingle pick one of the 64 bins and the low bits compete for
    /// its minimum, so each shingle costs one hash instead of 64.
    /// </summary>
    private static void Keep(Span<uint> signature, ulong shingle)
    {
        var h = Mix(shingle);
        ref var bin = ref signature[(int)(h >> 58)];
        bin = Math.Min(bin, (uint)h);
    }

    /// <summary>The share of equal positions: an unbiased estimate of the Jaccard similarity of the shingle sets.</summary>
    public static double EstimateJaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        var same = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                same++;
            }
        }

        return (double)same / a.Length;
    }

    /// <summary>
    /// Normalises the next 8 characters at once when they are ASCII, hold no whitespace but single spaces, and do not
    /// start with a space that the scalar rules would drop; otherwise leaves them to the scalar path.
    /// </summary>
    private bool TryBlock(ref ushort from, ref int i, int contentStart, ref bool pendingSpace)
    {
        var v = Vector128.LoadUnsafe(ref from, (nuint)i);
        var otherWhitespace = Vector128.LessThanOrEqual(v - Vector128.Create((ushort)9), Vector128.Create((ushort)4));
        if ((v & Vector128.Create((ushort)0xFF80)) != Vector128<ushort>.Zero || otherWhitespace != Vector128<ushort>.Zero)
        {
            return false;
        }

        var spaces = Vector128.Equals(v, Vector128.Create((ushort)' ')).ExtractMostSignificantBits();
        if ((spaces & (spaces >> 1)) != 0 || ((spaces & 1) != 0 && (pendingSpace || _length == contentStart)))
        {
            return false;
        }

        if (pendingSpace && _length > contentStart)
        {
            _normalised[_length++] = ' ';
        }

        var upper = Vector128.LessThanOrEqual(v - Vector128.Create((ushort)'A'), Vector128.Create((ushort)25));
        var lower = v + (upper & Vector128.Create((ushort)0x20));
        lower.StoreUnsafe(ref Unsafe.As<char, ushort>(ref _normalised[_length]));
        pendingSpace = (spaces & 0x80) != 0;
        _length += pendingSpace ? Lanes - 1 : Lanes;
        i += Lanes;
        return true;
    }

    /// <summary>Hashes every maximal run of letters and digits of the normalised text, in order.</summary>
    private void CollectWords()
    {
        _wordHashes.Clear();
        var text = _normalised.AsSpan(0, _length);
        var start = -1;
        for (var block = 0; block < text.Length; block += 64)
        {
            var mask = WordMask(text, block);
            var pos = 0;
            while (pos < 64)
            {
                if (start < 0)
                {
                    var rest = mask >> pos;
                    if (rest == 0)
                    {
                        break;
                    }

                    pos += BitOperations.TrailingZeroCount(rest);
                    start = block + pos;
                }

                var gaps = ~mask >> pos;
                if (gaps == 0)
                {
                    break; // the word runs into the next block
                }

                pos += BitOperations.TrailingZeroCount(gaps);
                _wordHashes.Add(WordHash(text[start..(block + pos)]));
                start = -1;
            }
        }

        if (start >= 0)
        {
            _wordHashes.Add(WordHash(text[start..]));
        }
    }

    /// <summary>Bit j is set when character block + j is a letter or digit; bits past the text are clear.</summary>
    private static ulong WordMask(ReadOnlySpan<char> text, int block)
    {
        ulong mask = 0;
        var end = Math.Min(text.Length, block + 64);
        var j = block;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            for (; j + Lanes <= end; j += Lanes)
            {
                var v = Vector128.LoadUnsafe(ref first, (nuint)j);
                if ((v & Vector128.Create((ushort)0xFF80)) != Vector128<ushort>.Zero)
                {
                    for (var k = j; k < j + Lanes; k++)
                    {
                        mask |= char.IsLetterOrDigit(text[k]) ? 1UL << (k - block) : 0;
                    }

                    continue;
                }

                var digit = Vector128.LessThanOrEqual(v - Vector128.Create((ushort)'0'), Vector128.Create((ushort)9));
                var letter = Vector128.LessThanOrEqual((v | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)25));
                mask |= (ulong)(digit | letter).ExtractMostSignificantBits() << (j - block);
            }
        }

        for (; j < end; j++)
        {
            mask |= char.IsLetterOrDigit(text[j]) ? 1UL << (j - block) : 0;
        }

        return mask;
    }

    /// <summary>
    /// A word's hash. Words of up to 8 characters, nearly all of them, are read as two overlapping 8-byte loads (or
    /// assembled, under 4 characters) instead of a call into XxHash3 per word.
    /// </summary>
    internal static ulong WordHash(ReadOnlySpan<char> word)
    {
        ulong a, b = 0;
        switch (word.Length)
        {
            case > 8:
                return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(word));
            case >= 4:
                ref var first = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(word));
                a = Unsafe.ReadUnaligned<ulong>(ref first);
                b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, (word.Length * 2) - 8));
                break;
            case 3:
                a = word[0] | ((ulong)word[1] << 16) | ((ulong)word[2] << 32);
                break;
            case 2:
                a = word[0] | ((ulong)word[1] << 16);
                break;
            default:
                a = word.IsEmpty ? 0UL : word[0];
                break;
        }

        return Mix(a ^ BitOperations.RotateLeft(b * 0x9E3779B97F4A7C15UL, 29) ^ ((ulong)word.Length << 56));
    }

    /// <summary>
    /// Rotation densification: an empty bin borrows the value of the next non-empty bin to its right, offset by the
    /// distance, so short texts still give a full signature whose matches estimate Jaccard similarity without bias.
    /// </summary>
    private static void Densify(Span<uint> signature)
    {
        if (signature.IndexOf(uint.MaxValue) < 0 || signature.IndexOfAnyExcept(uint.MaxValue) < 0)
        {
            return;
        }

        // One walk right to left over the bins twice round: the first lap finds the last filled bin, so bins near the
        // end can borrow across the wrap. Filled bins are only read and empty ones only written, so no copy is needed.
        var next = -1;
        for (var t = (2 * SignatureLength) - 1; t >= 0; t--)
        {
            var i = t & (SignatureLength - 1);
            if (signature[i] != uint.MaxValue)
            {
                next = i;
            }
            else if (t < SignatureLength)
            {
                signature[i] = unchecked(signature[next] + ((uint)((next - i) & (SignatureLength - 1)) * 0x9E3779B1u));
            }
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _normalised.Length)
        {
            Array.Resize(ref _normalised, Math.Max(_normalised.Length * 2, _length + extra));
        }
    }
}
