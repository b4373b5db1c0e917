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
    double TargetWeeks, double PTargetMet, double ExtraPlacesMedian, double ExtraPlacesP90);
