namespace LlmOps.DataValidation.Duplicates;

/// <summary>
/// The LSH buckets of every band in one open-addressing table: a band key maps to the newest entry of its bucket
/// (older ones are chained by the caller). Written by hand instead of one <see cref="Dictionary{TKey,TValue}"/> per
/// band because the in-order merge is serial and memory-bound: a dictionary costs two cache misses per probe (bucket,
/// then entry) and a separate look-up and insert, where an 8-byte slot costs one miss and <see cref="Exchange"/> does
/// both in a single probe. Slots keep a 32-bit tag of the key, so two band keys that share a tag share a bucket; that
/// only adds a candidate, which the caller confirms on the full signature.
/// </summary>
internal sealed class BandTable
{
    private const int MinimumBits = 10;

    private Slot[] _slots = new Slot[1 << MinimumBits];
    private int _bits = MinimumBits;
    private int _count;

    /// <summary>Keys held.</summary>
    public int Count => _count;

    /// <summary>Grows once to hold <paramref name="keys"/> keys without further growth; never shrinks.</summary>
    public void Reserve(long keys)
    {
        var bits = _bits;
        while (bits < 30 && keys >= (1L << bits) * 3 / 4)
        {
            bits++;
        }

        if (bits > _bits)
        {
            Rehash(bits);
        }
    }

    /// <summary>Maps <paramref name="key"/> to <paramref name="entry"/>; returns the entry it mapped to before, or -1.</summary>
    public int Exchange(ulong key, int entry)
    {
        if (_count >= (_slots.Length >> 1) + (_slots.Length >> 2))
        {
            Rehash(_bits + 1);
        }

        var tag = Tag(key);
        var mask = _slots.Length - 1;
        for (var i = Home(tag, _bits); ; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Tag == tag)
            {
                var previous = slot.Entry;
                slot.Entry = entry;
                return previous;
            }

            if (slot.Tag == 0)
            {
                slot = new Slot(tag, entry);
                _count++;
                return -1;
            }
        }
    }

    /// <summary>The entry <paramref name="key"/> maps to, or -1.</summary>
    public int Find(ulong key)
    {
        var tag = Tag(key);
        var mask = _slots.Length - 1;
        for (var i = Home(tag, _bits); ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot.Tag == tag)
            {
                return slot.Entry;
            }

            if (slot.Tag == 0)
            {
                return -1;
            }
        }
    }

    private void Rehash(int bits)
    {
        var old = _slots;
        _bits = bits;
        _slots = new Slot[1 << _bits];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Tag == 0)
            {
                continue;
            }

            var i = Home(slot.Tag, _bits);
            while (_slots[i].Tag != 0)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = slot;
        }
    }

    /// <summary>The high half of the mixed key, never 0 (0 marks an empty slot).</summary>
    private static uint Tag(ulong key)
    {
        key ^= key >> 33;
        key *= 0xFF51AFD7ED558CCDUL;
        key ^= key >> 33;
        return (uint)(key >> 32) | 1u;
    }

    /// <summary>Fibonacci hashing of the tag, so the home slot depends on the tag alone and survives growth.</summary>
    private static int Home(uint tag, int bits) => (int)((tag * 2654435769u) >> (32 - bits));

    private record struct Slot(uint Tag, int Entry);
}
