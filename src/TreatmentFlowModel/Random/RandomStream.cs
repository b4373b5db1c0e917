using System.Runtime.CompilerServices;

namespace TreatmentFlowModel.Random;

/// <summary>
/// A stream of uniform random numbers addressed by coordinates: the scenario seed is the key,
/// and (replicate, week, channel) pick a sub-stream whose blocks are numbered from zero.
/// A channel is one flow in one area, so two scenarios run with the same seed draw the same
/// numbers for the same flow (common random numbers), and no draw depends on any other.
/// </summary>
/// <remarks>A mutable struct passed by reference: cheap to create, never shared between threads.</remarks>
internal struct RandomStream
{
    private const int Words = 4 * Philox4x32.BatchBlocks;

    private readonly uint _key0;
    private readonly uint _key1;
    private readonly uint _replicate;
    private readonly uint _week;
    private readonly uint _channel;
    private uint _block;
    private int _used; // words of the buffer already handed out (Words = none left)
    private WordBuffer _words;

    /// <summary>Opens the sub-stream (seed, replicate, week, channel) at its first block.</summary>
    public RandomStream(ulong seed, int replicate, int week, int channel)
    {
        _key0 = (uint)seed;
        _key1 = (uint)(seed >> 32);
        _replicate = (uint)replicate;
        _week = (uint)week;
        _channel = (uint)channel;
        _block = 0;
        _used = Words;
        Unsafe.SkipInit(out _words); // filled before it is read: _used says nothing is in it
    }

    /// <summary>Next 32 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (_used == Words) Refill();
        // _used < Words here: the unchecked index stays inside the buffer.
        return Unsafe.Add(ref Unsafe.As<WordBuffer, uint>(ref _words), _used++);
    }

    /// <summary>A uniform double in the open interval (0, 1), with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble()
    {
        ulong hi = NextUInt32() >> 5;  // 27 bits
        ulong lo = NextUInt32() >> 6;  // 26 bits
        // (k + 0.5) / 2^53 lies strictly inside (0, 1): safe for log and division.
        return (((hi << 26) | lo) + 0.5) * (1.0 / 9007199254740992.0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // the rare branch of the inlined word fetch
    private void Refill()
    {
        Philox4x32.Blocks(_block, _channel, _week, _replicate, _key0, _key1, _words);
        _block += Philox4x32.BatchBlocks;
        _used = 0;
    }

    /// <summary>The words of <see cref="Philox4x32.BatchBlocks"/> consecutive Philox blocks, in block order.</summary>
    [InlineArray(Words)]
    private struct WordBuffer
    {
        private uint _word;
    }
}
