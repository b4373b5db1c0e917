using System.Globalization;
using MathNet.Numerics.Distributions;

namespace TreatmentFlowModel.Model;

/// <summary>The families a parameter may be drawn from, once per replicate.</summary>
public enum DistributionKind
{
    /// <summary>A point value (no uncertainty).</summary>
    Fixed,
    /// <summary>Beta(Alpha, Beta).</summary>
    Beta,
    /// <summary>Gamma(Shape, Scale).</summary>
    Gamma,
    /// <summary>LogNormal(Mu, Sigma) of the natural logarithm.</summary>
    LogNormal,
    /// <summary>Normal(Mean, Sd), truncated to the parameter's allowed range.</summary>
    Normal,
    /// <summary>Uniform(Lower, Upper).</summary>
    Uniform,
    /// <summary>Triangular(Lower, Mode, Upper).</summary>
    Triangular,
}

/// <summary>
/// A parameter value: a fixed number or a distribution drawn once per replicate (probabilistic
/// sensitivity analysis). Immutable; build with the static factories, one per family. <see cref="ParameterNames"/>
/// is the one place that names each family's parameters (in scenario files, messages and reports);
/// <see cref="Parameters"/> pairs them with their values.
/// </summary>
/// <param name="Kind">The family.</param>
/// <param name="A">First parameter (<see cref="ParameterNames"/>: Value, Alpha, Shape, Mu, Mean or Lower).</param>
/// <param name="B">Second parameter (Beta, Scale, Sigma, Sd, Upper for Uniform or Mode for Triangular).</param>
/// <param name="C">Third parameter (Upper for Triangular).</param>
public sealed record Distribution(DistributionKind Kind, double A, double B = 0, double C = 0)
{
    /// <summary>A fixed value.</summary>
    public static Distribution Fixed(double value) => new(DistributionKind.Fixed, value);

    /// <summary>Beta(alpha, beta).</summary>
    public static Distribution BetaOf(double alpha, double beta) => new(DistributionKind.Beta, alpha, beta);

    /// <summary>Uniform(lower, upper).</summary>
    public static Distribution UniformOf(double lower, double upper) => new(DistributionKind.Uniform, lower, upper);

    /// <summary>Triangular(lower, mode, upper).</summary>
    public static Distribution TriangularOf(double lower, double mode, double upper) => new(DistributionKind.Triangular, lower, mode, upper);

    /// <summary>Gamma(shape, scale): mean shape × scale.</summary>
    public static Distribution GammaOf(double shape, double scale) => new(DistributionKind.Gamma, shape, scale);

    /// <summary>LogNormal(mu, sigma) of the natural logarithm.</summary>
    public static Distribution LogNormalOf(double mu, double sigma) => new(DistributionKind.LogNormal, mu, sigma);

    /// <summary>Normal(mean, sd), truncated to the parameter's allowed range when drawn.</summary>
    public static Distribution NormalOf(double mean, double sd) => new(DistributionKind.Normal, mean, sd);

    /// <summary>The <paramref name="kind"/> family with parameter values <paramref name="values"/> in <see cref="ParameterNames"/> order.</summary>
    /// <exception cref="ArgumentException">Not as many values as the family has parameters.</exception>
    public static Distribution Of(DistributionKind kind, IReadOnlyList<double> values)
    {
        int count = ParameterNames(kind).Count;
        if (values.Count != count) throw new ArgumentException($"{kind} has {count} parameters ({string.Join(", ", ParameterNames(kind))}), not {values.Count}", nameof(values));
        return new(kind, values[0], count > 1 ? values[1] : 0, count > 2 ? values[2] : 0);
    }

    /// <summary>This distribution's parameters by name, in <see cref="ParameterNames"/> order, e.g. (Alpha, 3), (Beta, 7).</summary>
    public IReadOnlyList<(string Name, double Value)> Parameters
    {
        get
        {
            double[] values = [A, B, C];
            return [.. ParameterNames(Kind).Select((name, i) => (name, values[i]))];
        }
    }

    /// <summary>The JSON names of this family's parameters, in the order A, B, C.</summary>
    public static IReadOnlyList<string> ParameterNames(DistributionKind kind) => kind switch
    {
        DistributionKind.Fixed => ["Value"],
        DistributionKind.Beta => ["Alpha", "Beta"],
        DistributionKind.Gamma => ["Shape", "Scale"],
        DistributionKind.LogNormal => ["Mu", "Sigma"],
        DistributionKind.Normal => ["Mean", "Sd"],
        DistributionKind.Uniform => ["Lower", "Upper"],
        DistributionKind.Triangular => ["Lower", "Mode", "Upper"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The same family moved to expected value <paramref name="mean"/>: scaled (Fixed, Uniform, Triangular,
    /// Normal, Gamma), shifted on the log scale (LogNormal), or with the same concentration (Beta).
    /// </summary>
    public Distribution WithMean(double mean)
    {
        double factor = Mean != 0 ? mean / Mean : double.NaN;
        return Kind switch
        {
            DistributionKind.Fixed => Fixed(mean),
            DistributionKind.Beta => new(Kind, mean * (A + B), (1 - mean) * (A + B)),
            DistributionKind.Gamma => new(Kind, A, B * factor),
            DistributionKind.LogNormal => new(Kind, A + Math.Log(factor), B),
            DistributionKind.Normal => new(Kind, mean, B * factor),
            _ => new(Kind, A * factor, B * factor, C * factor),
        };
    }

    /// <summary>The expected value (the value the deterministic mode uses).</summary>
    public double Mean => Kind switch
    {
        DistributionKind.Fixed => A,
        DistributionKind.Beta => A / (A + B),
        DistributionKind.Gamma => A * B,
        DistributionKind.LogNormal => Math.Exp(A + B * B / 2),
        DistributionKind.Normal => A,
        DistributionKind.Uniform => (A + B) / 2,
        DistributionKind.Triangular => (A + B + C) / 3,
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Smallest and largest value a draw can take.</summary>
    public (double Min, double Max) Support => Kind switch
    {
        DistributionKind.Fixed => (A, A),
        DistributionKind.Beta => (0, 1),
        DistributionKind.Gamma or DistributionKind.LogNormal => (0, double.PositiveInfinity),
        DistributionKind.Normal => (double.NegativeInfinity, double.PositiveInfinity),
        DistributionKind.Uniform => (A, B),
        DistributionKind.Triangular => (A, C),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Largest Alpha + Beta a Beta may have: a draw is x / (x + y) of two Gamma draws about Alpha and Beta, whose sum must not overflow.</summary>
    public const double MaxBetaConcentration = 1e300;

    /// <summary>Smallest Scale a Gamma may have: a draw uses the rate 1 / Scale, which must be finite.</summary>
    public const double MinGammaScale = 1e-300;

    /// <summary>Problems with this family's parameters, empty when valid.</summary>
    public IEnumerable<string> Problems()
    {
        static bool Finite(double x) => double.IsFinite(x);
        if (!Finite(A) || !Finite(B) || !Finite(C)) { yield return "parameters must be finite numbers"; yield break; }
        switch (Kind)
        {
            case DistributionKind.Beta when !(Beta.IsValidParameterSet(A, B) && A > 0 && B > 0):
                yield return $"Beta needs Alpha > 0 and Beta > 0 (was Alpha={F(A)}, Beta={F(B)})"; break;
            case DistributionKind.Beta when !(A + B <= MaxBetaConcentration):
                // The sampler divides one Gamma draw by the sum of two: beyond this the sum overflows and every draw is 0.
                yield return $"Beta needs Alpha + Beta <= {F(MaxBetaConcentration)} (was Alpha={F(A)}, Beta={F(B)}): larger ones overflow when drawn"; break;
            case DistributionKind.Gamma when !(A > 0 && B > 0):
                yield return $"Gamma needs Shape > 0 and Scale > 0 (was Shape={F(A)}, Scale={F(B)})"; break;
            case DistributionKind.Gamma when !(B >= MinGammaScale):
                // The sampler takes the rate 1/Scale: below this it is infinite, and every draw would be Shape, not about Shape x Scale.
                yield return $"Gamma needs Scale >= {F(MinGammaScale)} (was Shape={F(A)}, Scale={F(B)}): smaller ones overflow when drawn"; break;
            case DistributionKind.LogNormal when !(B > 0):
                yield return $"LogNormal needs Sigma > 0 (was {F(B)})"; break;
            case DistributionKind.Normal when !(B > 0):
                yield return $"Normal needs Sd > 0 (was {F(B)})"; break;
            case DistributionKind.Uniform when !(A < B):
                yield return $"Uniform needs Lower < Upper (was Lower={F(A)}, Upper={F(B)})"; break;
            case DistributionKind.Triangular when !(A <= B && B <= C && A < C):
                yield return $"Triangular needs Lower <= Mode <= Upper and Lower < Upper (was {F(A)}, {F(B)}, {F(C)})"; break;
        }
    }

    /// <summary>
    /// One draw; <see cref="DistributionKind.Normal"/> is redrawn until it lies in [min, max] (uniform on it when
    /// 10,000 draws all miss), Gamma and LogNormal draws are clamped to it.
    /// </summary>
    internal double Sample(System.Random random, double min, double max)
    {
        switch (Kind)
        {
            case DistributionKind.Fixed: return A;
            case DistributionKind.Beta: return MathNet.Numerics.Distributions.Beta.Sample(random, A, B);
            case DistributionKind.Gamma: return Math.Clamp(MathNet.Numerics.Distributions.Gamma.Sample(random, A, 1.0 / B), min, max);
            case DistributionKind.LogNormal: return Math.Clamp(MathNet.Numerics.Distributions.LogNormal.Sample(random, A, B), min, max);
            case DistributionKind.Uniform: return ContinuousUniform.Sample(random, A, B);
            case DistributionKind.Triangular: return MathNet.Numerics.Distributions.Triangular.Sample(random, A, C, B);
            case DistributionKind.Normal:
                for (int attempt = 0; attempt < 10_000; attempt++)
                {
                    double x = MathNet.Numerics.Distributions.Normal.Sample(random, A, B);
                    if (x >= min && x <= max) return x;
                }
                // 10,000 misses: the range holds almost none of the mass (about 1/1000 or less). Validation keeps the mean
                // inside it, so the range is then a sliver around the mean, at most about 1/200 of Sd wide, over which
                // the density is flat to within 1 part in 10^4: the truncated Normal is uniform on it. (An infinite
                // bound holds at least half the mass and never gets here.)
                if (double.IsFinite(min) && double.IsFinite(max)) return ContinuousUniform.Sample(random, min, max);
                throw new InvalidOperationException($"Normal({F(A)}, {F(B)}) almost never falls inside [{F(min)}, {F(max)}]");
            default: throw new InvalidOperationException();
        }
    }

    /// <summary>JSON-like text, e.g. <c>0.3</c> or <c>Beta(Alpha=3, Beta=7)</c>.</summary>
    public override string ToString() =>
        Kind == DistributionKind.Fixed ? F(A) : $"{Kind}({string.Join(", ", Parameters.Select(p => $"{p.Name}={F(p.Value)}"))})";

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
