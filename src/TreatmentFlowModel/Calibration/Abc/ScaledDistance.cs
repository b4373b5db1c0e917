using System.Collections.Immutable;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>The weighted Euclidean distance √Σₖ ((sₖ - oₖ) / scaleₖ)² between simulated and observed summaries (see <see cref="DistanceScaling"/>).</summary>
internal sealed class ScaledDistance
{
    private readonly double[] _observed;
    private readonly double[] _inverseScales;

    private ScaledDistance(double[] observed, double[] scales)
    {
        _observed = observed;
        Scales = [.. scales];
        _inverseScales = [.. scales.Select(s => 1 / s)];
    }

    /// <summary>Each observation's scale.</summary>
    public ImmutableArray<double> Scales { get; }

    /// <summary>Scales from the observations' stated uncertainties.</summary>
    public static ScaledDistance FromStatedUncertainty(IReadOnlyList<Observation> observations) =>
        new([.. observations.Select(o => o.Value)], [.. observations.Select(o => o.Uncertainty)]);

    /// <summary>Scales from the spread of prior-predictive summaries, one row per simulation.</summary>
    public static ScaledDistance FromPriorPredictive(IReadOnlyList<Observation> observations, IReadOnlyList<double[]> simulated)
    {
        var scales = new double[observations.Count];
        var column = new double[simulated.Count];
        for (int k = 0; k < scales.Length; k++)
        {
            for (int i = 0; i < column.Length; i++) column[i] = simulated[i][k];
            scales[k] = RobustScale(column);
        }
        return new([.. observations.Select(o => o.Value)], scales);
    }

    /// <summary>1.4826 × MAD, else 1.2533 × mean absolute deviation, else 1 (see <see cref="DistanceScaling.PriorPredictiveMad"/>).</summary>
    internal static double RobustScale(double[] values)
    {
        double median = WeightedStatistics.Median(values);
        var deviations = values.Select(v => Math.Abs(v - median)).ToArray();
        double mad = WeightedStatistics.Median(deviations);
        if (mad > 0) return 1.4826 * mad;
        double meanDeviation = deviations.Average();
        return meanDeviation > 0 ? 1.2533 * meanDeviation : 1;
    }

    /// <summary>The distance of <paramref name="simulated"/> from the observations.</summary>
    public double Distance(ReadOnlySpan<double> simulated)
    {
        double sum = 0;
        for (int k = 0; k < _observed.Length; k++)
        {
            double r = (simulated[k] - _observed[k]) * _inverseScales[k];
            sum += r * r;
        }
        return Math.Sqrt(sum);
    }
}
