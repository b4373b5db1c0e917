namespace TreatmentFlowModel.Model;

/// <summary>Picking by weight from running sums: the one binary search the ABC sampler, its posterior and the forecasts' posterior table share.</summary>
internal static class CumulativeWeights
{
    /// <summary>
    /// The first index whose running sum exceeds <paramref name="target"/> (the last index when none does). With
    /// target = u × the total for u uniform in [0, 1), index j comes up with probability proportional to its weight.
    /// </summary>
    /// <param name="cumulative">Running sums of non-negative weights, non-decreasing.</param>
    /// <param name="target">A value in [0, the total).</param>
    public static int FirstAbove(ReadOnlySpan<double> cumulative, double target)
    {
        int low = 0, high = cumulative.Length - 1;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > target) high = middle;
            else low = middle + 1;
        }
        return low;
    }
}
