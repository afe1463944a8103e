using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;

namespace LlmOps.DataValidation.Duplicates;

/// <summary>
/// The identity of one example for duplicate detection: a 128-bit hash of its normalised text (lower case, runs of
/// whitespace collapsed, so trivial reformatting still counts as the same example) and, when near duplicates are
/// wanted, a MinHash signature of its word 3-shingles.
/// </summary>
internal sealed class Fingerprinter
{
    /// <summary>Signature length: 64 hashes estimate Jaccard similarity within about ±0.06.</summary>
    public const int SignatureLength = 64;

    private static readonly uint[] Multipliers = CreateSeeds(0x9E3779B97F4A7C15UL);
    private static readonly uint[] Seeds = CreateSeeds(0xC2B2AE3D27D4EB4FUL);

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

        var min = MemoryMarshal.Cast<uint, Vector<uint>>(signature);
        var seeds = MemoryMarshal.Cast<uint, Vector<uint>>(Seeds);
        var multipliers = MemoryMarshal.Cast<uint, Vector<uint>>(Multipliers);
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

            // 64 hash functions, one SIMD lane each: xor a seed, multiply by an odd constant, fold the high bits down.
            // Each is a bijection of the 32-bit shingle hash, so the minima are MinHash over independent-enough orders.
            var x = new Vector<uint>((uint)(h ^ (h >> 32)));
            for (var k = 0; k < min.Length; k++)
            {
                var v = (x ^ seeds[k]) * multipliers[k];
                v ^= Vector.ShiftRightLogical(v, 15);
                min[k] = Vector.Min(min[k], v);
            }
        }

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

    private static uint[] CreateSeeds(ulong seed)
    {
        var seeds = new uint[SignatureLength];
        var x = seed;
        for (var i = 0; i < seeds.Length; i++)
        {
            // splitmix64: fixed seeds make signatures reproducible across runs and machines.
            x += 0x9E3779B97F4A7C15UL;
            var z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            seeds[i] = (uint)(z ^ (z >> 31)) | 1;
        }

        return seeds;
    }
}
