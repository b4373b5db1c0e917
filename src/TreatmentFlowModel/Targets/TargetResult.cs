using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Targets;

/// <summary>One row of targets.csv: a target in one area, and the probability over replicates that it is met.</summary>
/// <param name="Target">The target (its name, kind, measure and year).</param>
/// <param name="Area">The run's total, a region or a DAT.</param>
/// <param name="Year">The financial year judged (the target's).</param>
/// <param name="Baseline">Mean of the measure in the base year (growth), or in the year before (rise); NaN for wait targets.</param>
/// <param name="Threshold">The level to reach (baseline × factor, mean), the value to beat, or the maximum wait in weeks.</param>
/// <param name="Mean">Mean of the measure in the target year.</param>
/// <param name="P05">5th percentile of the measure.</param>
/// <param name="P50">Median of the measure.</param>
/// <param name="P95">95th percentile of the measure.</param>
/// <param name="PMet">Share of replicates meeting the target, each against its own baseline.</param>
public sealed record TargetResult(Target Target, AreaId Area, FinancialYear Year, double Baseline, double Threshold, double Mean, double P05, double P50, double P95, double PMet)
{
    /// <summary>Where the target comes from, as the scenario declares it.</summary>
    public string Source { get; init; } = "";
}
