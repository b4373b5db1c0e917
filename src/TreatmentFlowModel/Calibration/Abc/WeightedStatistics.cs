namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>Weighted quantiles, moments and effective sample size of a particle population.</summary>
internal static class WeightedStatistics
{
    /// <summary>
    /// The weighted p-quantile as the inverse of the weighted empirical distribution function: the smallest value whose
    /// cumulative weight (values in increasing order) reaches p × Σw (Hyndman and Fan's definition 1, with weights).
    /// </summary>
    public static double Quantile(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double p)
    {
        int n = values.Length;
        var order = new int[n];
        var keys = values.ToArray();
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order);
        double total = 0;
        for (int i = 0; i < n; i++) total += weights[i];
        double target = p * total, cumulative = 0;
        for (int i = 0; i < n; i++)
        {
            double w = weights[order[i]];
            if (w <= 0) continue;
            cumulative += w;
            if (cumulative >= target) return keys[i];
        }
        // Rounding left the sum a few ulps short of p × Σw: the largest value with weight.
        for (int i = n - 1; i >= 0; i--) if (weights[order[i]] > 0) return keys[i];
        throw new ArgumentException("No value has a positive weight.", nameof(weights));
    }

    /// <summary>The unweighted p-quantile by the same definition: the ⌈p n⌉-th smallest value (the smallest for p = 0).</summary>
    public static double Quantile(ReadOnlySpan<double> values, double p)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The median: the mean of the two middle values when their number is even.</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }

    /// <summary>Σ wᵢ xᵢ / Σ wᵢ.</summary>
    public static double Mean(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < values.Length; i++) { sum += weights[i] * values[i]; total += weights[i]; }
        return sum / total;
    }

    /// <summary>The weighted standard deviation about the weighted mean, normalised by Σ wᵢ (no small-sample correction).</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double mean = Mean(values, weights), sum = 0, total = 0;
        for (int i = 0; i < values.Length; i++) { double e = values[i] - mean; sum += weights[i] * e * e; total += weights[i]; }
        return Math.Sqrt(sum / total);
    }

    /// <summary>Kish's effective sample size (Σ wᵢ)² / Σ wᵢ², at most the number of weights.</summary>
    public static double EffectiveSampleSize(ReadOnlySpan<double> weights)
    {
        double sum = 0, squares = 0;
        foreach (double w in weights) { sum += w; squares += w * w; }
        return Math.Min(weights.Length, sum * sum / squares); // equal weights can round a few ulps above n
    }

    /// <summary>Turns log weights into weights that sum to 1 (in place).</summary>
    /// <exception cref="InvalidOperationException">A log weight is NaN, or every one is -∞.</exception>
    public static void NormalizeLogWeights(Span<double> logWeights)
    {
        double max = double.NegativeInfinity;
        foreach (double w in logWeights)
        {
            if (double.IsNaN(w)) throw new InvalidOperationException("An importance weight is NaN: the prior or kernel density is undefined at an accepted particle.");
            if (w > max) max = w;
        }
        if (!double.IsFinite(max)) throw new InvalidOperationException("Every particle has zero importance weight; the prior density or the kernel density is not finite at the accepted particles.");
        double total = 0;
        for (int i = 0; i < logWeights.Length; i++)
        {
            logWeights[i] = Math.Exp(logWeights[i] - max);
            total += logWeights[i];
        }
        for (int i = 0; i < logWeights.Length; i++) logWeights[i] /= total;
    }
}
