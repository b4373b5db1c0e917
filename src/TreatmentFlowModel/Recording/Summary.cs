namespace TreatmentFlowModel.Recording;

/// <summary>
/// Distribution of one measure over replicates: mean, sample standard deviation and percentiles
/// (linear interpolation between order statistics, Hyndman and Fan type 7). Replicates where the
/// measure is undefined (a mean wait with nobody admitted) are left out; <see cref="Count"/> says how many remain.
/// </summary>
/// <param name="Count">Replicates with a value.</param>
/// <param name="Mean">Mean over replicates.</param>
/// <param name="Sd">Sample standard deviation (0 for one replicate).</param>
/// <param name="P05">5th percentile.</param>
/// <param name="P25">25th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P75">75th percentile.</param>
/// <param name="P95">95th percentile.</param>
public readonly record struct Summary(int Count, double Mean, double Sd, double P05, double P25, double P50, double P75, double P95)
{
    /// <summary>Summarises <paramref name="values"/>; <paramref name="scratch"/> (same length or longer) is overwritten.</summary>
    public static Summary Of(ReadOnlySpan<double> values, Span<double> scratch)
    {
        int n = 0;
        double sum = 0;
        foreach (double v in values)
            if (!double.IsNaN(v)) { scratch[n++] = v; sum += v; }
        if (n == 0) return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var sorted = scratch[..n];
        double mean = sum / n, ss = 0;
        foreach (double v in sorted) ss += (v - mean) * (v - mean);
        sorted.Sort();
        return new Summary(n, mean, n > 1 ? Math.Sqrt(ss / (n - 1)) : 0,
            Quantile(sorted, 0.05), Quantile(sorted, 0.25), Quantile(sorted, 0.5), Quantile(sorted, 0.75), Quantile(sorted, 0.95));
    }

    /// <summary>Type-7 quantile of sorted values.</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
