namespace TreatmentFlowModel.Setup;

/// <summary>
/// Whole numbers that add up exactly to a whole total, as close as possible to given shares of it: the largest-remainder
/// (Hamilton) method. Each part gets the whole part of its quota and the units left over go to the largest fractions
/// (ties to the earliest), so every part is within one of its quota and nothing is lost to rounding. It draws no random
/// numbers, so the stochastic and deterministic modes get the same whole numbers.
/// </summary>
internal static class LargestRemainder
{
    /// <summary>
    /// Shares <paramref name="total"/> (rounded to the nearest whole number) out in proportion to <paramref name="weights"/>
    /// into <paramref name="into"/>; all zero when the weights sum to zero.
    /// </summary>
    public static void Apportion(double total, ReadOnlySpan<double> weights, Span<double> into)
    {
        double sum = 0;
        foreach (double x in weights) sum += x;
        into.Clear();
        if (!(sum > 0) || !(total > 0)) return;
        Apportion(weights, Math.Floor(total + 0.5) / sum, into);
    }

    /// <summary>
    /// Rounds the non-negative <paramref name="values"/> to whole numbers into <paramref name="into"/> so that they add up to
    /// their own total rounded to the nearest whole number.
    /// </summary>
    public static void Round(ReadOnlySpan<double> values, Span<double> into)
    {
        double sum = 0;
        foreach (double x in values) sum += x;
        into.Clear();
        if (!(sum > 0)) return;
        Apportion(values, Math.Floor(sum + 0.5) / sum, into);
    }

    private static void Apportion(ReadOnlySpan<double> weights, double scale, Span<double> into)
    {
        double given = 0, target = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double quota = weights[i] * scale;
            into[i] = Math.Floor(quota);
            given += into[i];
            target += quota;
        }
        int left = (int)Math.Round(target - given);
        // Hand the units left to the largest remainders: a selection by repeated scans, cheap for the few left (fewer than the parts).
        for (; left > 0; left--)
        {
            int best = -1;
            double bestRemainder = -1;
            for (int i = 0; i < weights.Length; i++)
            {
                double remainder = weights[i] * scale - into[i];
                if (remainder < 1 && remainder > bestRemainder) { best = i; bestRemainder = remainder; }
            }
            if (best < 0) break;
            into[best] += 1;
        }
    }
}
