using TreatmentFlowModel.Calibration.Abc;

namespace TreatmentFlowModel.Tests.Calibration.Abc;

/// <summary>Weighted summaries and the per-replicate draw that forecasts use.</summary>
public class AbcPosteriorTests
{
    internal static AbcPosterior Small(double[] values, double[] weights) => new(
        ["x"], values.Select(v => (IReadOnlyList<double>)[v]), weights, values.Select(_ => 0.5), [new Observation("o", 1, 0.5)], [0.5],
        [new GenerationDiagnostics(0, double.PositiveInfinity, values.Length, values.Length, values.Length, values.Length, 1 / weights.Sum(w => w * w))],
        StopReason.MaximumGenerations, new AbcSmcOptions(), values.Length);

    [Fact]
    public void WeightedQuantiles_AreTheInverseOfTheWeightedDistributionFunction()
    {
        // Values 1..4 with weights 0.1..0.4: cumulative weights 0.1, 0.3, 0.6, 1.0 (in shuffled order to check sorting).
        var posterior = Small([3, 1, 4, 2], [0.3, 0.1, 0.4, 0.2]);
        Assert.Equal(1, posterior.Quantile(0, 0.05));
        Assert.Equal(2, posterior.Quantile(0, 0.2));
        Assert.Equal(3, posterior.Quantile(0, 0.5));
        Assert.Equal(4, posterior.Quantile(0, 0.95));
        Assert.Equal(3.0, posterior.Mean(0), 14);                 // 0.1 + 0.4 + 0.9 + 1.6
        Assert.Equal(1.0, posterior.StandardDeviation(0), 14);    // 0.1·4 + 0.2·1 + 0.3·0 + 0.4·1
        Assert.Equal(1 / 0.3, posterior.EffectiveSampleSize, 12); // 1 / (0.01 + 0.04 + 0.09 + 0.16)
        var summary = Assert.Single(posterior.Summaries());
        Assert.Equal(new ParameterSummary("x", posterior.Mean(0), posterior.StandardDeviation(0), 1, 3, 4), summary);
    }

    [Fact]
    public void Draw_PicksEachParticleWithItsWeight_AndTheSameReplicateAlwaysGetsTheSameSet()
    {
        var posterior = Small([10, 20, 30, 40], [0.1, 0.2, 0.3, 0.4]);
        const int draws = 40_000;
        var counts = new int[4];
        for (int r = 0; r < draws; r++) counts[posterior.DrawIndex(77, r)]++;
        // Each count is Binomial(40,000, w): allow 4 standard deviations.
        for (int i = 0; i < 4; i++)
        {
            double w = posterior.Weights[i], sd = Math.Sqrt(draws * w * (1 - w));
            Assert.InRange(counts[i], draws * w - 4 * sd, draws * w + 4 * sd);
        }
        Assert.Equal(posterior.Draw(77, 12345), posterior.Draw(77, 12345));
        Assert.Equal(posterior.Particles[posterior.DrawIndex(77, 5)].ToArray(), posterior.Draw(77, 5));
        Assert.NotEqual(Enumerable.Range(0, 50).Select(r => posterior.DrawIndex(77, r)), Enumerable.Range(0, 50).Select(r => posterior.DrawIndex(78, r)));
    }

    [Fact]
    public void Draw_NeverPicksAParticleOfZeroWeight()
    {
        var posterior = Small([1, 2, 3, 4], [0, 0.5, 0, 0.5]);
        for (int r = 0; r < 2000; r++) Assert.Contains(posterior.DrawIndex(3, r), new[] { 1, 3 });
    }

    [Fact]
    public void Constructor_WeightsNotSummingToOne_AreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Small([1, 2], [0.5, 0.6]));
        Assert.Equal("Inconsistent posterior: the weights sum to 1.1, not 1.", error.Message);
    }
}
