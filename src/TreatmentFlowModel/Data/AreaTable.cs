using System.Collections.Immutable;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Data;

/// <summary>A Drug Action Team area with its pooled treatment budget (£ thousands) by financial year.</summary>
/// <param name="Name">DAT name.</param>
/// <param name="Region">Government office region.</param>
/// <param name="Budget2002K">2002/03 baseline.</param>
/// <param name="Budget2003K">2003/04 allocation.</param>
/// <param name="Budget2004K">2004/05 allocation (minimum level).</param>
/// <param name="Budget2005K">2005/06 allocation (minimum level).</param>
public sealed record AreaRecord(string Name, string Region, double Budget2002K, double Budget2003K, double Budget2004K, double Budget2005K)
{
    /// <summary>The first year the table publishes a budget for (2002/03, the baseline).</summary>
    public static readonly FinancialYear FirstPublished = new(2002);

    /// <summary>The last year the table publishes a budget for (2005/06).</summary>
    public static readonly FinancialYear LastPublished = new(2005);

    /// <summary>
    /// The published budget (£ thousands) of a year from <see cref="FirstPublished"/> to <see cref="LastPublished"/>: the
    /// one place that maps the columns of dat_treatment_allocations.csv to years.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The table publishes no budget for <paramref name="year"/>.</exception>
    public double PublishedK(FinancialYear year) => (year - FirstPublished) switch
    {
        0 => Budget2002K,
        1 => Budget2003K,
        2 => Budget2004K,
        3 => Budget2005K,
        _ => throw new ArgumentOutOfRangeException(nameof(year), year, $"no budget published for {year}; the table covers {FirstPublished} to {LastPublished}"),
    };

    /// <summary>
    /// Pooled budget (£ thousands) in <paramref name="year"/>: the published value, or the first one times
    /// (1 + <paramref name="growthBefore"/>)^(years before it), or the last one times (1 + <paramref name="growthAfter"/>)^(years
    /// after it). The one budget formula: the run's budgets (Setup's BudgetTable) and the validator's spend limits both use it.
    /// </summary>
    /// <param name="year">The financial year.</param>
    /// <param name="growthBefore">Growth per year before the first published year (applied backwards).</param>
    /// <param name="growthAfter">Growth per year after the last published year.</param>
    public double BudgetK(FinancialYear year, double growthBefore, double growthAfter)
    {
        // A year the scenario's budget table gives is data; a later year grows from the last one given after the published
        // years (growth is then an assumption only beyond the data); every other year is as before.
        FinancialYear? lastGiven = null;
        double lastGivenK = 0;
        foreach (var (given, k) in GivenBudgetsK)
        {
            if (given == year) return k;
            if (given > LastPublished && given < year) { lastGiven = given; lastGivenK = k; }
        }
        if (lastGiven is { } from) return lastGivenK * Math.Pow(1 + growthAfter, year - from);
        if (year <= FirstPublished) return Budget2002K * Math.Pow(1 + growthBefore, year - FirstPublished);
        if (year >= LastPublished) return Budget2005K * Math.Pow(1 + growthAfter, year - LastPublished);
        return PublishedK(year);
    }

    /// <summary>
    /// The area's own values of area parameters from optional columns of the area table (named after the parameter in
    /// snake_case, e.g. <c>problem_drug_users</c>; an empty cell sets nothing): they apply as fixed area overrides, before
    /// the scenario's <c>AreaOverrides</c>.
    /// </summary>
    public ImmutableArray<KeyValuePair<Model.ParameterId, double>> Overrides { get; init; } = [];

    /// <summary>
    /// Budgets (£ thousands) by financial year from the scenario's long-format budget table (<c>Data.Budgets</c>), in year
    /// order: each replaces the published or grown value of its year in <see cref="BudgetK"/>, and a year after the
    /// published ones grows from the last given year before it. Empty: the area table's budgets and growth rates alone.
    /// The need share (<see cref="FirstPublished"/>'s column) is not changed by them.
    /// </summary>
    public ImmutableArray<(FinancialYear Year, double PoundsK)> GivenBudgetsK { get; init; } = [];
}

/// <summary>The DAT areas of a scenario.</summary>
/// <param name="Areas">One record per DAT, in file order.</param>
public sealed record AreaTable(ImmutableArray<AreaRecord> Areas)
{
    /// <summary>Index of the area called <paramref name="name"/> (case-insensitive), or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Areas.Length; i++)
            if (string.Equals(Areas[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

/// <summary>A named priority BCU.</summary>
/// <param name="Rank">Rank by acquisitive crime (1 = highest).</param>
/// <param name="Name">BCU name.</param>
/// <param name="Dats">The DAT (or DATs, for Reading and Wokingham) it lies in.</param>
/// <param name="Tranche">Tranche label in the source (<c>top30</c>, <c>next10</c>).</param>
public sealed record BcuRecord(int Rank, string Name, ImmutableArray<string> Dats, string Tranche)
{
    /// <summary>
    /// Share of each of its DATs' arrests that go through this BCU's custody suites (optional column <c>dat_arrest_share</c>:
    /// 1 for a London borough or a unitary authority policed by one BCU); null when the table does not say, and then the
    /// DAT's named BCUs share it equally.
    /// </summary>
    public double? DatArrestShare { get; init; }
}

/// <summary>NTA maximum acceptable waits for one modality (weeks).</summary>
/// <param name="Modality">The modality.</param>
/// <param name="Target2002">Maximum wait, end of 2002/03.</param>
/// <param name="Target2003">Maximum wait, end of 2003/04.</param>
public sealed record WaitTarget(Model.Modality Modality, double Target2002, double Target2003);
