using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;

namespace TreatmentFlowModel.Ensemble;

/// <summary>One scenario's value of a headline measure in an area and year, and its paired difference from the reference scenario.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Area">England or a DAT every compared scenario simulates.</param>
/// <param name="Metric">The measure.</param>
/// <param name="Year">The financial year.</param>
/// <param name="Value">Distribution over replicates.</param>
/// <param name="Difference">Distribution of the replicate-wise difference from the first scenario (null for the first).</param>
public sealed record ComparisonRow(string Scenario, AreaId Area, Metric Metric, FinancialYear Year, Summary Value, Summary? Difference);
