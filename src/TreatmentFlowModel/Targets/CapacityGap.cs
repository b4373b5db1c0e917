using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Targets;

/// <summary>
/// One row of gaps.csv: demand against places for one area, modality and financial year, the waits that
/// result, and the extra places that would have met the NTA maximum wait in 90% of replicates.
/// </summary>
/// <param name="Year">The financial year.</param>
/// <param name="Area">A DAT or <see cref="AreaId.England"/> (England's gap is the sum of the DATs' gaps).</param>
/// <param name="Modality">The modality.</param>
/// <param name="Demand">Mean referrals in the year wanting a place (criminal-justice and other routes).</param>
/// <param name="Places">Mean places funded.</param>
/// <param name="Waiting">Mean number waiting at the year's end.</param>
/// <param name="P95WaitWeeks">Median over replicates of the 95th percentile of completed waits (NaN if nobody was admitted).</param>
/// <param name="TargetWeeks">The NTA maximum wait that year.</param>
/// <param name="PTargetMet">Share of replicates whose 95th percentile wait is within the target.</param>
/// <param name="ExtraPlacesMedian">Median extra places needed (see <see cref="Metric.ExtraPlacesNeeded"/>).</param>
/// <param name="ExtraPlacesP90">90th percentile of the extra places needed: enough in 90% of replicates.</param>
public sealed record CapacityGap(FinancialYear Year, AreaId Area, Modality Modality, double Demand, double Places, double Waiting, double P95WaitWeeks,
    double TargetWeeks, double PTargetMet, double ExtraPlacesMedian, double ExtraPlacesP90)
{
    /// <summary>
    /// Orders gaps most severe first: the least likely to meet the wait target first (a cell met in 1% of runs is worse
    /// than one met in every run, whatever their sizes), then the most extra places needed in 90% of runs, then by area
    /// and modality so the order is total.
    /// </summary>
    public static IComparer<CapacityGap> MostSevereFirst { get; } = Comparer<CapacityGap>.Create((a, b) =>
    {
        int c = a.PTargetMet.CompareTo(b.PTargetMet);
        if (c == 0) c = Finite(b.ExtraPlacesP90).CompareTo(Finite(a.ExtraPlacesP90));
        if (c == 0) c = string.CompareOrdinal(a.Area.Name, b.Area.Name);
        return c != 0 ? c : a.Modality.CompareTo(b.Modality);
    });

    private static double Finite(double x) => double.IsFinite(x) ? x : 0;
}
