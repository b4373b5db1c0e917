using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Tracking;

/// <summary>One row of an observation file: a figure returned for a period, an area and a metric.</summary>
/// <param name="Line">The file line it came from (1 is the header).</param>
/// <param name="Period">The period in the output files' own words: <c>2003-06-04</c> (a week's first day), <c>2003-04</c>, <c>2003Q2</c> or <c>FY2003-04</c>.</param>
/// <param name="Kind">The length of the period.</param>
/// <param name="Start">The period's first day.</param>
/// <param name="Area">The area as written in the outputs (the run's total, a whole region or a DAT).</param>
/// <param name="Metric">The measure (total over modalities).</param>
/// <param name="Value">The observed figure.</param>
public sealed record Observation(int Line, string Period, PeriodKind Kind, DateOnly Start, AreaId Area, Metric Metric, double Value);
