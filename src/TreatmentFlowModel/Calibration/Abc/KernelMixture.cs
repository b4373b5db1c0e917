using MathNet.Numerics.LinearAlgebra;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// The proposal distribution of one generation on the unbounded scale: pick particle j of the previous generation
/// with probability wⱼ, then step from it with N(0, Σⱼ). Its density, Σⱼ wⱼ N(z; zⱼ, Σⱼ), is the denominator of
/// the importance weight (Beaumont et al. 2009; Toni et al. 2009).
/// </summary>
internal sealed class KernelMixture
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    private readonly int _d;
    private readonly double[] _centres;     // row-major, component × dimension
    private readonly double[] _cumulative;  // running sums of the weights, for picking an ancestor
    private readonly double[] _logConstant; // ln wⱼ - ½ ln |Σⱼ| - (d/2) ln 2π; -∞ for components of zero weight
    private readonly double[][] _cholesky;  // lower factor of Σⱼ, row-major d × d; shared by all components when one covariance serves

    private KernelMixture(int d, double[] centres, double[] weights, double[][] cholesky, double[] logDeterminants)
    {
        _d = d;
        _centres = centres;
        _cholesky = cholesky;
        int n = weights.Length;
        _cumulative = new double[n];
        _logConstant = new double[n];
        double running = 0;
        for (int j = 0; j < n; j++)
        {
            running += weights[j];
            _cumulative[j] = running;
            double halfLogDet = 0.5 * logDeterminants[cholesky.Length == 1 ? 0 : j];
            _logConstant[j] = weights[j] > 0 ? Math.Log(weights[j]) - halfLogDet - d * HalfLogTwoPi : double.NegativeInfinity;
        }
    }

    /// <summary>Whether the kernel fell back to one shared covariance (OLCM with fewer particles under ε than d + 1).</summary>
    public bool UsedSharedCovariance => _cholesky.Length == 1;

    /// <summary>The covariance of component j (for tests and diagnostics).</summary>
    public double[] CovarianceOf(int j)
    {
        var l = _cholesky[_cholesky.Length == 1 ? 0 : j];
        var c = new double[_d * _d];
        for (int r = 0; r < _d; r++)
            for (int s = 0; s < _d; s++)
            {
                double sum = 0;
                for (int k = 0; k <= Math.Min(r, s); k++) sum += l[r * _d + k] * l[s * _d + k];
                c[r * _d + s] = sum;
            }
        return c;
    }

    /// <summary>The kernel for the generation whose tolerance is <paramref name="epsilon"/>, built from the previous population.</summary>
    public static KernelMixture Build(Population previous, double epsilon, PerturbationKernel kind)
    {
        int d = previous.Dimension, n = previous.Count;
        if (kind == PerturbationKernel.OptimalLocalCovariance)
        {
            // Filippi et al. 2013, eq. 7: Σⱼ = Σᵢ ω̃ᵢ (z̃ᵢ - zⱼ)(z̃ᵢ - zⱼ)ᵀ over the particles already within the new ε,
            // which is C + (m - zⱼ)(m - zⱼ)ᵀ with m and C the weighted mean and covariance of that subset.
            var subset = new double[n];
            int members = 0;
            for (int i = 0; i < n; i++)
                if (previous.Distances[i] <= epsilon && previous.Weights[i] > 0) { subset[i] = previous.Weights[i]; members++; }
            if (members > d)
            {
                var (mean, covariance) = MeanAndCovariance(previous, subset);
                var factors = new double[n][];
                var logDets = new double[n];
                var sigma = new double[d * d];
                for (int j = 0; j < n; j++)
                {
                    if (previous.Weights[j] <= 0) { factors[j] = new double[d * d]; continue; }
                    var zj = previous.ZOf(j);
                    for (int r = 0; r < d; r++)
                        for (int s = 0; s < d; s++)
                            sigma[r * d + s] = covariance[r * d + s] + (mean[r] - zj[r]) * (mean[s] - zj[s]);
                    (factors[j], logDets[j]) = Factor(sigma, d);
                }
                return new KernelMixture(d, previous.Z, previous.Weights, factors, logDets);
            }
            // Too few particles under ε for a full-rank local covariance: use the global kernel this once.
        }
        {
            // Beaumont et al. 2009: twice the weighted covariance of the previous population.
            var (_, covariance) = MeanAndCovariance(previous, previous.Weights);
            for (int k = 0; k < covariance.Length; k++) covariance[k] *= 2;
            var (factor, logDet) = Factor(covariance, d);
            return new KernelMixture(d, previous.Z, previous.Weights, [factor], [logDet]);
        }
    }

    /// <summary>The first component whose running weight sum exceeds <paramref name="u"/> × Σw, for u uniform in (0, 1): component j with probability wⱼ.</summary>
    public int PickAncestor(double u)
    {
        double target = u * _cumulative[^1];
        int low = CumulativeWeights.FirstAbove(_cumulative, target);
        // Only rounding (target a few ulps from Σw) can land on a trailing component of zero weight.
        while (_logConstant[low] == double.NegativeInfinity && low > 0) low--;
        return low;
    }

    /// <summary>A step from component <paramref name="j"/>: z = zⱼ + Lⱼ ξ with ξ standard normal.</summary>
    public void Perturb(int j, System.Random random, Span<double> z)
    {
        Span<double> xi = stackalloc double[_d];
        for (int k = 0; k < _d; k++) xi[k] = MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);
        var l = _cholesky[_cholesky.Length == 1 ? 0 : j];
        for (int r = 0; r < _d; r++)
        {
            double sum = _centres[j * _d + r];
            for (int k = 0; k <= r; k++) sum += l[r * _d + k] * xi[k];
            z[r] = sum;
        }
    }

    /// <summary>ln Σⱼ wⱼ N(z; zⱼ, Σⱼ), summed in a fixed order with a running log-sum-exp.</summary>
    public double LogDensity(ReadOnlySpan<double> z)
    {
        Span<double> y = stackalloc double[_d];
        double max = double.NegativeInfinity, sum = 0;
        for (int j = 0; j < _logConstant.Length; j++)
        {
            if (_logConstant[j] == double.NegativeInfinity) continue;
            var l = _cholesky[_cholesky.Length == 1 ? 0 : j];
            // Solve L y = z - zⱼ by forward substitution; the exponent is -½ |y|².
            double squared = 0;
            for (int r = 0; r < _d; r++)
            {
                double v = z[r] - _centres[j * _d + r];
                for (int k = 0; k < r; k++) v -= l[r * _d + k] * y[k];
                y[r] = v / l[r * _d + r];
                squared += y[r] * y[r];
            }
            double term = _logConstant[j] - 0.5 * squared;
            if (term > max) { sum = sum * Math.Exp(max - term) + 1; max = term; }
            else sum += Math.Exp(term - max);
        }
        return max + Math.Log(sum);
    }

    private static (double[] Mean, double[] Covariance) MeanAndCovariance(Population population, double[] weights)
    {
        int d = population.Dimension;
        var mean = new double[d];
        var covariance = new double[d * d];
        double total = 0;
        for (int i = 0; i < population.Count; i++)
        {
            if (weights[i] <= 0) continue;
            total += weights[i];
            var z = population.ZOf(i);
            for (int r = 0; r < d; r++) mean[r] += weights[i] * z[r];
        }
        for (int r = 0; r < d; r++) mean[r] /= total;
        for (int i = 0; i < population.Count; i++)
        {
            if (weights[i] <= 0) continue;
            var z = population.ZOf(i);
            double w = weights[i] / total;
            for (int r = 0; r < d; r++)
                for (int s = 0; s <= r; s++)
                    covariance[r * d + s] += w * (z[r] - mean[r]) * (z[s] - mean[s]);
        }
        for (int r = 0; r < d; r++)
            for (int s = 0; s < r; s++)
                covariance[s * d + r] = covariance[r * d + s];
        return (mean, covariance);
    }

    /// <summary>
    /// The lower Cholesky factor of a covariance and ln |Σ|. A matrix that is not numerically positive definite (a
    /// parameter the data have pinned, or collinear particles) gets a ridge of 10^-10, then 10^-8, … 10^-2 times its
    /// mean variance on the diagonal; a matrix still not positive definite is replaced by its diagonal.
    /// </summary>
    private static (double[] Lower, double LogDeterminant) Factor(double[] covariance, int d)
    {
        double meanVariance = 0;
        for (int r = 0; r < d; r++) meanVariance += covariance[r * d + r];
        meanVariance = meanVariance > 0 && double.IsFinite(meanVariance) ? meanVariance / d : 1;
        var matrix = Matrix<double>.Build.Dense(d, d, (r, s) => covariance[r * d + s]);
        foreach (double ridge in (ReadOnlySpan<double>)[0, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2])
        {
            var attempt = ridge == 0 ? matrix : matrix + Matrix<double>.Build.DenseIdentity(d) * (ridge * meanVariance);
            if (TryCholesky(attempt, d) is { } result) return result;
        }
        var diagonal = Matrix<double>.Build.Dense(d, d, (r, s) => r == s ? Math.Max(covariance[r * d + r], 1e-10 * meanVariance) : 0);
        return TryCholesky(diagonal, d) ?? throw new InvalidOperationException("The perturbation kernel's covariance is not finite.");
    }

    private static (double[] Lower, double LogDeterminant)? TryCholesky(Matrix<double> matrix, int d)
    {
        try
        {
            var factor = matrix.Cholesky().Factor;
            var lower = new double[d * d];
            double logDet = 0;
            for (int r = 0; r < d; r++)
            {
                for (int s = 0; s <= r; s++) lower[r * d + s] = factor[r, s];
                if (!(lower[r * d + r] > 0) || !double.IsFinite(lower[r * d + r])) return null;
                logDet += 2 * Math.Log(lower[r * d + r]);
            }
            return (lower, logDet);
        }
        catch (ArgumentException)
        {
            return null; // MathNet signals a matrix that is not positive definite this way
        }
    }
}
