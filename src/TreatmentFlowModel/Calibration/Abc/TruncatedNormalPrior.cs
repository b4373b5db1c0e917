using MathNet.Numerics.Distributions;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// A normal prior cut to (<see cref="Lower"/>, <see cref="Upper"/>), one of which may be infinite: for a parameter with
/// a literature estimate and a standard error that must stay positive (or below a bound).
/// </summary>
public sealed class TruncatedNormalPrior : PriorDistribution
{
    private readonly double _mu;
    private readonly double _sigma;
    private readonly double _lower;
    private readonly double _upper;
    private readonly double _logMass; // log of the normal's probability inside the bounds
    private readonly double _mean;
    private readonly double _sd;

    /// <summary>
    /// The normal with mean <paramref name="mu"/> and standard deviation <paramref name="sigma"/> restricted to
    /// (<paramref name="lower"/>, <paramref name="upper"/>); the bounds must hold at least 10^-12 of its mass.
    /// </summary>
    public TruncatedNormalPrior(double mu, double sigma, double lower, double upper)
    {
        Check.Finite(mu);
        Check.Positive(sigma);
        if (double.IsNaN(lower) || double.IsNaN(upper) || !(lower < upper))
            throw new ArgumentException($"lower must be below upper (was {Check.Text(lower)} and {Check.Text(upper)}).", nameof(lower));
        _mu = mu;
        _sigma = sigma;
        _lower = lower;
        _upper = upper;
        double a = (lower - mu) / sigma, b = (upper - mu) / sigma;
        double mass = a > 0 ? Normal.CDF(0, 1, -a) - Normal.CDF(0, 1, -b) : Normal.CDF(0, 1, b) - Normal.CDF(0, 1, a);
        if (!(mass >= 1e-12))
            throw new ArgumentException($"the bounds ({Check.Text(lower)}, {Check.Text(upper)}) hold almost none of the normal's mass (mu {Check.Text(mu)}, sigma {Check.Text(sigma)}).", nameof(lower));
        _logMass = Math.Log(mass);
        // Moments of the truncated normal (Johnson, Kotz and Balakrishnan 1994, section 10.1); φ(±∞) terms vanish.
        double pa = double.IsFinite(a) ? Normal.PDF(0, 1, a) : 0, pb = double.IsFinite(b) ? Normal.PDF(0, 1, b) : 0;
        double apa = double.IsFinite(a) ? a * pa : 0, bpb = double.IsFinite(b) ? b * pb : 0;
        double shift = (pa - pb) / mass;
        _mean = mu + sigma * shift;
        _sd = sigma * Math.Sqrt(Math.Max(0, 1 + (apa - bpb) / mass - shift * shift));
    }

    /// <inheritdoc/>
    public override double Lower => _lower;

    /// <inheritdoc/>
    public override double Upper => _upper;

    /// <inheritdoc/>
    public override double Mean => _mean;

    /// <inheritdoc/>
    public override double StandardDeviation => _sd;

    /// <inheritdoc/>
    public override double LogDensity(double x) => Contains(x) ? Normal.PDFLn(_mu, _sigma, x) - _logMass : double.NegativeInfinity;

    /// <inheritdoc/>
    /// <remarks>Inversion of the normal CDF between the bounds, on the upper tail when the interval lies above the mean so that far tails keep their digits.</remarks>
    protected override double SampleUnchecked(System.Random random)
    {
        double a = (_lower - _mu) / _sigma, b = (_upper - _mu) / _sigma, u = random.NextDouble();
        if (a > 0)
        {
            double qa = Normal.CDF(0, 1, -a), qb = Normal.CDF(0, 1, -b);
            return _mu - _sigma * Normal.InvCDF(0, 1, qb + u * (qa - qb));
        }
        double pa = Normal.CDF(0, 1, a), pb = Normal.CDF(0, 1, b);
        return _mu + _sigma * Normal.InvCDF(0, 1, pa + u * (pb - pa));
    }

    /// <inheritdoc/>
    public override string ToString() => $"TruncatedNormal({Check.Text(_mu)}, {Check.Text(_sigma)}) on ({Check.Text(_lower)}, {Check.Text(_upper)})";
}
