using MathNet.Numerics.Distributions;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Random;

namespace TreatmentFlowModel.Tests.Random;

public class SamplerTests
{
    [Theory]
    [InlineData(0L, 0.3)]
    [InlineData(25L, 0.0)]
    public void Binomial_DegenerateCases_AreZero(long n, double p)
    {
        var rng = new RandomStream(1, 0, 0, 0);
        Assert.Equal(0, Samplers.Binomial(ref rng, n, p));
    }

    [Fact]
    public void Binomial_ProbabilityOne_ReturnsN()
    {
        var rng = new RandomStream(1, 0, 0, 0);
        Assert.Equal(1_000_000_000L, Samplers.Binomial(ref rng, 1_000_000_000L, 1.0));
    }

    [Fact]
    public void BinomialInversion_FromA32BitUniform_AgreesWithFull53BitInversionAtBothEndsOfItsInterval()
    {
        // Where the 2^-32 interval of the first word lies inside one CDF step, any 53-bit uniform in it gives that value.
        static long Invert(double u, long n, double p)
        {
            double r = Math.Pow(1 - p, n), s = p / (1 - p), a = (n + 1) * s;
            long x = 0;
            while (u > r && x < n) { u -= r; x++; r *= a / x - s; }
            return x;
        }
        int checkedDraws = 0;
        foreach (var (n, p) in new[] { (3L, 0.2), (40L, 0.01), (500L, 0.004), (12L, 0.45) })
            for (int i = 0; i < 20_000; i++)
            {
                var stream = new RandomStream(77, i, (int)n, 0);
                var copy = stream;
                long drawn = Samplers.BinomialInversion(ref stream, n, p);
                uint coarse = copy.NextUInt32();
                long low = Invert((coarse + 1e-6) / 4294967296.0, n, p), high = Invert((coarse + 1 - 1e-6) / 4294967296.0, n, p);
                if (low != high) continue;
                Assert.Equal(low, drawn);
                checkedDraws++;
            }
        Assert.True(checkedDraws > 79_000);
    }

    [Fact]
    public void Binomial_InlineZeroShortcut_NeverChangesADraw_NorTheWordsItUses()
    {
        // The inline path settles 'no one moves' from a bound on (1-p)^n; the full inversion must agree draw for draw
        // and leave the stream at the same place, for the engine's double counts as for long ones.
        var random = new System.Random(3);
        int nonZero = 0;
        for (int i = 0; i < 200_000; i++)
        {
            long n = random.Next(1, 2000);
            double cap = Math.Min(0.5, 9.99 / n); // the inversion regime: p <= 1/2 and np < 10
            double p = cap * (random.Next(3) switch { 0 => 1, 1 => random.NextDouble(), _ => Math.Exp(-12 * random.NextDouble()) });
            var inline = new RandomStream(9, i, 0, 1);
            var full = inline;
            var asDouble = inline;
            long drawn = Samplers.Binomial(ref inline, n, p);
            Assert.Equal(Samplers.BinomialInversion(ref full, n, p), drawn);
            Assert.Equal((double)drawn, Samplers.Binomial(ref asDouble, (double)n, p));
            uint next = full.NextUInt32();
            Assert.Equal(next, inline.NextUInt32());
            Assert.Equal(next, asDouble.NextUInt32());
            if (drawn > 0) nonZero++;
        }
        Assert.InRange(nonZero, 20_000, 180_000); // both sides of the shortcut were exercised
    }

    [Fact]
    public void Multinomial_ConservesN_AndItsMarginalsAreBinomial()
    {
        // The engine's split of referrals over modalities: the chain of conditional probabilities, then conditional binomials.
        double[] p = [0.5, 0.2, 0.25, 0.05];
        Span<double> chain = stackalloc double[3];
        Hazards.ConditionalChain(p, chain);
        const int draws = 50_000, n = 40;
        var counts = new long[n + 1];
        Span<double> into = stackalloc double[4];
        var rng = new RandomStream(5, 0, 0, 0);
        for (int i = 0; i < draws; i++)
        {
            Splits<StochasticDraws>.Multinomial(ref rng, n, chain, into);
            Assert.Equal(n, into[0] + into[1] + into[2] + into[3]);
            counts[(int)into[2]]++;
        }
        double chi2 = ChiSquare(counts, k => Binomial.PMF(0.25, n, k), draws, out int df);
        Assert.True(chi2 < ChiSquared.InvCDF(df, 0.999), $"chi2 = {chi2:0.0} with {df} df for the third category");
    }

    [Fact]
    public void ExpectedMultinomial_SplitsNInTheMixProportions()
    {
        double[] p = [0.5, 0.2, 0.25, 0.05];
        Span<double> chain = stackalloc double[3];
        Hazards.ConditionalChain(p, chain);
        Span<double> into = stackalloc double[4];
        var rng = new RandomStream(5, 0, 0, 0);
        Splits<ExpectedDraws>.Multinomial(ref rng, 40, chain, into);
        for (int i = 0; i < p.Length; i++) Assert.Equal(40 * p[i], into[i], 12);
    }

    // Regimes: inversion (np < 10), BTRS (np >= 10), symmetry (p > 0.5), huge n.
    [Theory]
    [InlineData(10L, 0.1)]
    [InlineData(60L, 0.1)]
    [InlineData(200L, 0.3)]
    [InlineData(1000L, 0.85)]
    [InlineData(50L, 0.5)]
    public void Binomial_MatchesMathNetPmf_ChiSquare(long n, double p)
    {
        const int draws = 100_000;
        var counts = new long[n + 1];
        var rng = new RandomStream(2024, (int)n, 0, 0);
        for (int i = 0; i < draws; i++) counts[Samplers.Binomial(ref rng, n, p)]++;
        double chi2 = ChiSquare(counts, k => Binomial.PMF(p, (int)n, k), draws, out int df);
        // Critical value at alpha = 0.001 for df degrees of freedom (MathNet's inverse CDF).
        Assert.True(chi2 < ChiSquared.InvCDF(df, 0.999), $"chi2 = {chi2:0.0} with {df} df for Binomial({n}, {p})");
    }

    [Theory]
    [InlineData(1_000_000_000L, 1e-7)]
    [InlineData(1_000_000_000L, 0.4)]
    public void Binomial_HugeN_MeanAndVarianceWithinStandardErrors(long n, double p)
    {
        const int draws = 20_000;
        var rng = new RandomStream(99, 1, 0, 0);
        double sum = 0, sumSq = 0;
        for (int i = 0; i < draws; i++) { double x = Samplers.Binomial(ref rng, n, p); sum += x; sumSq += x * x; }
        double mean = sum / draws, variance = sumSq / draws - mean * mean;
        double expectedVariance = n * p * (1 - p);
        Assert.InRange(mean, n * p - 5 * Math.Sqrt(expectedVariance / draws), n * p + 5 * Math.Sqrt(expectedVariance / draws));
        // The sample variance of ~normal draws has relative standard error sqrt(2/draws) = 1%: allow 5%.
        Assert.InRange(variance / expectedVariance, 0.95, 1.05);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(4.0)]
    [InlineData(25.0)]
    [InlineData(400.0)]
    public void Poisson_MatchesMathNetPmf_ChiSquare(double mean)
    {
        const int draws = 100_000;
        int max = (int)(mean + 12 * Math.Sqrt(mean) + 20);
        var counts = new long[max + 1];
        var rng = new RandomStream(5, (int)mean, 0, 0);
        for (int i = 0; i < draws; i++) counts[Math.Min(max, Samplers.Poisson(ref rng, mean))]++;
        double chi2 = ChiSquare(counts, k => Poisson.PMF(mean, k), draws, out int df);
        Assert.True(chi2 < ChiSquared.InvCDF(df, 0.999), $"chi2 = {chi2:0.0} with {df} df for Poisson({mean})");
    }

    [Fact]
    public void Poisson_ZeroMean_IsZero()
    {
        var rng = new RandomStream(1, 0, 0, 0);
        Assert.Equal(0, Samplers.Poisson(ref rng, 0));
    }

    [Fact]
    public void LogFactorial_MatchesExactSumOfLogs_AcrossTableBoundary()
    {
        double exact = 0;
        for (int k = 1; k <= 2000; k++)
        {
            exact += Math.Log(k);
            Assert.Equal(exact, Samplers.LogFactorial(k), exact * 1e-13 + 1e-13);
        }
    }

    /// <summary>Pearson chi-square; the last cell takes the whole upper tail; cells are pooled until each expects at least 5 draws.</summary>
    private static double ChiSquare(long[] counts, Func<int, double> pmf, int draws, out int df)
    {
        var expected = new double[counts.Length];
        double assigned = 0;
        for (int k = 0; k < counts.Length - 1; k++) { expected[k] = pmf(k) * draws; assigned += expected[k]; }
        expected[^1] = Math.Max(0, draws - assigned);
        var pooledObserved = new List<double>();
        var pooledExpected = new List<double>();
        double o = 0, e = 0;
        for (int k = 0; k < counts.Length; k++)
        {
            o += counts[k]; e += expected[k];
            if (e >= 5) { pooledObserved.Add(o); pooledExpected.Add(e); o = e = 0; }
        }
        if (e > 0 || o > 0) { pooledObserved[^1] += o; pooledExpected[^1] += e; }
        double chi2 = 0;
        for (int i = 0; i < pooledObserved.Count; i++)
            chi2 += Math.Pow(pooledObserved[i] - pooledExpected[i], 2) / pooledExpected[i];
        df = Math.Max(1, pooledObserved.Count - 1);
        return chi2;
    }
}
