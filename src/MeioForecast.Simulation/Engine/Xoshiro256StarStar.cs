using System.Numerics;
using System.Runtime.CompilerServices;

namespace MeioForecast.Simulation.Engine;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna 2021, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4)),
/// seeded by SplitMix64 (Steele, Lea &amp; Flood 2014, OOPSLA) from (seed, stream) so every replication has its own stream.
/// </summary>
internal struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(ulong seed, ulong stream)
    {
        var x = seed ^ (stream * 0xD1B54A32D192ED03UL) ^ 0x2545F4914F6CDD1DUL;
        x = SplitMix64.Next(ref x) ^ stream;
        _s0 = SplitMix64.Next(ref x);
        _s1 = SplitMix64.Next(ref x);
        _s2 = SplitMix64.Next(ref x);
        _s3 = SplitMix64.Next(ref x);
    }

    /// <summary>Creates a generator from an explicit state (for known-answer tests).</summary>
    public static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3) =>
        new() { _s0 = s0, _s1 = s1, _s2 = s2, _s3 = s3 };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform draw in the open interval (0, 1): (k + 0.5) / 2^53 for a 53-bit k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenUnit() => ((NextUInt64() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}
