using MathNet.Numerics.Distributions;
using TreatmentFlowModel.Calibration.Abc;

namespace TreatmentFlowModel.Tests.Calibration.Abc;

/// <summary>The sampler against posteriors known in closed form.</summary>
public class AbcSmcSamplerConjugateTests
{
    // Normal mean, known variance: θ ~ N(0, 1); the data are n = 10 draws from N(θ, 1) summarised by their mean
    // ȳ = 0.8, whose sampling distribution is N(θ, s²) with s = 1/√10. Exact posterior (e.g. Gelman et al., Bayesian
    // Data Analysis, 3rd ed., section 2.5): precision 1 + n = 11, mean n ȳ / 11 = 0.72727, sd 1/√11 = 0.30151.
    private const double ObservedMean = 0.8;
    private static readonly double S = 1 / Math.Sqrt(10);

    private static AbcSmcSampler NormalMeanSampler(AbcSmcOptions options) => new(
        new Prior(new PriorParameter("mu", new NormalPrior(0, 1))),
        (theta, context) => ToyModels.NormalSampleMean(theta, context, n: 10, sigma: 1),
        [new Observation("sample_mean", ObservedMean, S)],
        options);

    /// <summary>
    /// Mean and sd of the ABC target itself at tolerance ε (distance |ȳsim - ȳ| / s ≤ ε): the prior times the chance
    /// that the simulated mean lands within ε s of ȳ, π(θ) [Φ((ȳ + εs - θ)/s) - Φ((ȳ - εs - θ)/s)], by the midpoint rule.
    /// </summary>
    private static (double Mean, double Sd) AbcTarget(double epsilon)
    {
        double mass = 0, first = 0, second = 0, step = 1e-4;
        for (double theta = -4 + step / 2; theta < 5; theta += step)
        {
            double density = Normal.PDF(0, 1, theta) * (Normal.CDF(0, 1, (ObservedMean + epsilon * S - theta) / S) - Normal.CDF(0, 1, (ObservedMean - epsilon * S - theta) / S));
            mass += density;
            first += density * theta;
            second += density * theta * theta;
        }
        double mean = first / mass;
        return (mean, Math.Sqrt(second / mass - mean * mean));
    }

    [Theory]
    [InlineData(PerturbationKernel.OptimalLocalCovariance)]
    [InlineData(PerturbationKernel.TwiceWeightedCovariance)]
    public void NormalMean_WithSmallFinalTolerance_MatchesTheExactPosteriorWithinMonteCarloError(PerturbationKernel kernel)
    {
        const double exactMean = 8.0 / 11, finalEpsilon = 0.1;
        double exactSd = 1 / Math.Sqrt(11);
        var posterior = NormalMeanSampler(new AbcSmcOptions
        {
            PopulationSize = 1000,
            MinimumEpsilon = finalEpsilon,
            MaximumSimulations = 200_000,
            Kernel = kernel,
            Seed = 11,
        }).Run();

        Assert.Equal(StopReason.MinimumEpsilonReached, posterior.StopReason);
        Assert.Equal(finalEpsilon, posterior.Epsilon);
        // The ABC target at ε = 0.1 differs from the exact posterior by the uniform kernel's ε²s²/3 added to the data
        // variance: under 0.2% in the mean and sd, far below the Monte Carlo error allowed below.
        var (targetMean, targetSd) = AbcTarget(finalEpsilon);
        Assert.InRange(Math.Abs(targetMean / exactMean - 1), 0, 0.002);
        Assert.InRange(Math.Abs(targetSd / exactSd - 1), 0, 0.002);
        // Monte Carlo error: the final generation is an importance sample of the target, so the standard error of the
        // weighted mean is sd / √ESS and that of the weighted sd about sd / √(2 ESS) (normal target). Allow 4 of each,
        // plus the ε bias: a correct sampler fails this with probability below 10^-4.
        double ess = posterior.EffectiveSampleSize;
        Assert.InRange(ess, 500, 1000);
        Assert.InRange(posterior.Mean(0), exactMean - 4 * exactSd / Math.Sqrt(ess) - 0.002, exactMean + 4 * exactSd / Math.Sqrt(ess) + 0.002);
        Assert.InRange(posterior.StandardDeviation(0), exactSd - 4 * exactSd / Math.Sqrt(2 * ess) - 0.002, exactSd + 4 * exactSd / Math.Sqrt(2 * ess) + 0.002);
    }

    [Fact]
    public void BetaBinomial_AtToleranceZero_IsTheExactBetaPosteriorInMeanSdAndQuantiles()
    {
        // θ ~ Uniform(0, 1) = Beta(1, 1); k = 7 successes in n = 20: the posterior is Beta(1 + 7, 1 + 13) = Beta(8, 14).
        // A discrete summary can be matched exactly, and at ε = 0 rejection ABC is exact (Pritchard et al. 1999), so
        // only Monte Carlo error remains.
        const int n = 20, k = 7;
        var posterior = new AbcSmcSampler(
            new Prior(new PriorParameter("p", new UniformPrior(0, 1))),
            (theta, context) => ToyModels.BinomialCount(theta, context, n),
            [new Observation("successes", k, 1)],
            new AbcSmcOptions { PopulationSize = 1000, MinimumEpsilon = 0, MaximumSimulations = 100_000, Seed = 5 }).Run();

        Assert.Equal(StopReason.MinimumEpsilonReached, posterior.StopReason);
        Assert.Equal(0, posterior.Epsilon);
        Assert.All(posterior.Distances, d => Assert.Equal(0, d));
        const double a = 1 + k, b = 1 + n - k;
        double mean = a / (a + b), sd = Math.Sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
        double ess = posterior.EffectiveSampleSize;
        Assert.InRange(posterior.Mean(0), mean - 4 * sd / Math.Sqrt(ess), mean + 4 * sd / Math.Sqrt(ess));
        Assert.InRange(posterior.StandardDeviation(0), sd - 4 * sd / Math.Sqrt(2 * ess), sd + 4 * sd / Math.Sqrt(2 * ess));
        // A sample p-quantile has standard error √(p(1-p)/ESS) / f(q) (asymptotic normality of sample quantiles).
        foreach (double p in new[] { 0.05, 0.5, 0.95 })
        {
            double q = Beta.InvCDF(a, b, p), se = Math.Sqrt(p * (1 - p) / ess) / Beta.PDF(a, b, q);
            Assert.InRange(posterior.Quantile(0, p), q - 4 * se, q + 4 * se);
        }
    }

    [Fact]
    public void CommonRandomNumbers_FitOneNoiseRealisation_GivingAPosteriorFarNarrowerThanTheTrueOne()
    {
        // Under common random numbers every simulation sees the same noise ē, so ȳsim = θ + ē exactly and the sampler
        // accepts the interval |θ + ē - ȳ| ≤ εs: a "posterior" of width about 2εs/√12 = 0.018, not 0.30. This is why
        // NoiseMode.Independent is the default; the conjugate test above shows the default gets the width right.
        var common = NormalMeanSampler(new AbcSmcOptions { PopulationSize = 500, MinimumEpsilon = 0.1, MaximumSimulations = 100_000, Noise = NoiseMode.Common, Seed = 11 }).Run();
        Assert.Equal(StopReason.MinimumEpsilonReached, common.StopReason);
        Assert.InRange(common.StandardDeviation(0), 0, 0.25 / Math.Sqrt(11));
    }
}
