using TreatmentFlowModel.Calibration.Abc;

namespace TreatmentFlowModel.Tests.Calibration.Abc;

/// <summary>The prior distributions and the unbounded scale the kernel works on.</summary>
public class PriorTests
{
    public static TheoryData<string, PriorDistribution> Distributions => new()
    {
        { "uniform", new UniformPrior(-2, 5) },
        { "normal", new NormalPrior(3, 0.5) },
        { "lognormal", new LogNormalPrior(1, 0.4) },
        { "gamma", new GammaPrior(2.5, 4) },
        { "beta", new BetaPrior(2, 30) },
        { "stretched beta", new BetaPrior(3, 2, 10, 20) },
        { "truncated normal, both bounds", new TruncatedNormalPrior(0.3, 0.2, 0, 1) },
        { "truncated normal, far upper tail", new TruncatedNormalPrior(0, 1, 3, double.PositiveInfinity) },
    };

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Sample_HasTheStatedMeanAndSd_AndStaysInsideTheSupport(string name, PriorDistribution distribution)
    {
        // 20,000 draws: the sample mean's se is sd/√n; the sample variance's is √((m₄ - var²)/n) from the draws' own
        // fourth moment. 4 of each allowed.
        const int n = 20_000;
        var random = new PhiloxRandom(5, 0, 0, name.Length);
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = distribution.Sample(random);
        Assert.All(x, v => Assert.True(distribution.Contains(v), $"{name}: draw {v} outside ({distribution.Lower}, {distribution.Upper})"));
        double mean = x.Average(), variance = x.Average(v => (v - mean) * (v - mean)), m4 = x.Average(v => Math.Pow(v - mean, 4));
        double sd = distribution.StandardDeviation;
        Assert.True(Math.Abs(mean - distribution.Mean) <= 4 * sd / Math.Sqrt(n), $"{name}: mean {mean} vs {distribution.Mean}");
        Assert.True(Math.Abs(variance - sd * sd) <= 4 * Math.Sqrt((m4 - variance * variance) / n), $"{name}: variance {variance} vs {sd * sd}");
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void LogDensity_IntegratesToOne_AndIsMinusInfinityOutsideTheSupport(string name, PriorDistribution distribution)
    {
        // Midpoint rule over the support, or mean ± 12 sd where it is unbounded (the tails beyond hold under 10^-9).
        double low = Math.Max(distribution.Lower, distribution.Mean - 12 * distribution.StandardDeviation);
        double high = Math.Min(distribution.Upper, distribution.Mean + 12 * distribution.StandardDeviation);
        const int steps = 200_000;
        double h = (high - low) / steps, integral = 0;
        for (int i = 0; i < steps; i++) integral += Math.Exp(distribution.LogDensity(low + (i + 0.5) * h)) * h;
        Assert.True(Math.Abs(integral - 1) < 2e-3, $"{name}: integral {integral}");
        if (double.IsFinite(distribution.Lower)) Assert.Equal(double.NegativeInfinity, distribution.LogDensity(distribution.Lower));
        if (double.IsFinite(distribution.Upper)) Assert.Equal(double.NegativeInfinity, distribution.LogDensity(distribution.Upper));
    }

    [Fact]
    public void Transform_RoundTrips_AndItsJacobianIsTheDerivativeOfTheInverse()
    {
        var prior = new Prior(
            new PriorParameter("bounded", new BetaPrior(2, 2, 10, 20)),
            new PriorParameter("positive", new GammaPrior(2, 1)),
            new PriorParameter("below", new TruncatedNormalPrior(0, 1, double.NegativeInfinity, 2)),
            new PriorParameter("free", new NormalPrior(0, 1)));
        double[] theta = [19.999, 0.003, 1.5, -7];
        var z = new double[4];
        var back = new double[4];
        prior.ToUnbounded(theta, z);
        Assert.True(prior.TryFromUnbounded(z, back));
        for (int i = 0; i < 4; i++) Assert.Equal(theta[i], back[i], 1e-9 * Math.Max(1, Math.Abs(theta[i])));
        // ln |dθ/dz| against a central difference of θ(z), one coordinate at a time.
        double expected = 0;
        for (int i = 0; i < 4; i++)
        {
            const double step = 1e-6;
            var plus = (double[])z.Clone();
            var minus = (double[])z.Clone();
            plus[i] += step;
            minus[i] -= step;
            var tp = new double[4];
            var tm = new double[4];
            prior.TryFromUnbounded(plus, tp);
            prior.TryFromUnbounded(minus, tm);
            expected += Math.Log(Math.Abs(tp[i] - tm[i]) / (2 * step));
        }
        Assert.Equal(expected, prior.LogJacobian(z), 1e-5);
        Assert.Equal(prior.LogDensity(theta) + prior.LogJacobian(z), prior.LogDensityUnbounded(z, theta), 12);
    }

    [Fact]
    public void TryFromUnbounded_FarOutOnTheLogitScale_RoundsOntoTheBoundAndSaysSo()
    {
        var prior = new Prior(new PriorParameter("p", new UniformPrior(0, 1)));
        var theta = new double[1];
        Assert.False(prior.TryFromUnbounded([40.0], theta)); // 1 - e^-40 rounds to 1
        Assert.True(prior.TryFromUnbounded([-40.0], theta)); // e^-40 is still representable above 0
        Assert.InRange(theta[0], 4e-18, 5e-18);
    }

    [Fact]
    public void FromRange_NinetyPercentRange_GivesMidpointAndTheNormalErrorPuttingNinetyPercentInside()
    {
        var o = Observation.FromRange("in_treatment_1998", 85_000, 102_000);
        Assert.Equal(93_500, o.Value);
        Assert.Equal(8_500 / 1.6448536269514722, o.Uncertainty, 1e-6);
    }

    [Fact]
    public void LogNormalFromMedian_PutsNinetyPercentBetweenMedianOverAndTimesTheFactor()
    {
        var d = LogNormalPrior.FromMedian(300_000, 1.5);
        Assert.Equal(0.05, MathNet.Numerics.Distributions.LogNormal.CDF(Math.Log(300_000), Math.Log(1.5) / 1.6448536269514722, 200_000), 12);
        Assert.Equal(Math.Exp(Math.Log(300_000) + 0.5 * Math.Pow(Math.Log(1.5) / 1.6448536269514722, 2)), d.Mean, 6);
    }

    [Fact]
    public void Constructors_RejectNaNAndOutOfRangeParameters_WithTheValue()
    {
        Assert.Equal("sigma must be a finite number above 0 (was NaN). (Parameter 'sigma')\nActual value was NaN.",
            Assert.Throws<ArgumentOutOfRangeException>(() => new LogNormalPrior(0, double.NaN)).Message);
        Assert.Equal("lower must be below upper (was 2 and 1). (Parameter 'lower')", Assert.Throws<ArgumentException>(() => new UniformPrior(2, 1)).Message);
        Assert.StartsWith("the bounds (40, Infinity) hold almost none", Assert.Throws<ArgumentException>(() => new TruncatedNormalPrior(0, 1, 40, double.PositiveInfinity)).Message);
    }
}
