using System.Globalization;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Reporting;

/// <summary>
/// Readable names for people: modalities, targets and their kinds, as the report, the comparison page and the explorer
/// show them (files keep the snake_case output names, which these texts quote where a reader needs the link).
/// </summary>
public static class Words
{
    private static readonly string[] ModalityNames =
        ["Inpatient detox", "Specialist prescribing", "GP prescribing", "Structured counselling", "Structured day care", "Residential rehab"];

    /// <summary>The modality's name in prose, e.g. "Specialist prescribing".</summary>
    public static string Of(Modality modality) => ModalityNames[(int)modality];

    /// <summary>The heading a kind of target is grouped under.</summary>
    public static string Heading(TargetKind kind) => kind switch
    {
        TargetKind.GrowthOverBaseYear => "Growth (or fall) over a base year",
        TargetKind.RiseOnYearBefore => "Retention: the share of starts retained 12 weeks or completing rises year on year",
        TargetKind.P95WaitAtMost => "Waiting: 95% of people admitted within the NTA maximum wait",
        TargetKind.AtLeast or TargetKind.AtMost => "Levels: counts, shares and waits the scenario sets",
        _ => kind.ToString(),
    };

    /// <summary>The target in words, e.g. "+55% people in treatment by 2004/05" or "Specialist prescribing within 3 weeks, 2004/05".</summary>
    public static string Of(Target target) => target switch
    {
        GrowthTarget { Measure: Metric.Participation } g => $"{g.Growth} people in treatment by {g.Year} (over {(g.PublishedBaseline is { } p ? $"the published {F(p)}" : g.BaseYear.ToString())})",
        GrowthTarget g => $"{Label(g.Measure)} {g.Growth} by {g.Year} (over {(g.PublishedBaseline is { } p ? $"the published {F(p)}" : g.BaseYear.ToString())})",
        LevelTarget l => $"{Label(l.Measure)}{(l.MeasureModality is { } m ? $" ({Of(m)})" : "")} {(l.AtMost ? "at most" : "at least")} {F(l.Level)} in {l.Year}",
        RiseTarget r => $"Retention rises in {r.Year}",
        MaxWaitTarget w => $"{Of(w.WaitModality)} within {w.Weeks.ToString("0.#", CultureInfo.InvariantCulture)} weeks, {w.Year}",
        _ => target.Name,
    };

    private static string Label(Metric metric) => MetricCodebook.Of(metric).Label;

    private static string F(double x) => x.ToString(x < 1 ? "0.###" : "#,0.##", CultureInfo.InvariantCulture);
}
