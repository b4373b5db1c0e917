using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Targets;

/// <summary>
/// The Updated Drug Strategy's treatment targets, declared once for the targets judged, the charts and the report:
/// "increase the participation of problem drug users in drug treatment programmes by 55% by 2004 and by 100% by 2008"
/// over 1998/99, and "increase year on year the proportion of users successfully sustaining or completing treatment"
/// (seed 004; HC 318, 2001-02).
/// </summary>
public static class DrugStrategy
{
    /// <summary>The base year of the participation targets: 1998/99.</summary>
    public static FinancialYear BaseYear { get; } = new(1998);

    /// <summary>+55% participation by 2004/05.</summary>
    public static GrowthTarget Participation55 { get; } = new("participation_55pct", Metric.Participation, BaseYear, new FinancialYear(2004), 1.55);

    /// <summary>+100% participation by 2008/09.</summary>
    public static GrowthTarget Participation100 { get; } = new("participation_100pct", Metric.Participation, BaseYear, new FinancialYear(2008), 2.0);

    /// <summary>The participation targets in year order.</summary>
    public static IReadOnlyList<GrowthTarget> ParticipationTargets { get; } = [Participation55, Participation100];

    /// <summary>The retention target for <paramref name="year"/>: the share of starts retained 12 weeks or completing rises on the year before.</summary>
    public static RiseTarget RetentionRise(FinancialYear year) => new("retention_rise", Metric.RetainedShare, year);

    /// <summary>
    /// The participation needed in <paramref name="year"/> on the straight path from the base year to each target
    /// (1 at the base year, 1.55 by 2004/05, 2 by 2008/09), as a multiple of the base; null outside the base year to
    /// the last target year.
    /// </summary>
    public static double? TrajectoryFactor(FinancialYear year)
    {
        if (year < BaseYear) return null;
        var (fromYear, fromFactor) = (BaseYear, 1.0);
        foreach (var target in ParticipationTargets)
        {
            if (year <= target.Year) return fromFactor + (target.Factor - fromFactor) * (year - fromYear) / (target.Year - fromYear);
            (fromYear, fromFactor) = (target.Year, target.Factor);
        }
        return null;
    }
}
