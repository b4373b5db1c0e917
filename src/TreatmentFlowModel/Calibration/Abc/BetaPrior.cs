using MathNet.Numerics.Distributions;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// A beta prior with shapes <c>alpha</c> and <c>beta</c>, on (0, 1) or stretched onto (<see cref="Lower"/>,
/// <see cref="Upper"/>): the natural prior for a probability or a share.
/// </summary>
public sealed class BetaPrior : PriorDistribution
{
    private readonly double _alpha;
    private readonly double _beta;
    private readonly double _lower;
    private readonly double _upper;

    /// <summary>A beta prior with shapes above 0, on (<paramref name="lower"/>, <paramref name="upper"/>) (default (0, 1)).</summary>
    public BetaPrior(double alpha, double beta, double lower = 0, double upper = 1)
    {
        Check.Positive(alpha);
        Check.Positive(beta);
        Check.Finite(lower);
        Check.Finite(upper);
        if (!(lower < upper)) throw new ArgumentException($"lower must be below upper (was {Check.Text(lower)} and {Check.Text(upper)}).", nameof(lower));
        _alpha = alpha;
        _beta = beta;
        _lower = lower;
        _upper = upper;
    }

    /// <inheritdoc/>
    public override double Lower => _lower;

    /// <inheritdoc/>
    public override double Upper => _upper;

    /// <inheritdoc/>
    public override double Mean => _lower + (_upper - _lower) * _alpha / (_alpha + _beta);

    /// <inheritdoc/>
    public override double StandardDeviation =>
        (_upper - _lower) * Math.Sqrt(_alpha * _beta / ((_alpha + _beta) * (_alpha + _beta) * (_alpha + _beta + 1)));

    /// <inheritdoc/>
    public override double LogDensity(double x)
    {
        if (!Contains(x)) return double.NegativeInfinity;
        double width = _upper - _lower;
        return Beta.PDFLn(_alpha, _beta, (x - _lower) / width) - Math.Log(width);
    }

    /// <inheritdoc/>
    protected override double SampleUnchecked(System.Random random) => _lower + (_upper - _lower) * Beta.Sample(random, _alpha, _beta);

    /// <inheritdoc/>
    public override string ToString() => _lower == 0 && _upper == 1
        ? $"Beta({Check.Text(_alpha)}, {Check.Text(_beta)})"
        : $"Beta({Check.Text(_alpha)}, {Check.Text(_beta)}) on ({Check.Text(_lower)}, {Check.Text(_upper)})";
}
