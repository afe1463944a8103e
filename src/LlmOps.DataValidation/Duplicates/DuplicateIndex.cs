using System.Runtime.InteropServices;

namespace LlmOps.DataValidation.Duplicates;

/// <summary>
/// The examples of one split seen so far: exact hashes and, optionally, MinHash signatures for near duplicates.
/// Bounded by a capacity so memory does not grow with the file beyond it.
/// </summary>
/// <remarks>
/// Exact duplicates are found while the split streams by. Near duplicates are found once the split is read
/// (<see cref="NearDuplicatesOf"/>): per LSH band, sorting the band keys of all examples puts the candidates next to
/// each other. Found example by example instead, through a hash table per band on the serial in-order merge, every
/// band was a probe far out in memory, and that merge took more CPU than PII, exact duplicates and parsing together.
/// A split that another split is checked against for leakage gets its hash tables built once, when first asked.
/// </remarks>
internal sealed class DuplicateIndex
{
    private const int MaxCandidatesPerBand = 32;
    private const int EntriesPerChunk = 1024;

    private readonly Dictionary<UInt128, long> _exact = [];
    private readonly int _capacity;
    private readonly int _bands;
    private readonly int _rows;

    // Fixed-size chunks instead of growing lists: no multi-megabyte copies when the index grows. Per entry: its
    // signature and its line; once buckets are built, per band the previous entry of the same bucket (-1 ends a chain).
    private readonly List<uint[]> _signatures = [];
    private readonly List<long[]> _lines = [];
    private int[] _next = [];
    private BandTable[]? _buckets;
    private int _entries;

    public DuplicateIndex(int capacity, bool near, double jaccard)
    {
        _capacity = capacity;
        (_bands, _rows) = near ? ChooseBands(jaccard) : (0, 0);
    }

    public bool IsFull => _exact.Count >= _capacity;

    public int Count => _exact.Count;

    /// <summary>The line of an earlier example with the same exact hash, or 0.</summary>
    public long FindExact(UInt128 hash) => _exact.GetValueOrDefault(hash);

    /// <summary>
    /// Checks an example against the exact hashes and indexes it: <see cref="DuplicateVerdict.ExactOf"/> is the line of
    /// an earlier identical example (or 0) and <see cref="DuplicateVerdict.Indexed"/> says whether the index had room.
    /// Its signature (empty when near duplicates are off) is kept for <see cref="NearDuplicatesOf"/>.
    /// </summary>
    public DuplicateVerdict Add(UInt128 hash, long line, ReadOnlySpan<uint> signature)
    {
        if (IsFull)
        {
            var earlier = FindExact(hash);
            return new DuplicateVerdict(earlier, earlier > 0);
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_exact, hash, out var seen);
        if (seen)
        {
            return new DuplicateVerdict(slot, true);
        }

        slot = line;
        if (_bands > 0 && !signature.IsEmpty)
        {
            Store(line, signature);
        }

        return new DuplicateVerdict(0, true);
    }

    /// <summary>
    /// For each indexed example in file order, the line of the earliest earlier example found with estimated Jaccard
    /// similarity at least <paramref name="jaccard"/>, or 0. Candidates are the examples sharing an LSH band, at most
    /// <see cref="MaxCandidatesPerBand"/> of the nearest earlier ones per band; bands run on
    /// <paramref name="parallelism"/> threads.
    /// </summary>
    public (long Line, long NearOf)[] NearDuplicatesOf(double jaccard, int parallelism)
    {
        var n = _entries;
        var nearest = new long[n];
        if (_bands > 0 && n > 1)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };
            Parallel.For(0, _bands, options, () => (Keys: new ulong[n], Entries: new int[n]), (band, _, buffers) =>
            {
                CandidatesInBand(band, jaccard, buffers.Keys, buffers.Entries, nearest);
                return buffers;
            }, _ => { });
        }

        var found = new List<(long, long)>();
        for (var e = 0; e < n; e++)
        {
            if (nearest[e] > 0)
            {
                found.Add((LineOf(e), nearest[e]));
            }
        }

        return [.. found];
    }

    /// <summary>The line of an indexed example whose estimated Jaccard similarity is at least <paramref name="jaccard"/>, or 0.</summary>
    public long FindNear(ReadOnlySpan<uint> signature, double jaccard)
    {
        var buckets = Buckets();
        for (var b = 0; b < _bands; b++)
        {
            var entry = buckets[b].Find(BandKey(signature, b));
            for (var n = 0; entry >= 0 && n < MaxCandidatesPerBand; n++)
            {
                if (Fingerprinter.EstimateJaccard(signature, SignatureOf(entry)) >= jaccard)
                {
                    return LineOf(entry);
                }

                entry = _next[(entry * _bands) + b];
            }
        }

        return 0;
    }

    private void CandidatesInBand(int band, double jaccard, ulong[] keys, int[] entries, long[] nearest)
    {
        var n = keys.Length;
        for (var e = 0; e < n; e++)
        {
            keys[e] = BandKey(SignatureOf(e), band);
            entries[e] = e;
        }

        Array.Sort(keys, entries);
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(entries, start, end - start);
                for (var p = start + 1; p < end; p++)
                {
                    var signature = SignatureOf(entries[p]);
                    for (var q = p - 1; q >= Math.Max(start, p - MaxCandidatesPerBand); q--)
                    {
                        if (Fingerprinter.EstimateJaccard(signature, SignatureOf(entries[q])) >= jaccard)
                        {
                            KeepEarliest(ref nearest[entries[p]], LineOf(entries[q]));
                        }
                    }
                }
            }

            start = end;
        }
    }

    /// <summary>Bands run in parallel and may find the same example; the earliest line wins, whichever thread finds it.</summary>
    private static void KeepEarliest(ref long slot, long line)
    {
        var current = Volatile.Read(ref slot);
        while ((current == 0 || line < current) && Interlocked.CompareExchange(ref slot, line, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    /// <summary>One table per band, linked in file order, built the first time another split asks.</summary>
    private BandTable[] Buckets()
    {
        if (_buckets is not null)
        {
            return _buckets;
        }

        _next = new int[_entries * _bands];
        var buckets = new BandTable[_bands];
        for (var b = 0; b < _bands; b++)
        {
            buckets[b] = new BandTable();
            buckets[b].Reserve(_entries);
            for (var e = 0; e < _entries; e++)
            {
                _next[(e * _bands) + b] = buckets[b].Exchange(BandKey(SignatureOf(e), b), e);
            }
        }

        return _buckets = buckets;
    }

    private void Store(long line, ReadOnlySpan<uint> signature)
    {
        var entry = _entries++;
        if (entry % EntriesPerChunk == 0)
        {
            _signatures.Add(new uint[EntriesPerChunk * Fingerprinter.SignatureLength]);
            _lines.Add(new long[EntriesPerChunk]);
        }

        signature.CopyTo(SignatureOf(entry));
        _lines[^1][entry % EntriesPerChunk] = line;
    }

    private long LineOf(int entry) => _lines[entry / EntriesPerChunk][entry % EntriesPerChunk];

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

/// <summary>What the duplicate index says of one example while the split streams: the line it duplicates exactly (0: none), and whether it was indexed.</summary>
internal readonly record struct DuplicateVerdict(long ExactOf, bool Indexed);
