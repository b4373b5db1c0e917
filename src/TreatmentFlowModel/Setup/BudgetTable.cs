using System.Collections.Immutable;
using TreatmentFlowModel.Data;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// Each simulated area's pooled treatment budget (£ thousands) keyed by financial year: the published years as given,
/// earlier years back from the first with a growth rate, later years on from the last with another.
/// </summary>
internal sealed class BudgetTable
{
    private readonly ImmutableArray<ImmutableArray<(FinancialYear Year, double PoundsK)>> _areas;

    private BudgetTable(ImmutableArray<ImmutableArray<(FinancialYear, double)>> areas) => _areas = areas;

    /// <summary>The year of the mainstream (non-pooled) spend the scenario gives (<c>MainstreamSpend2002</c>): 2002/03.</summary>
    public static readonly FinancialYear MainstreamYear = new(2002);

    /// <summary>The budgets of <paramref name="areas"/>, in that order.</summary>
    public static BudgetTable Of(IEnumerable<AreaRecord> areas) => new([.. areas.Select(Published)]);

    /// <summary>
    /// The years an area table publishes, in order: the 2002/03 baseline and the 2003/04 to 2005/06 allocations
    /// (the columns of dat_treatment_allocations.csv). The one place that maps the table's columns to years.
    /// </summary>
    public static ImmutableArray<(FinancialYear Year, double PoundsK)> Published(AreaRecord area) =>
        [(new(2002), area.Budget2002K), (new(2003), area.Budget2003K), (new(2004), area.Budget2004K), (new(2005), area.Budget2005K)];

    /// <summary>The baseline budget of an area: its first published year's (2002/03), which sets its share of England.</summary>
    public static double Baseline(AreaRecord area) => Published(area)[0].PoundsK;

    /// <summary>
    /// Budget of simulated area <paramref name="area"/> in <paramref name="year"/>: the published value, or the first one
    /// times (1 + <paramref name="growthBefore"/>)^(years before it), or the last one times (1 + <paramref name="growthAfter"/>)^(years after it).
    /// </summary>
    public double PoundsK(int area, FinancialYear year, double growthBefore, double growthAfter)
    {
        var published = _areas[area];
        var (first, firstValue) = published[0];
        var (last, lastValue) = published[^1];
        if (year <= first) return firstValue * Math.Pow(1 + growthBefore, year - first);
        if (year >= last) return lastValue * Math.Pow(1 + growthAfter, year - last);
        foreach (var (y, value) in published)
            if (y == year) return value;
        throw new InvalidOperationException($"no budget published for {year} between {first} and {last}");
    }
}
