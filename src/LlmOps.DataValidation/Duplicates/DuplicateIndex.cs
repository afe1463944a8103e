using System.Runtime.InteropServices;

namespace LlmOps.DataValidation.Duplicates;

/// <summary>
/// The examples of one split seen so far: exact hashes and, optionally, MinHash signatures behind an LSH band
/// index. Bounded by a capacity so memory does not grow with the file beyond it.
/// </summary>
/// <remarks>
/// The index lives on the serial, in-order merge, and at hundreds of thousands of examples a probe far out in memory
/// costs more than everything else done there for an example, so <see cref="CheckBatch"/> looks examples up and
/// indexes them in the same probes, band by band over a batch.
/// </remarks>
internal sealed class DuplicateIndex
{
    private const int MaxCandidatesPerBand = 32;
    private const int EntriesPerChunk = 1024;

    private readonly Dictionary<UInt128, long> _exact = [];
    private readonly int _capacity;
    private readonly int _bands;
    private readonly int _rows;
    private readonly BandTable[] _buckets;
    private readonly List<(int Entry, int Row)> _pending = [];
    private readonly List<int> _lookupOnly = [];

    // Fixed-size chunks instead of growing lists: no multi-megabyte copies when the index grows. Per entry: its
    // signature, its line, and per band the previous entry of the same bucket (-1 ends a chain).
    private readonly List<uint[]> _signatures = [];
    private readonly List<long[]> _lines = [];
    private readonly List<int[]> _next = [];
    private int _entries;

    public DuplicateIndex(int capacity, bool near, double jaccard)
    {
        _capacity = capacity;
        (_bands, _rows) = near ? ChooseBands(jaccard) : (0, 0);
        _buckets = new BandTable[_bands];
        for (var b = 0; b < _bands; b++)
        {
            _buckets[b] = new BandTable();
        }
    }

    public bool IsFull => _exact.Count >= _capacity;

    public int Count => _exact.Count;

    /// <summary>Makes room for about <paramref name="examples"/> examples (at most the capacity) before they arrive.</summary>
    public void Reserve(double examples)
    {
        var expected = (long)Math.Min(_capacity, Math.Max(0, examples) * 1.05);
        _exact.EnsureCapacity((int)expected);
        foreach (var table in _buckets)
        {
            table.Reserve(expected);
        }
    }

    /// <summary>The line of an earlier example with the same exact hash, or 0.</summary>
    public long FindExact(UInt128 hash) => _exact.GetValueOrDefault(hash);

    /// <summary>The line of an indexed example whose estimated Jaccard similarity is at least <paramref name="jaccard"/>, or 0.</summary>
    public long FindNear(ReadOnlySpan<uint> signature, double jaccard)
    {
        for (var b = 0; b < _bands; b++)
        {
            if (Confirm(_buckets[b].Find(BandKey(signature, b)), b, signature, jaccard) is var line and > 0)
            {
                return line;
            }
        }

        return 0;
    }

    /// <summary>
    /// Checks a batch's examples in file order and indexes them: for each, <see cref="DuplicateVerdict.ExactOf"/> is the
    /// line of an earlier identical example, else <see cref="DuplicateVerdict.NearOf"/> the line of an earlier similar
    /// one (searched only when <paramref name="jaccard"/> is set), and whether the index had room for it.
    /// <paramref name="signatures"/> holds a signature per row of the batch (or is empty), found through
    /// <paramref name="rows"/>.
    /// </summary>
    /// <remarks>
    /// Bands are linked one at a time over the whole batch: a band's buckets are a sixteenth of the index, small enough
    /// to stay in cache for the pass, where example by example every band is a miss far out in memory. Within a band
    /// entries still go in file order, so the result is the same as example by example.
    /// </remarks>
    public void CheckBatch(ReadOnlySpan<UInt128> hashes, ReadOnlySpan<long> lines, ReadOnlySpan<int> rows, ReadOnlySpan<uint> signatures, double? jaccard, Span<DuplicateVerdict> verdicts)
    {
        _pending.Clear();
        _lookupOnly.Clear();
        for (var k = 0; k < hashes.Length; k++)
        {
            if (IsFull)
            {
                var earlier = FindExact(hashes[k]);
                verdicts[k] = new DuplicateVerdict(earlier, 0, earlier > 0);
                if (earlier == 0)
                {
                    _lookupOnly.Add(k);
                }

                continue;
            }

            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_exact, hashes[k], out var seen);
            if (seen)
            {
                verdicts[k] = new DuplicateVerdict(slot, 0, true);
                continue;
            }

            slot = lines[k];
            verdicts[k] = new DuplicateVerdict(0, 0, true);
            if (_bands > 0 && !signatures.IsEmpty)
            {
                _pending.Add((Store(lines[k], SignatureAt(signatures, rows[k])), k));
            }
        }

        for (var b = 0; b < _bands; b++)
        {
            var table = _buckets[b];
            foreach (var (entry, k) in _pending)
            {
                var signature = SignatureOf(entry);
                var previous = table.Exchange(BandKey(signature, b), entry);
                Next(entry)[b] = previous;
                if (jaccard is { } j && verdicts[k].NearOf == 0 && Confirm(previous, b, signature, j) is var similar and > 0)
                {
                    verdicts[k] = verdicts[k] with { NearOf = similar };
                }
            }
        }

        // Examples the full index could not take are still compared, against everything indexed before them.
        if (jaccard is { } jn && !signatures.IsEmpty)
        {
            foreach (var k in _lookupOnly)
            {
                verdicts[k] = verdicts[k] with { NearOf = FindNear(SignatureAt(signatures, rows[k]), jn) };
            }
        }
    }

    private int Store(long line, ReadOnlySpan<uint> signature)
    {
        var entry = _entries++;
        if (entry % EntriesPerChunk == 0)
        {
            _signatures.Add(new uint[EntriesPerChunk * Fingerprinter.SignatureLength]);
            _lines.Add(new long[EntriesPerChunk]);
            _next.Add(new int[EntriesPerChunk * _bands]);
        }

        signature.CopyTo(SignatureOf(entry));
        _lines[^1][entry % EntriesPerChunk] = line;
        return entry;
    }

    private Span<int> Next(int entry) => _next[entry / EntriesPerChunk].AsSpan(entry % EntriesPerChunk * _bands, _bands);

    private static ReadOnlySpan<uint> SignatureAt(ReadOnlySpan<uint> signatures, int row) =>
        signatures.Slice(row * Fingerprinter.SignatureLength, Fingerprinter.SignatureLength);

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

    /// <summary>Walks a bucket's chain from <paramref name="entry"/>; the line of the first similar enough entry, or 0.</summary>
    private long Confirm(int entry, int band, ReadOnlySpan<uint> signature, double jaccard)
    {
        for (var n = 0; entry >= 0 && n < MaxCandidatesPerBand; n++)
        {
            if (Fingerprinter.EstimateJaccard(signature, SignatureOf(entry)) >= jaccard)
            {
                return _lines[entry / EntriesPerChunk][entry % EntriesPerChunk];
            }

            entry = _next[entry / EntriesPerChunk][(entry % EntriesPerChunk * _bands) + band];
        }

        return 0;
    }

    private Span<uint> SignatureOf(int entry) =>
        _signatures[entry / EntriesPerChunk].AsSpan(entry % EntriesPerChunk * Fingerprinter.SignatureLength, Fingerprinter.SignatureLength);

    private ulong BandKey(ReadOnlySpan<uint> signature, int band)
    {
        var h = 0xCBF29CE484222325UL ^ (ulong)band;
        foreach (var v in signature.Slice(band * _rows, _rows))
        {
            h = (h ^ v) * 0x100000001B3UL;
        }

        return h;
    }
}

/// <summary>What the duplicate index says of one example: the line it duplicates exactly or nearly (0: none), and whether it was indexed.</summary>
internal readonly record struct DuplicateVerdict(long ExactOf, long NearOf, bool Indexed);
