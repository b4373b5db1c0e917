namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>One parameter's weighted posterior summary.</summary>
/// <param name="Name">The parameter.</param>
/// <param name="Mean">Weighted mean.</param>
/// <param name="StandardDeviation">Weighted standard deviation.</param>
/// <param name="P05">Weighted 5th percentile.</param>
/// <param name="P50">Weighted median.</param>
/// <param name="P95">Weighted 95th percentile.</param>
public sealed record ParameterSummary(string Name, double Mean, double StandardDeviation, double P05, double P50, double P95);
