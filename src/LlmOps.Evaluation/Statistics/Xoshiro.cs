using System.Runtime.CompilerServices;

namespace LlmOps.Evaluation.Statistics;

/// <summary>
/// xoshiro256** seeded through SplitMix64: one independent stream per (seed, resample), so a bootstrap gives the same
/// numbers whether its resamples run on one core or sixteen.
/// </summary>
/// <remarks>
/// Hand-written because <see cref="Random"/> has one stream per instance and no way to derive a stream per resample,
/// and its virtual calls cost more than the resampling itself; the algorithm is Blackman and Vigna's reference.
/// </remarks>
internal struct Xoshiro
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro(ulong seed, ulong stream)
    {
        var x = seed ^ (stream * 0x9E3779B97F4A7C15UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Next()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) by Lemire's multiply-shift (bias below 2^-32 for eval-set sizes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextIndex(int bound) => (int)(((Next() >> 32) * (ulong)(uint)bound) >> 32);

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
