namespace TreatmentFlowModel.Ensemble;

/// <summary>One row of targets.csv: a target in one area and year, and the probability over replicates that it is met.</summary>
/// <param name="Target">Target name: <c>participation_55pct</c>, <c>participation_100pct</c>, <c>retention_rise</c> or <c>max_wait_{modality}</c>.</param>
/// <param name="Area">DAT name or <c>England</c>.</param>
/// <param name="Year">Financial year, e.g. <c>2004/05</c>.</param>
/// <param name="Baseline">Mean 1998/99 participation, or the mean retained share of the year before (NaN for wait targets).</param>
/// <param name="Threshold">Participation needed (baseline × 1.55 or × 2, mean), the retained share to beat, or the maximum wait in weeks.</param>
/// <param name="Mean">Mean of the measure in the target year.</param>
/// <param name="P05">5th percentile of the measure.</param>
/// <param name="P50">Median of the measure.</param>
/// <param name="P95">95th percentile of the measure.</param>
/// <param name="PMet">Share of replicates meeting the target, each against its own baseline.</param>
public sealed record TargetResult(string Target, string Area, string Year, double Baseline, double Threshold, double Mean, double P05, double P50, double P95, double PMet);
