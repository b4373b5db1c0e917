using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>Blocks a stream computes at once: four run in the lanes of one AVX2 register in about the time of one.</summary>
    public const int BatchBlocks = 4;

    /// <summary>
    /// Blocks <paramref name="block"/> to <paramref name="block"/> + 3 of the counter (block, c1, c2, c3) under key
    /// (k0, k1), into <paramref name="into"/> in block order: the same words as four calls of <see cref="Block"/>.
    /// </summary>
    public static void Blocks(uint block, uint c1, uint c2, uint c3, uint k0, uint k1, Span<uint> into)
    {
        if (Avx2.IsSupported && into.Length >= 4 * BatchBlocks) BlocksAvx2(block, c1, c2, c3, k0, k1, into);
        else BlocksScalar(block, c1, c2, c3, k0, k1, into);
    }

    /// <summary><see cref="Blocks"/> one block at a time, where AVX2 is absent.</summary>
    internal static void BlocksScalar(uint block, uint c1, uint c2, uint c3, uint k0, uint k1, Span<uint> into)
    {
        for (int b = 0; b < BatchBlocks; b++)
        {
            uint x0 = block + (uint)b, x1 = c1, x2 = c2, x3 = c3;
            Block(ref x0, ref x1, ref x2, ref x3, k0, k1);
            into[4 * b] = x0; into[4 * b + 1] = x1; into[4 * b + 2] = x2; into[4 * b + 3] = x3;
        }
    }

    // Each 64-bit lane carries one block's 32-bit word, so vpmuludq gives the full 32×32→64 products of all four at once.
    private static void BlocksAvx2(uint block, uint c1, uint c2, uint c3, uint k0, uint k1, Span<uint> into)
    {
        var x0 = Vector256.Create(block, block + 1UL, block + 2UL, block + 3UL);
        var x1 = Vector256.Create((ulong)c1);
        var x2 = Vector256.Create((ulong)c2);
        var x3 = Vector256.Create((ulong)c3);
        var m0 = Vector256.Create((ulong)M0).AsUInt32();
        var m1 = Vector256.Create((ulong)M1).AsUInt32();
        var low = Vector256.Create(0xFFFF_FFFFUL);
        for (int round = 0; round < 10; round++)
        {
            var p0 = Avx2.Multiply(x0.AsUInt32(), m0);
            var p1 = Avx2.Multiply(x2.AsUInt32(), m1);
            x0 = Avx2.ShiftRightLogical(p1, 32) ^ x1 ^ Vector256.Create((ulong)k0);
            x2 = Avx2.ShiftRightLogical(p0, 32) ^ x3 ^ Vector256.Create((ulong)k1);
            x1 = p1 & low;
            x3 = p0 & low;
            k0 += W0; k1 += W1;
        }
        // Lane b of (x0 | x1 << 32) holds words 0-1 of block b, of (x2 | x3 << 32) words 2-3: interleave to block order.
        var w01 = x0 | Avx2.ShiftLeftLogical(x1, 32);
        var w23 = x2 | Avx2.ShiftLeftLogical(x3, 32);
        var even = Avx2.UnpackLow(w01, w23);   // blocks 0 and 2
        var odd = Avx2.UnpackHigh(w01, w23);   // blocks 1 and 3
        ref byte target = ref Unsafe.As<uint, byte>(ref MemoryMarshal.GetReference(into));
        Unsafe.WriteUnaligned(ref target, Avx2.Permute2x128(even, odd, 0x20));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, 32), Avx2.Permute2x128(even, odd, 0x31));
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
