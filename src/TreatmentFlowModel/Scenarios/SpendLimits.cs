using System.Globalization;
using TreatmentFlowModel.Data;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// How far a scenario's budgets may grow. Treatment spend is the pooled budget (compounded by the growth rates before
/// 2002/03 and after 2005/06) times CapacityMultiplier (and its ParameterChanges) over PooledBudgetShareOfSpend; at its
/// worst over the time span and the values those parameters can take, the simulated areas together must fund at most
/// <see cref="ScenarioValidator.MaxAnnualSpendGbp"/> a year. Growth of 52 a year is a valid number for three years, but
/// compounded over decades no count could hold it: over the scenario's span the growth rates are narrowed to what the
/// limit allows, and both validation and the run (which truncates draws to a parameter's bounds) use the narrowed bounds.
/// </summary>
/// <param name="BeforeMin">Lowest growth per year before 2002/03 (compounded back to the first year).</param>
/// <param name="AfterMax">Highest growth per year after 2005/06 (compounded to the last year).</param>
/// <param name="Given">The worst values of the other factors, in words.</param>
/// <param name="FirstYear">First financial year of the span.</param>
/// <param name="LastYear">Last financial year of the span.</param>
/// <param name="FixedPartSpend">The largest spend in a year without any growth.</param>
/// <param name="CapacityBound">The largest CapacityMultiplier that keeps <paramref name="FixedPartSpend"/> within the limit.</param>
internal sealed record SpendLimits(double BeforeMin, double AfterMax, string Given, FinancialYear FirstYear, FinancialYear LastYear, double FixedPartSpend, double CapacityBound)
{
    /// <summary>Even without growth the spend is over the limit: CapacityMultiplier (or the budgets) must come down first.</summary>
    public bool FixedPartTooHigh => FixedPartSpend > ScenarioValidator.MaxAnnualSpendGbp;

    /// <summary>The limits for <paramref name="s"/>, or null when the parameters they depend on are themselves invalid (reported on their own).</summary>
    public static SpendLimits? Of(Scenario s)
    {
        var capacityInfo = ParameterCatalog.Scalars[(int)ParameterId.CapacityMultiplier];
        var pooledInfo = ParameterCatalog.Scalars[(int)ParameterId.PooledBudgetShareOfSpend];
        if (!Valid(s[ParameterId.CapacityMultiplier], capacityInfo) || !Valid(s[ParameterId.PooledBudgetShareOfSpend], pooledInfo)) return null;
        if (s.AreaOverrides.SelectMany(o => o.Values).Any(v => v.Key == ParameterId.CapacityMultiplier && !Valid(v.Value, capacityInfo))) return null;
        if (s.ParameterChanges.Any(c => !(c.Multiplier >= 0) || !double.IsFinite(c.Multiplier))) return null;
        var areas = s.Areas.IsEmpty ? s.AreaData.Areas.ToList()
            : s.Areas.Select(n => s.AreaData.Areas.FirstOrDefault(a => a.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).OfType<AreaRecord>().ToList();
        if (areas.Count == 0) return null;

        var calendar = new WeekCalendar(s.Start, s.End);
        FinancialYear first = calendar.FirstYear, last = calendar.LastYear, firstPublished = AreaRecord.FirstPublished, lastPublished = AreaRecord.LastPublished;
        double capacityUp = s.ParameterChanges.Where(c => c.Parameter == ParameterId.CapacityMultiplier && c.Multiplier > 1).Aggregate(1.0, (p, c) => p * c.Multiplier);
        double capacity = ScenarioValidator.Extent(s, ParameterId.CapacityMultiplier).High * capacityUp;
        double pooled = ScenarioValidator.Extent(s[ParameterId.PooledBudgetShareOfSpend], pooledInfo).Low;
        double scale = 1000 * capacity / pooled; // £ thousands of budget to £ of spend, at the worst
        double Flat(FinancialYear year) => areas.Sum(a => a.BudgetK(year, 0, 0)) * scale;
        double fixedPart = calendar.FinancialYears.Max(Flat);
        string given = $"with CapacityMultiplier as high as {F(capacity)} and PooledBudgetShareOfSpend as low as {F(pooled)}";
        double limit = ScenarioValidator.MaxAnnualSpendGbp;
        double capacityBound = ScenarioValidator.RoundDown(capacity / capacityUp * limit / fixedPart);
        if (fixedPart > limit) return new SpendLimits(Math.BitIncrement(-1.0), double.MaxValue, given, first, last, fixedPart, capacityBound);
        // Before 2002/03 the worst year is the first (budgets compounded back at a negative rate grow); after 2005/06 the last.
        double beforeMin = first < firstPublished ? ScenarioValidator.RoundUp(Math.Pow(Flat(firstPublished) / limit, 1.0 / (firstPublished - first)) - 1) : Math.BitIncrement(-1.0);
        double afterMax = last > lastPublished ? ScenarioValidator.RoundDown(Math.Pow(limit / Flat(lastPublished), 1.0 / (last - lastPublished)) - 1) : double.MaxValue;
        return new SpendLimits(Math.Max(beforeMin, Math.BitIncrement(-1.0)), afterMax, given, first, last, fixedPart, capacityBound);
    }

    /// <summary>The bounds of scalar parameter <paramref name="id"/> in this scenario, when narrower than the catalogue's; null otherwise.</summary>
    public NarrowedBounds? Narrowed(ParameterId id)
    {
        var info = ParameterCatalog.Scalars[(int)id];
        var (min, max) = ParameterCatalog.Bounds(info);
        string limit = $"£{ScenarioValidator.MaxAnnualSpendGbp.ToString("N0", CultureInfo.InvariantCulture)}";
        string top = max.ToString("#,0.##", CultureInfo.InvariantCulture);
        if (id == ParameterId.BudgetGrowthBefore2002PerYear && BeforeMin > min)
            return new NarrowedBounds(BeforeMin, max, $"a growth rate from {F(BeforeMin)} to {top}",
                $"compounded back to {FirstYear}, lower growth would have the simulated areas fund more than {limit} of treatment a year ({Given})");
        if (id == ParameterId.BudgetGrowthAfter2005PerYear && AfterMax < max)
            return new NarrowedBounds(min, AfterMax, $"a growth rate > -1 and at most {F(AfterMax)}",
                $"compounded to {LastYear}, higher growth would have the simulated areas fund more than {limit} of treatment a year ({Given})");
        return null;
    }

    private static bool Valid(Distribution d, ParameterInfo info)
    {
        if (d.Problems().Any()) return false;
        var (min, max) = ParameterCatalog.Bounds(info);
        var (lo, hi) = d.Support;
        return d.Kind is DistributionKind.Normal or DistributionKind.Gamma or DistributionKind.LogNormal ? d.Mean >= min && d.Mean <= max : lo >= min && hi <= max;
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
