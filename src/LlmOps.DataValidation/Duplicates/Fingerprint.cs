using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace LlmOps.DataValidation.Duplicates;

/// <summary>
/// The identity of one example for duplicate detection: a 128-bit hash of its normalised text (lower case, runs of
/// whitespace collapsed, so trivial reformatting still counts as the same example) and, when near duplicates are
/// wanted, a MinHash signature of its word 3-shingles.
/// </summary>
internal sealed class Fingerprinter
{
    /// <summary>Signature length: 64 bins estimate Jaccard similarity within about ±0.06.</summary>
    public const int SignatureLength = 64;


    private char[] _normalised = new char[1024];
    private int _length;
    private readonly List<ulong> _wordHashes = [];

    /// <summary>Starts a new example.</summary>
    public void Reset() => _length = 0;

    /// <summary>Adds one text segment; <paramref name="role"/> keeps "user: hi" and "assistant: hi" apart.</summary>
    public void Add(string role, string text)
    {
        Ensure(role.Length + text.Length + 2);
        role.AsSpan().CopyTo(_normalised.AsSpan(_length));
        _length += role.Length;
        _normalised[_length++] = '\u0001';
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && _normalised[_length - 1] != '\u0001')
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
        _wordHashes.Clear();
        var span = _normalised.AsSpan(0, _length);
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var isWord = i < span.Length && char.IsLetterOrDigit(span[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                _wordHashes.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(span[start..i])));
                start = -1;
            }
        }

        signature.Fill(uint.MaxValue);
        if (_wordHashes.Count == 0)
        {
            return;
        }

        var shingles = Math.Max(1, _wordHashes.Count - 2);
        for (var s = 0; s < shingles; s++)
        {
            var h = _wordHashes[s];
            if (s + 1 < _wordHashes.Count)
            {
                h = (h * 0x100000001B3UL) ^ _wordHashes[s + 1];
            }

            if (s + 2 < _wordHashes.Count)
            {
                h = (h * 0x100000001B3UL) ^ _wordHashes[s + 2];
            }

            // One-permutation hashing: the top bits pick one of the 64 bins, the low bits compete for its minimum, so
            // each shingle costs one hash instead of 64.
            h = Mix(h);
            var bin = (int)(h >> 58);
            var v = (uint)h;
            if (v < signature[bin])
            {
                signature[bin] = v;
            }
        }

        Densify(signature);
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

        Span<uint> original = stackalloc uint[SignatureLength];
        signature.CopyTo(original);
        for (var i = 0; i < SignatureLength; i++)
        {
            if (original[i] != uint.MaxValue)
            {
                continue;
            }

            for (var k = 1; k < SignatureLength; k++)
            {
                var j = (i + k) % SignatureLength;
                if (original[j] != uint.MaxValue)
                {
                    signature[i] = unchecked(original[j] + ((uint)k * 0x9E3779B1u));
                    break;
                }
            }
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
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

    private void Ensure(int extra)
    {
        if (_length + extra > _normalised.Length)
        {
            Array.Resize(ref _normalised, Math.Max(_normalised.Length * 2, _length + extra));
        }
    }
}
