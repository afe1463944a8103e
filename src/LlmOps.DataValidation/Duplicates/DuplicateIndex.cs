namespace LlmOps.DataValidation.Duplicates;

/// <summary>
/// The examples of one split seen so far: exact hashes and, optionally, MinHash signatures behind an LSH band
/// index. Bounded by a capacity so memory does not grow with the file beyond it.
/// </summary>
internal sealed class DuplicateIndex
{
    private const int MaxCandidatesPerBand = 32;

    private readonly Dictionary<UInt128, long> _exact = [];
    private readonly int _capacity;
    private readonly int _bands;
    private readonly int _rows;
    private const int EntriesPerChunk = 1024;

    // Fixed-size chunks instead of one growing list: no multi-megabyte copies when the index grows.
    private readonly List<uint[]> _chunks = [];
    private readonly List<long> _signatureLines = [];
    private readonly Dictionary<ulong, int>[] _bandHeads;
    private readonly List<int> _next = [];

    public DuplicateIndex(int capacity, bool near, double jaccard)
    {
        _capacity = capacity;
        (_bands, _rows) = near ? ChooseBands(jaccard) : (0, 0);
        _bandHeads = new Dictionary<ulong, int>[_bands];
        for (var b = 0; b < _bands; b++)
        {
            _bandHeads[b] = [];
        }
    }

    public bool IsFull => _exact.Count >= _capacity;

    public int Count => _exact.Count;

    /// <summary>The line of an earlier example with the same exact hash, or 0.</summary>
    public long FindExact(UInt128 hash) => _exact.GetValueOrDefault(hash);

    /// <summary>The line of an indexed example whose estimated Jaccard similarity is at least <paramref name="jaccard"/>, or 0.</summary>
    public long FindNear(ReadOnlySpan<uint> signature, double jaccard)
    {
        if (_bands == 0)
        {
            return 0;
        }

        for (var b = 0; b < _bands; b++)
        {
            if (!_bandHeads[b].TryGetValue(BandHash(signature, b), out var entry))
            {
                continue;
            }

            for (var n = 0; entry >= 0 && n < MaxCandidatesPerBand; n++)
            {
                var other = SignatureOf(entry);
                if (Fingerprinter.EstimateJaccard(signature, other) >= jaccard)
                {
                    return _signatureLines[entry];
                }

                entry = _next[(entry * _bands) + b];
            }
        }

        return 0;
    }

    /// <summary>Adds an example; returns false when the index is full.</summary>
    public bool Add(UInt128 hash, long line, ReadOnlySpan<uint> signature)
    {
        if (IsFull)
        {
            return false;
        }

        _exact.TryAdd(hash, line);
        if (_bands > 0)
        {
            var entry = _signatureLines.Count;
            _signatureLines.Add(line);
            if (entry % EntriesPerChunk == 0)
            {
                _chunks.Add(new uint[EntriesPerChunk * Fingerprinter.SignatureLength]);
            }

            signature.CopyTo(_chunks[^1].AsSpan(entry % EntriesPerChunk * Fingerprinter.SignatureLength, Fingerprinter.SignatureLength));

            for (var b = 0; b < _bands; b++)
            {
                var key = BandHash(signature, b);
                _next.Add(_bandHeads[b].TryGetValue(key, out var head) ? head : -1);
                _bandHeads[b][key] = entry;
            }
        }

        return true;
    }

    /// <summary>
    /// Picks b bands of r rows (b * r = 64) whose S-curve midpoint (1/b)^(1/r) lies just below the threshold, so pairs
    /// at the threshold are found with high probability and candidates are then confirmed on the full signature.
    /// </summary>
    internal static (int Bands, int Rows) ChooseBands(double jaccard)
    {
        (int, int) best = (32, 2);
        foreach (var rows in new[] { 2, 4, 8, 16 })
        {
            var bands = Fingerprinter.SignatureLength / rows;
            var midpoint = Math.Pow(1.0 / bands, 1.0 / rows);
            if (midpoint <= jaccard - 0.05)
            {
                best = (bands, rows);
            }
        }

        return best;
    }

    private ReadOnlySpan<uint> SignatureOf(int entry) =>
        _chunks[entry / EntriesPerChunk].AsSpan(entry % EntriesPerChunk * Fingerprinter.SignatureLength, Fingerprinter.SignatureLength);

    private ulong BandHash(ReadOnlySpan<uint> signature, int band)
    {
        var h = 0xCBF29CE484222325UL ^ (ulong)band;
        foreach (var v in signature.Slice(band * _rows, _rows))
        {
            h = (h ^ v) * 0x100000001B3UL;
        }

        return h;
    }
}
