using System.Globalization;
using TreatmentFlowModel.Data;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// How far a scenario's budgets may grow. Treatment spend is the pooled budget (compounded by the growth rates before
/// 2002/03 and after 2005/06) plus the areas' share of mainstream spend (MainstreamSpend2002 compounded both ways by
/// MainstreamGrowthPerYear), times CapacityMultiplier (and its ParameterChanges); StructuredShareOfSpend (at most 1) and the
/// capacity effect (mean 1) only scale it. At its worst over the simulated span (the burn-in included) and the values those
/// parameters can take, each of the two parts must fund at most <see cref="ScenarioValidator.MaxAnnualSpendGbp"/> a year for
/// the simulated areas. Growth of 52 a year is a valid number for three years, but compounded over decades no count could
/// hold it: over the scenario's span the growth rates are narrowed to what the limit allows, and both validation and the run
/// (which truncates draws to a parameter's bounds) use the narrowed bounds.
/// </summary>
/// <param name="BeforeMin">Lowest pooled-budget growth per year before 2002/03 (compounded back to the first year).</param>
/// <param name="AfterMax">Highest pooled-budget growth per year after 2005/06 (compounded to the last year).</param>
/// <param name="MainstreamMin">Lowest mainstream growth per year (compounded back from 2002/03 to the first year).</param>
/// <param name="MainstreamMax">Highest mainstream growth per year (compounded from 2002/03 to the last year).</param>
/// <param name="Given">The worst values of the other factors, in words.</param>
/// <param name="FirstYear">First financial year of the simulated span.</param>
/// <param name="LastYear">Last financial year of the span.</param>
/// <param name="FixedPartSpend">The largest spend of either part in a year without any growth.</param>
/// <param name="CapacityBound">The largest CapacityMultiplier that keeps <paramref name="FixedPartSpend"/> within the limit.</param>
/// <param name="NonPduMin">Lowest growth per year of non-PDU referrals (compounded back from 2000/01 to the first year).</param>
/// <param name="NonPduMax">Highest growth per year of non-PDU referrals (compounded from 2000/01 to the last year).</param>
/// <param name="NonPduGiven">The worst number of non-PDU referrals a year in 2000/01, in words.</param>
/// <remarks>
/// Non-PDU referrals compound the same way (NonPduReferralsPerYear by NonPduReferralGrowthPerYear, both ways from
/// 2000/01): their growth is narrowed so that the simulated areas get at most <see cref="MaxNonPduReferralsPerYear"/> a year.
/// </remarks>
internal sealed record SpendLimits(double BeforeMin, double AfterMax, double MainstreamMin, double MainstreamMax, string Given, FinancialYear FirstYear, FinancialYear LastYear, double FixedPartSpend, double CapacityBound,
    double NonPduMin, double NonPduMax, string NonPduGiven)
{
    /// <summary>
    /// The most non-PDU referrals the simulated areas may get in one year: ten times the catalogue's ceiling for England's
    /// count, so that those waiting and the weeks they wait stay far below what the summaries hold (assumption).
    /// </summary>
    public const double MaxNonPduReferralsPerYear = 1e8;

    /// <summary>The year NonPduReferralsPerYear is given for (the engine's NonPduBaseYear): 2000/01.</summary>
    private static readonly FinancialYear NonPduYear = new(2000);

    /// <summary>The year MainstreamSpend2002 is given for (Setup's BudgetTable.MainstreamYear): 2002/03.</summary>
    private static readonly FinancialYear MainstreamYear = AreaRecord.FirstPublished;

    /// <summary>Even without growth the spend is over the limit: CapacityMultiplier (or the budgets) must come down first.</summary>
    public bool FixedPartTooHigh => FixedPartSpend > ScenarioValidator.MaxAnnualSpendGbp;

    /// <summary>The limits for <paramref name="s"/>, or null when the parameters they depend on are themselves invalid (reported on their own).</summary>
    public static SpendLimits? Of(Scenario s)
    {
        var capacityInfo = ParameterCatalog.Scalars[(int)ParameterId.CapacityMultiplier];
        var mainstreamInfo = ParameterCatalog.Scalars[(int)ParameterId.MainstreamSpend2002];
        if (!Valid(s[ParameterId.CapacityMultiplier], capacityInfo) || !Valid(s[ParameterId.MainstreamSpend2002], mainstreamInfo)) return null;
        if (s.AreaOverrides.SelectMany(o => o.Values).Any(v => v.Key == ParameterId.CapacityMultiplier && !Valid(v.Value, capacityInfo))) return null;
        var nonPduInfo = ParameterCatalog.Scalars[(int)ParameterId.NonPduReferralsPerYear];
        if (!Valid(s[ParameterId.NonPduReferralsPerYear], nonPduInfo)
            || s.AreaOverrides.SelectMany(o => o.Values).Any(v => v.Key == ParameterId.NonPduReferralsPerYear && !Valid(v.Value, nonPduInfo))) return null;
        if (s.ParameterChanges.Any(c => !(c.Multiplier >= 0) || !double.IsFinite(c.Multiplier))) return null;
        if (s.BurnInYears < 0 || s.BurnInYears > ScenarioValidator.MaxBurnInYears) return null;
        var areas = s.Areas.IsEmpty ? s.AreaData.Areas.ToList()
            : s.Areas.Select(n => s.AreaData.Areas.FirstOrDefault(a => a.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).OfType<AreaRecord>().ToList();
        if (areas.Count == 0) return null;

        // The simulated span: Start moved back by the burn-in, a whole number of weeks (as FrozenModel.SimulationCalendar).
        int burnInWeeks = (s.Start.DayNumber - s.Start.AddYears(-s.BurnInYears).DayNumber + 6) / 7;
        var calendar = new WeekCalendar(s.Start.AddDays(-7 * burnInWeeks), s.End);
        FinancialYear first = calendar.FirstYear, last = calendar.LastYear, firstPublished = AreaRecord.FirstPublished, lastPublished = AreaRecord.LastPublished;
        double capacityUp = s.ParameterChanges.Where(c => !c.IsPerModality && c.Parameter == ParameterId.CapacityMultiplier && c.Multiplier > 1).Aggregate(1.0, (p, c) => p * c.Multiplier);
        double capacity = ScenarioValidator.Extent(s, ParameterId.CapacityMultiplier).High * capacityUp;
        // Since issue 17 item 7 MainstreamSpend2002 can change from a date too: at the worst every raising change at once.
        double mainstreamUp = s.ParameterChanges.Where(c => !c.IsPerModality && c.Parameter == ParameterId.MainstreamSpend2002 && c.Multiplier > 1).Aggregate(1.0, (p, c) => p * c.Multiplier);
        double mainstream = ScenarioValidator.Extent(s[ParameterId.MainstreamSpend2002], mainstreamInfo).High * mainstreamUp;
        double scale = 1000 * capacity; // £ thousands of budget to £ of spend, at the worst
        double allBaseline = s.AreaData.Areas.Sum(a => a.Budget2002K);
        double share = allBaseline > 0 ? areas.Sum(a => a.Budget2002K) / allBaseline : 0;
        double mainstreamFlat = mainstream * share * capacity;
        double Flat(FinancialYear year) => areas.Sum(a => a.BudgetK(year, 0, 0)) * scale;
        double fixedPart = Math.Max(calendar.FinancialYears.Max(Flat), mainstreamFlat);
        string given = $"with CapacityMultiplier as high as {F(capacity)} and MainstreamSpend2002 as high as {F(mainstream)}";
        double limit = ScenarioValidator.MaxAnnualSpendGbp;
        double capacityBound = ScenarioValidator.RoundDown(capacity / capacityUp * limit / fixedPart);
        double lowest = Math.BitIncrement(-1.0);
        // Non-PDU referrals: England's count (shared by need) or areas' own counts, raised by every change at once.
        double nonPduUp = s.ParameterChanges.Where(c => !c.IsPerModality && c.Parameter == ParameterId.NonPduReferralsPerYear && c.Multiplier > 1).Aggregate(1.0, (p, c) => p * c.Multiplier);
        int ownCounts = s.AreaOverrides.Count(o => o.Values.Any(v => v.Key == ParameterId.NonPduReferralsPerYear))
            + s.AreaData.Areas.Count(a => a.Overrides.Any(v => v.Key == ParameterId.NonPduReferralsPerYear));
        double tableHigh = s.AreaData.Areas.SelectMany(a => a.Overrides).Where(v => v.Key == ParameterId.NonPduReferralsPerYear).Select(v => v.Value).DefaultIfEmpty(0).Max();
        double nonPdu = Math.Max(ScenarioValidator.Extent(s, ParameterId.NonPduReferralsPerYear).High, tableHigh) * nonPduUp * (1 + ownCounts);
        string nonPduGiven = $"with NonPduReferralsPerYear as high as {F(nonPdu)} in {NonPduYear} for the simulated areas";
        double nonPduLimit = MaxNonPduReferralsPerYear;
        double nonPduMin = nonPdu > 0 && first < NonPduYear ? ScenarioValidator.RoundUp(Math.Pow(Math.Min(1, nonPdu / nonPduLimit), 1.0 / (NonPduYear - first)) - 1) : lowest;
        double nonPduMax = nonPdu > 0 && last > NonPduYear ? ScenarioValidator.RoundDown(Math.Pow(Math.Max(1, nonPduLimit / nonPdu), 1.0 / (last - NonPduYear)) - 1) : double.MaxValue;
        nonPduMin = Math.Max(nonPduMin, lowest);
        if (fixedPart > limit) return new SpendLimits(lowest, double.MaxValue, lowest, double.MaxValue, given, first, last, fixedPart, capacityBound, nonPduMin, nonPduMax, nonPduGiven);
        // Before 2002/03 the worst year is the first (budgets compounded back at a negative rate grow); after 2005/06 the last.
        double beforeMin = first < firstPublished ? ScenarioValidator.RoundUp(Math.Pow(Flat(firstPublished) / limit, 1.0 / (firstPublished - first)) - 1) : lowest;
        double afterMax = last > lastPublished ? ScenarioValidator.RoundDown(Math.Pow(limit / Flat(lastPublished), 1.0 / (last - lastPublished)) - 1) : double.MaxValue;
        // Mainstream spend compounds both ways from 2002/03; nothing to narrow when there is none.
        bool anyMainstream = mainstreamFlat > 0;
        double mainstreamMin = anyMainstream && first < MainstreamYear ? ScenarioValidator.RoundUp(Math.Pow(mainstreamFlat / limit, 1.0 / (MainstreamYear - first)) - 1) : lowest;
        double mainstreamMax = anyMainstream && last > MainstreamYear ? ScenarioValidator.RoundDown(Math.Pow(limit / mainstreamFlat, 1.0 / (last - MainstreamYear)) - 1) : double.MaxValue;
        return new SpendLimits(Math.Max(beforeMin, lowest), afterMax, Math.Max(mainstreamMin, lowest), mainstreamMax, given, first, last, fixedPart, capacityBound, nonPduMin, nonPduMax, nonPduGiven);
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
                $"compounded back to {FirstYear}, lower growth would have the simulated areas' pooled budgets fund more than {limit} of treatment a year ({Given})");
        if (id == ParameterId.BudgetGrowthAfter2005PerYear && AfterMax < max)
            return new NarrowedBounds(min, AfterMax, $"a growth rate > -1 and at most {F(AfterMax)}",
                $"compounded to {LastYear}, higher growth would have the simulated areas' pooled budgets fund more than {limit} of treatment a year ({Given})");
        if (id == ParameterId.MainstreamGrowthPerYear && (MainstreamMin > min || MainstreamMax < max))
        {
            double low = Math.Max(min, MainstreamMin), high = Math.Min(max, MainstreamMax);
            string words = low > min ? $"a growth rate from {F(low)} to {(high < max ? F(high) : top)}" : $"a growth rate > -1 and at most {F(high)}";
            return new NarrowedBounds(low, high, words,
                $"compounded from {MainstreamYear} to {FirstYear} and {LastYear}, other growth would have the simulated areas' mainstream spend fund more than {limit} of treatment a year ({Given})");
        }
        if (id == ParameterId.NonPduReferralGrowthPerYear && (NonPduMin > min || NonPduMax < max))
        {
            double low = Math.Max(min, NonPduMin), high = Math.Min(max, NonPduMax);
            string words = low > min ? $"a growth rate from {F(low)} to {(high < max ? F(high) : top)}" : $"a growth rate > -1 and at most {F(high)}";
            return new NarrowedBounds(low, high, words,
                $"compounded from {NonPduYear} to {FirstYear} and {LastYear}, other growth would give the simulated areas more than {MaxNonPduReferralsPerYear.ToString("N0", CultureInfo.InvariantCulture)} non-PDU referrals a year ({NonPduGiven})");
        }
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
