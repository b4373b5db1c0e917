using MathNet.Numerics.Distributions;
using TreatmentFlowModel.Calibration.Abc;

namespace TreatmentFlowModel.Tests.Calibration.Abc;

/// <summary>The fit report's median and band against a predictive distribution known in closed form.</summary>
public class PosteriorPredictiveTests
{
    [Fact]
    public void NormalMean_PredictiveMedianAndBand_MatchTheExactPosteriorPredictive()
    {
        // Posterior N(8/11, 1/11) (see the conjugate test); a new sample mean is N(θ, 1/10) given θ, so the posterior
        // predictive is N(8/11, 1/11 + 1/10), sd 0.4371: median 0.7273, 5% 0.0083, 95% 1.4463.
        var posterior = new AbcSmcSampler(new Prior(new PriorParameter("mu", new NormalPrior(0, 1))),
            (t, c) => ToyModels.NormalSampleMean(t, c, 10, 1), [new Observation("sample_mean", 0.8, 1 / Math.Sqrt(10))],
            new AbcSmcOptions { PopulationSize = 1000, MinimumEpsilon = 0.1, MaximumSimulations = 200_000, Seed = 11 }).Run();
        const int draws = 4000;
        var row = Assert.Single(PosteriorPredictive.Run(posterior, (t, c) => ToyModels.NormalSampleMean(t, c, 10, 1), options: new PredictiveOptions { Draws = draws, Seed = 2 }));

        double mean = 8.0 / 11, sd = Math.Sqrt(1.0 / 11 + 0.1);
        // Error of a sample p-quantile of 4000 draws: √(p(1-p)/4000) / f(q) (0.0086 at the median, 0.0150 at 5% and
        // 95%), plus the ABC posterior's own error, whose mean has se 0.30/√ESS ≈ 0.011: allow 4 of their combination.
        double posteriorSe = 1 / Math.Sqrt(11) / Math.Sqrt(posterior.EffectiveSampleSize);
        foreach (var (p, estimate) in new[] { (0.5, row.Median), (0.05, row.Lower), (0.95, row.Upper) })
        {
            double q = Normal.InvCDF(mean, sd, p), quantileSe = Math.Sqrt(p * (1 - p) / draws) / Normal.PDF(mean, sd, q);
            double tolerance = 4 * Math.Sqrt(quantileSe * quantileSe + posteriorSe * posteriorSe);
            Assert.InRange(estimate, q - tolerance, q + tolerance);
        }
        Assert.Equal(("sample_mean", 0.8), (row.Name, row.Observed));
        Assert.True(row.ObservedInsideBand);
    }

    [Fact]
    public void HeldOutObservations_AreSetBesideTheSimulatorsOtherSummaries()
    {
        var posterior = AbcPosteriorTests.Small([1, 2], [0.5, 0.5]);
        var rows = PosteriorPredictive.Run(posterior, (t, c) => [10 * t[0]], [new Observation("held_out", 35, 1)], new PredictiveOptions { Draws = 50 });
        var row = Assert.Single(rows);
        Assert.Equal(("held_out", 10.0, 20.0), (row.Name, row.Lower, row.Upper));
        Assert.False(row.ObservedInsideBand);
    }

    [Fact]
    public void SimulatorReturningTheWrongNumberOfSummaries_IsNamedWithTheDrawAndParameters()
    {
        var posterior = AbcPosteriorTests.Small([1, 2], [0.5, 0.5]);
        var error = Assert.Throws<AbcSimulationException>(() => PosteriorPredictive.Run(posterior, (t, c) => [1, 2]));
        Assert.Matches(@"^The simulator failed at posterior predictive draw 0, parameters \(x = [12]\): it returned 2 summaries where there are 1 observations$", error.Message);
    }
}
