using System.Runtime.CompilerServices;

namespace TreatmentFlowModel.Random;

/// <summary>
/// The Philox4x32-10 counter-based block function (Salmon et al., "Parallel random numbers:
/// as easy as 1, 2, 3", SC'11). Maps a 128-bit counter and a 64-bit key to 128 random bits,
/// with no state: any draw can be recomputed from its coordinates, which is what makes results
/// independent of thread count and execution order.
/// </summary>
internal static class Philox4x32
{
    private const uint M0 = 0xD2511F53;
    private const uint M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9;
    private const uint W1 = 0xBB67AE85;

    /// <summary>Ten rounds of Philox4x32 on (c0..c3) with key (k0, k1); the result overwrites the counter words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block(ref uint c0, ref uint c1, ref uint c2, ref uint c3, uint k0, uint k1)
    {
        // Work on locals so the JIT keeps all six words in registers through the unrolled rounds.
        uint x0 = c0, x1 = c1, x2 = c2, x3 = c3;
        Round(ref x0, ref x1, ref x2, ref x3, k0, k1); k0 += W0; k1 += W1;
        Round(ref x0, ref x1, ref x2, ref x3, k0, k1); k0 += W0; k1 += W1;
        Round(ref x0, ref x1, ref x2, ref x3, k0, k1); k0 += W0; k1 += W1;
        Round(ref x0, ref x1, ref x2, ref x3, k0, k1); k0 += W0; k1 += W1;
        Round(ref x0, ref x1, ref x2, ref x3, k0, k1); k0 += W0; k1 += W1;
        Round(ref x0, ref x1, ref x2, ref x3, k0, k1); k0 += W0; k1 += W1;
        Round(ref x0, ref x1, ref x2, ref x3, k0, k1); k0 += W0; k1 += W1;
        Round(ref x0, ref x1, ref x2, ref x3, k0, k1); k0 += W0; k1 += W1;
        Round(ref x0, ref x1, ref x2, ref x3, k0, k1); k0 += W0; k1 += W1;
        Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
        c0 = x0; c1 = x1; c2 = x2; c3 = x3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref uint c0, ref uint c1, ref uint c2, ref uint c3, uint k0, uint k1)
    {
        ulong p0 = (ulong)M0 * c0;
        ulong p1 = (ulong)M1 * c2;
        uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
        uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
        c1 = (uint)p1;
        c3 = (uint)p0;
        c0 = n0;
        c2 = n2;
    }
}
