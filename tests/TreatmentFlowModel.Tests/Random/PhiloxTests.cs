using TreatmentFlowModel.Random;

namespace TreatmentFlowModel.Tests.Random;

public class PhiloxTests
{
    // Known-answer vectors from Random123 (Salmon et al. 2011), kat_vectors: "philox4x32 10 ctr[4] key[2] expected[4]".
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Block_MatchesRandom123KnownAnswers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3)
    {
        Philox4x32.Block(ref c0, ref c1, ref c2, ref c3, k0, k1);
        Assert.Equal([e0, e1, e2, e3], new[] { c0, c1, c2, c3 });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Blocks_GiveTheWordsOfConsecutiveSingleBlocks_InBlockOrder(bool dispatched)
    {
        // The batch (AVX2 where the machine has it) and the scalar fallback must both be the block function, word for word.
        var random = new System.Random(11);
        Span<uint> batch = stackalloc uint[4 * Philox4x32.BatchBlocks];
        for (int trial = 0; trial < 200; trial++)
        {
            uint block = (uint)random.NextInt64(0, 1L << 32), c1 = (uint)random.Next(), c2 = (uint)random.Next(), c3 = (uint)random.Next();
            uint k0 = (uint)random.NextInt64(0, 1L << 32), k1 = (uint)random.NextInt64(0, 1L << 32);
            if (dispatched) Philox4x32.Blocks(block, c1, c2, c3, k0, k1, batch);
            else Philox4x32.BlocksScalar(block, c1, c2, c3, k0, k1, batch);
            for (int b = 0; b < Philox4x32.BatchBlocks; b++)
            {
                uint x0 = block + (uint)b, x1 = c1, x2 = c2, x3 = c3; // the block counter wraps like the stream's
                Philox4x32.Block(ref x0, ref x1, ref x2, ref x3, k0, k1);
                Assert.Equal([x0, x1, x2, x3], batch.Slice(4 * b, 4).ToArray());
            }
        }
    }

    [Fact]
    public void Stream_HandsOutBlockWordsInOrder_AcrossRefills()
    {
        var stream = new RandomStream(0x299f31d0_a4093822, 5, 9, 33);
        for (uint block = 0; block < 3 * Philox4x32.BatchBlocks; block++)
        {
            uint x0 = block, x1 = 33, x2 = 9, x3 = 5;
            Philox4x32.Block(ref x0, ref x1, ref x2, ref x3, 0xa4093822, 0x299f31d0);
            Assert.Equal([x0, x1, x2, x3], new[] { stream.NextUInt32(), stream.NextUInt32(), stream.NextUInt32(), stream.NextUInt32() });
        }
    }

    [Fact]
    public void Stream_SameCoordinates_GiveSameNumbers_OtherCoordinatesDiffer()
    {
        var a = new RandomStream(42, 3, 10, 7);
        var b = new RandomStream(42, 3, 10, 7);
        var c = new RandomStream(42, 3, 10, 8);
        var c2 = new RandomStream(42, 4, 10, 7);
        double[] xa = [.. Enumerable.Range(0, 9).Select(_ => a.NextDouble())];
        double[] xb = [.. Enumerable.Range(0, 9).Select(_ => b.NextDouble())];
        Assert.Equal(xa, xb);
        Assert.NotEqual(xa[0], c.NextDouble());
        Assert.NotEqual(xa[0], c2.NextDouble());
    }

    [Fact]
    public void NextDouble_IsUniformOnOpenUnitInterval()
    {
        var rng = new RandomStream(7, 0, 0, 0);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, double.Epsilon, 1 - 1e-17);
            sum += u; sumSq += u * u;
        }
        // Mean 1/2 and variance 1/12: tolerance 5 standard errors.
        Assert.InRange(sum / n, 0.5 - 5 * Math.Sqrt(1.0 / 12 / n), 0.5 + 5 * Math.Sqrt(1.0 / 12 / n));
        Assert.InRange(sumSq / n - Math.Pow(sum / n, 2), 1.0 / 12 - 0.002, 1.0 / 12 + 0.002);
    }
}
