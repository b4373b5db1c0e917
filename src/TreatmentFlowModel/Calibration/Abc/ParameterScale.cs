namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// The map between a parameter θ with support (a, b) and the unbounded scale z on which the sampler perturbs it:
/// logit, z = ln((θ - a) / (b - θ)), when both bounds are finite; z = ln(θ - a) above a finite lower bound;
/// z = ln(b - θ) below a finite upper bound; z = θ on the whole line. A Gaussian kernel on z can then never leave the
/// support, and the densities on the two scales differ by the Jacobian |dθ/dz| (<see cref="LogJacobian"/>).
/// </summary>
internal readonly struct ParameterScale
{
    private enum Kind { Identity, AboveLower, BelowUpper, Logit }

    private readonly Kind _kind;
    private readonly double _lower;
    private readonly double _upper;
    private readonly double _logWidth;

    /// <summary>The scale for support (<paramref name="lower"/>, <paramref name="upper"/>).</summary>
    public ParameterScale(double lower, double upper)
    {
        _lower = lower;
        _upper = upper;
        bool low = double.IsFinite(lower), high = double.IsFinite(upper);
        _kind = low && high ? Kind.Logit : low ? Kind.AboveLower : high ? Kind.BelowUpper : Kind.Identity;
        _logWidth = _kind == Kind.Logit ? Math.Log(upper - lower) : 0;
    }

    /// <summary>z for θ strictly inside the support.</summary>
    public double ToUnbounded(double theta) => _kind switch
    {
        Kind.Logit => Math.Log(theta - _lower) - Math.Log(_upper - theta),
        Kind.AboveLower => Math.Log(theta - _lower),
        Kind.BelowUpper => Math.Log(_upper - theta),
        _ => theta,
    };

    /// <summary>θ for z; it may round onto a bound when |z| is large (the caller rejects such values).</summary>
    public double FromUnbounded(double z)
    {
        switch (_kind)
        {
            case Kind.Logit:
                // Measure from the nearer bound so that values close to either end keep their digits.
                if (z >= 0) { double e = Math.Exp(-z); return _upper - (_upper - _lower) * (e / (1 + e)); }
                else { double e = Math.Exp(z); return _lower + (_upper - _lower) * (e / (1 + e)); }
            case Kind.AboveLower: return _lower + Math.Exp(z);
            case Kind.BelowUpper: return _upper - Math.Exp(z);
            default: return z;
        }
    }

    /// <summary>ln |dθ/dz| at z: what turns a density on the θ scale into one on the z scale.</summary>
    public double LogJacobian(double z) => _kind switch
    {
        // dθ/dz = (b - a) s (1 - s) with s the logistic of z; s (1 - s) = e^-|z| / (1 + e^-|z|)^2, stable for any z.
        Kind.Logit => _logWidth - Math.Abs(z) - 2 * Math.Log(1 + Math.Exp(-Math.Abs(z))),
        Kind.AboveLower or Kind.BelowUpper => z,
        _ => 0,
    };
}
