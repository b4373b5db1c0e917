using MathNet.Numerics.Distributions;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>A log-normal prior on (0, ∞): the log of the parameter is normal with mean <c>mu</c> and standard deviation <c>sigma</c>.</summary>
public sealed class LogNormalPrior : PriorDistribution
{
    private readonly double _mu;
    private readonly double _sigma;

    /// <summary>A log-normal prior whose logarithm has mean <paramref name="mu"/> and standard deviation <paramref name="sigma"/> (above 0).</summary>
    public LogNormalPrior(double mu, double sigma)
    {
        Check.Finite(mu);
        Check.Positive(sigma);
        _mu = mu;
        _sigma = sigma;
    }

    /// <summary>A log-normal prior with the given median and a 90% interval of [median / factor, median × factor].</summary>
    /// <param name="median">The prior median (above 0).</param>
    /// <param name="factor90">How many times the median the 95th percentile is (above 1).</param>
    public static LogNormalPrior FromMedian(double median, double factor90)
    {
        Check.Positive(median);
        if (!(double.IsFinite(factor90) && factor90 > 1)) throw new ArgumentOutOfRangeException(nameof(factor90), factor90, $"factor90 must be a finite number above 1 (was {Check.Text(factor90)}).");
        return new LogNormalPrior(Math.Log(median), Math.Log(factor90) / 1.6448536269514722); // z of the 95th percentile
    }

    /// <inheritdoc/>
    public override double Lower => 0;

    /// <inheritdoc/>
    public override double Upper => double.PositiveInfinity;

    /// <inheritdoc/>
    public override double Mean => Math.Exp(_mu + 0.5 * _sigma * _sigma);

    /// <inheritdoc/>
    public override double StandardDeviation => Mean * Math.Sqrt(MathNet.Numerics.SpecialFunctions.Expm1(_sigma * _sigma));

    /// <inheritdoc/>
    public override double LogDensity(double x) => Contains(x) ? LogNormal.PDFLn(_mu, _sigma, x) : double.NegativeInfinity;

    /// <inheritdoc/>
    protected override double SampleUnchecked(System.Random random) => LogNormal.Sample(random, _mu, _sigma);

    /// <inheritdoc/>
    public override string ToString() => $"LogNormal({Check.Text(_mu)}, {Check.Text(_sigma)})";
}
