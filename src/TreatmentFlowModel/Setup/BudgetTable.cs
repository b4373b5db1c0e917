using System.Collections.Immutable;
using TreatmentFlowModel.Data;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// Each simulated area's pooled treatment budget (£ thousands) keyed by financial year: the published years as given,
/// earlier years back from the first with a growth rate, later years on from the last with another
/// (<see cref="AreaRecord.BudgetK"/>, the formula the validator's spend limits use too).
/// </summary>
internal sealed class BudgetTable
{
    private readonly ImmutableArray<AreaRecord> _areas;

    private BudgetTable(ImmutableArray<AreaRecord> areas) => _areas = areas;

    /// <summary>The year of the mainstream (non-pooled) spend the scenario gives (<c>MainstreamSpend2002</c>): 2002/03.</summary>
    public static readonly FinancialYear MainstreamYear = new(2002);

    /// <summary>The budgets of <paramref name="areas"/>, in that order.</summary>
    public static BudgetTable Of(IEnumerable<AreaRecord> areas) => new([.. areas]);

    /// <summary>The baseline budget of an area: its first published year's (2002/03), which sets its share of England.</summary>
    public static double Baseline(AreaRecord area) => area.PublishedK(AreaRecord.FirstPublished);

    /// <summary>
    /// Budget of simulated area <paramref name="area"/> in <paramref name="year"/>: the published value, or the first one
    /// times (1 + <paramref name="growthBefore"/>)^(years before it), or the last one times (1 + <paramref name="growthAfter"/>)^(years after it).
    /// </summary>
    public double PoundsK(int area, FinancialYear year, double growthBefore, double growthAfter) => _areas[area].BudgetK(year, growthBefore, growthAfter);
}
