using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TreatmentFlowModel.Random;

/// <summary>
/// A stream of uniform random numbers addressed by coordinates: the scenario seed is the key,
/// and (replicate, week, channel) pick a sub-stream whose blocks are numbered from zero.
/// A channel is one flow in one area, so two scenarios run with the same seed draw the same
/// numbers for the same flow (common random numbers), and no draw depends on any other.
/// </summary>
/// <remarks>A mutable struct passed by reference: cheap to create, never shared between threads.</remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct RandomStream
{
    private readonly uint _key0;
    private readonly uint _key1;
    private readonly uint _replicate;
    private readonly uint _week;
    private readonly uint _channel;
    private uint _block;
    private uint _r0, _r1, _r2, _r3;
    private int _used; // words of the current block already handed out (4 = none left)

    /// <summary>Opens the sub-stream (seed, replicate, week, channel) at its first block.</summary>
    public RandomStream(ulong seed, int replicate, int week, int channel)
    {
        _key0 = (uint)seed;
        _key1 = (uint)(seed >> 32);
        _replicate = (uint)replicate;
        _week = (uint)week;
        _channel = (uint)channel;
        _block = 0;
        _r0 = _r1 = _r2 = _r3 = 0;
        _used = 4;
    }

    /// <summary>Next 32 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (_used == 4)
        {
            Refill();
        }
        // The four words are consecutive fields: index them rather than branch on which one is next.
        return Unsafe.Add(ref _r0, _used++);
    }

    /// <summary>A uniform double in the open interval (0, 1), with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble()
    {
        ulong hi, lo;
        if (_used == 0) { hi = _r0 >> 5; lo = _r1 >> 6; _used = 2; }       // the common case: half a block
        else if (_used == 2) { hi = _r2 >> 5; lo = _r3 >> 6; _used = 4; }
        else
        {
            if (_used == 4) Refill();
            hi = NextUInt32() >> 5;  // 27 bits
            lo = NextUInt32() >> 6;  // 26 bits
            return (((hi << 26) | lo) + 0.5) * (1.0 / 9007199254740992.0);
        }
        // (k + 0.5) / 2^53 lies strictly inside (0, 1): safe for log and division.
        return (((hi << 26) | lo) + 0.5) * (1.0 / 9007199254740992.0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // the rare branch of the inlined word fetch
    private void Refill()
    {
        uint c0 = _block++, c1 = _channel, c2 = _week, c3 = _replicate;
        Philox4x32.Block(ref c0, ref c1, ref c2, ref c3, _key0, _key1);
        _r0 = c0; _r1 = c1; _r2 = c2; _r3 = c3;
        _used = 0;
    }
}
