namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>A uniform prior on (<see cref="Lower"/>, <see cref="Upper"/>): every value in the range equally plausible.</summary>
public sealed class UniformPrior : PriorDistribution
{
    private readonly double _lower;
    private readonly double _upper;

    /// <summary>A uniform prior between two finite bounds, <paramref name="lower"/> below <paramref name="upper"/>.</summary>
    public UniformPrior(double lower, double upper)
    {
        Check.Finite(lower);
        Check.Finite(upper);
        if (!(lower < upper)) throw new ArgumentException($"lower must be below upper (was {Check.Text(lower)} and {Check.Text(upper)}).", nameof(lower));
        _lower = lower;
        _upper = upper;
    }

    /// <inheritdoc/>
    public override double Lower => _lower;

    /// <inheritdoc/>
    public override double Upper => _upper;

    /// <inheritdoc/>
    public override double Mean => 0.5 * (_lower + _upper);

    /// <inheritdoc/>
    public override double StandardDeviation => (_upper - _lower) / Math.Sqrt(12);

    /// <inheritdoc/>
    public override double LogDensity(double x) => Contains(x) ? -Math.Log(_upper - _lower) : double.NegativeInfinity;

    /// <inheritdoc/>
    protected override double SampleUnchecked(System.Random random) => _lower + (_upper - _lower) * random.NextDouble();

    /// <inheritdoc/>
    public override string ToString() => $"Uniform({Check.Text(_lower)}, {Check.Text(_upper)})";
}
