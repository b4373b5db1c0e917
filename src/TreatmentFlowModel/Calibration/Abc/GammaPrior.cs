using MathNet.Numerics.Distributions;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>A gamma prior on (0, ∞) with a shape and a rate (mean shape / rate).</summary>
public sealed class GammaPrior : PriorDistribution
{
    private readonly double _shape;
    private readonly double _rate;

    /// <summary>A gamma prior with the given shape and rate, both above 0.</summary>
    public GammaPrior(double shape, double rate)
    {
        Check.Positive(shape);
        Check.Positive(rate);
        _shape = shape;
        _rate = rate;
    }

    /// <inheritdoc/>
    public override double Lower => 0;

    /// <inheritdoc/>
    public override double Upper => double.PositiveInfinity;

    /// <inheritdoc/>
    public override double Mean => _shape / _rate;

    /// <inheritdoc/>
    public override double StandardDeviation => Math.Sqrt(_shape) / _rate;

    /// <inheritdoc/>
    public override double LogDensity(double x) => Contains(x) ? Gamma.PDFLn(_shape, _rate, x) : double.NegativeInfinity;

    /// <inheritdoc/>
    protected override double SampleUnchecked(System.Random random) => Gamma.Sample(random, _shape, _rate);

    /// <inheritdoc/>
    public override string ToString() => $"Gamma({Check.Text(_shape)}, {Check.Text(_rate)})";
}
