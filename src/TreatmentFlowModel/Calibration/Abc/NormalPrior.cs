using MathNet.Numerics.Distributions;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>A normal prior on the whole real line.</summary>
public sealed class NormalPrior : PriorDistribution
{
    private readonly double _mean;
    private readonly double _sd;

    /// <summary>A normal prior with the given mean and standard deviation (above 0).</summary>
    public NormalPrior(double mean, double standardDeviation)
    {
        Check.Finite(mean);
        Check.Positive(standardDeviation);
        _mean = mean;
        _sd = standardDeviation;
    }

    /// <inheritdoc/>
    public override double Lower => double.NegativeInfinity;

    /// <inheritdoc/>
    public override double Upper => double.PositiveInfinity;

    /// <inheritdoc/>
    public override double Mean => _mean;

    /// <inheritdoc/>
    public override double StandardDeviation => _sd;

    /// <inheritdoc/>
    public override double LogDensity(double x) => double.IsFinite(x) ? Normal.PDFLn(_mean, _sd, x) : double.NegativeInfinity;

    /// <inheritdoc/>
    protected override double SampleUnchecked(System.Random random) => Normal.Sample(random, _mean, _sd);

    /// <inheritdoc/>
    public override string ToString() => $"Normal({Check.Text(_mean)}, {Check.Text(_sd)})";
}
