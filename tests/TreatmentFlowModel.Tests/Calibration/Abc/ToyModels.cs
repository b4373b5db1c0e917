using MathNet.Numerics.Distributions;
using TreatmentFlowModel.Calibration.Abc;
using TreatmentFlowModel.Random;

namespace TreatmentFlowModel.Tests.Calibration.Abc;

/// <summary>Cheap stochastic models with known answers for testing the ABC sampler; each draws only from its context's streams.</summary>
internal static class ToyModels
{
    /// <summary>
    /// The mean of <paramref name="n"/> draws from N(θ₀, <paramref name="sigma"/>²), drawn from its exact sampling
    /// distribution N(θ₀, sigma²/n) with one normal deviate (cheaper than n deviates, and the same in law).
    /// </summary>
    public static double[] NormalSampleMean(double[] theta, SimulationContext context, int n, double sigma)
    {
        var rng = new RandomStream(context.NoiseSeed, context.NoiseReplicate, 0, 0);
        return [theta[0] + sigma / Math.Sqrt(n) * Normal.InvCDF(0, 1, rng.NextDouble())];
    }

    /// <summary>A Binomial(<paramref name="n"/>, θ₀) count, drawn with the engine's sampler.</summary>
    public static double[] BinomialCount(double[] theta, SimulationContext context, int n)
    {
        var rng = new RandomStream(context.NoiseSeed, context.NoiseReplicate, 0, 0);
        return [Samplers.Binomial(ref rng, (long)n, theta[0])];
    }

    /// <summary>The treatment queue's parameters: weekly referrals, weekly exit probability, criminal-justice share of referrals.</summary>
    public static Prior QueuePrior() => new(
        new PriorParameter("referrals_per_week", new LogNormalPrior(Math.Log(20), 0.4)),
        new PriorParameter("exit_probability", new BetaPrior(2, 30)),
        new PriorParameter("cjs_share", new BetaPrior(2, 3)));

    /// <summary>Names of <see cref="TreatmentQueue"/>'s summaries.</summary>
    public static readonly string[] QueueSummaries = ["referrals", "cjs_referrals", "exits", "mean_caseload"];

    /// <summary>
    /// A one-service treatment caseload over 52 weeks: Poisson(λ) referrals a week, a Binomial(referrals, ρ) share of
    /// them from criminal justice, Binomial(caseload, h) exits, starting at the stationary caseload λ / h; each flow
    /// draws from its own stream (channel). Summaries: total referrals, criminal-justice referrals, total exits, mean
    /// caseload. <paramref name="exitScale"/> multiplies h: 1 is the model, anything else a deliberately wrong one.
    /// </summary>
    public static double[] TreatmentQueue(double[] theta, SimulationContext context, double exitScale = 1)
    {
        double lambda = theta[0], h = theta[1] * exitScale, rho = theta[2];
        var arrivals = new RandomStream(context.NoiseSeed, context.NoiseReplicate, 0, 0);
        var split = new RandomStream(context.NoiseSeed, context.NoiseReplicate, 0, 1);
        var leaving = new RandomStream(context.NoiseSeed, context.NoiseReplicate, 0, 2);
        double caseload = Math.Round(lambda / theta[1]);
        double referrals = 0, cjs = 0, exits = 0, caseloadSum = 0;
        for (int week = 0; week < 52; week++)
        {
            long a = Samplers.Poisson(ref arrivals, lambda);
            long c = Samplers.Binomial(ref split, a, rho);
            long e = Samplers.Binomial(ref leaving, (long)caseload, h);
            caseload += a - e;
            referrals += a;
            cjs += c;
            exits += e;
            caseloadSum += caseload;
        }
        return [referrals, cjs, exits, caseloadSum / 52];
    }
}
