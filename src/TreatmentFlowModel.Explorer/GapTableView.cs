using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Reporting;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Explorer;

/// <summary>
/// What the gaps table shows: the DAT × modality gaps of one financial year, filtered by text (DAT, region or modality)
/// and by how likely the wait target is missed, sorted by a column, and grouped by region (regions in order of their
/// worst gap when sorting by severity, by name otherwise).
/// </summary>
public sealed class GapTableView
{
    private readonly IReadOnlyList<GapRow> _rows;

    /// <summary>The gaps of <paramref name="result"/> by DAT and modality (the total and regions left out), with each DAT's region.</summary>
    public GapTableView(EnsembleResult result)
    {
        var regions = result.Scenario.AreaData.Areas.ToDictionary(a => a.Name, a => a.Region, StringComparer.OrdinalIgnoreCase);
        _rows = [.. result.Gaps.Where(g => g.Area.IsDat).Select(g => new GapRow(regions.GetValueOrDefault(g.Area.Name, "Unknown region"), g))];
        Years = [.. _rows.Select(r => r.Gap.Year).Distinct().Order()];
        Year = Years.Contains(DrugStrategy.Participation55.Year) ? DrugStrategy.Participation55.Year : Years.LastOrDefault();
    }

    /// <summary>The years with gaps (those with NTA maximum waits).</summary>
    public IReadOnlyList<FinancialYear> Years { get; }

    /// <summary>The year shown. <value>The default is the +55% target's year when the run has it, else the last.</value></summary>
    public FinancialYear Year { get; set; }

    /// <summary>Text a row's DAT, region or modality must contain (case-insensitive); empty shows all.</summary>
    public string Filter { get; set; } = "";

    /// <summary>Show only rows whose wait target is met in fewer than this share of runs. <value>The default, 1.01, shows all.</value></summary>
    public double MetBelow { get; set; } = 1.01;

    /// <summary>The column sorted on.</summary>
    public GapColumn SortBy { get; private set; } = GapColumn.Severity;

    /// <summary>Whether the sort is descending (largest, or most severe, first).</summary>
    public bool Descending { get; private set; } = true;

    /// <summary>Sorts on <paramref name="column"/>; a second click on the same column reverses the order.</summary>
    public void Sort(GapColumn column)
    {
        if (column == SortBy) Descending = !Descending;
        else
        {
            SortBy = column;
            Descending = column is not (GapColumn.Area or GapColumn.Modality);
        }
    }

    /// <summary>The rows shown, grouped by region.</summary>
    public IReadOnlyList<IGrouping<string, GapRow>> Groups()
    {
        var rows = Sorted(_rows.Where(r => r.Gap.Year == Year && r.Gap.PTargetMet < MetBelow && Matches(r)));
        var groups = rows.GroupBy(r => r.Region);
        return SortBy == GapColumn.Severity
            ? [.. (Descending ? groups.OrderByDescending(g => g.Max(r => r.Severity)) : groups.OrderBy(g => g.Min(r => r.Severity))).ThenBy(g => g.Key, StringComparer.Ordinal)]
            : [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal)];
    }

    /// <summary>Rows shown in all.</summary>
    public int Count => Groups().Sum(g => g.Count());

    private bool Matches(GapRow row) =>
        Filter.Length == 0
        || row.Area.Contains(Filter, StringComparison.OrdinalIgnoreCase)
        || row.Region.Contains(Filter, StringComparison.OrdinalIgnoreCase)
        || Words.Of(row.Modality).Contains(Filter, StringComparison.OrdinalIgnoreCase);

    private IEnumerable<GapRow> Sorted(IEnumerable<GapRow> rows)
    {
        var ordered = SortBy switch
        {
            GapColumn.Area => Order(rows, r => r.Area),
            GapColumn.Modality => Order(rows, r => (int)r.Modality),
            GapColumn.Demand => Order(rows, r => r.Gap.Demand),
            GapColumn.Places => Order(rows, r => r.Gap.Places),
            GapColumn.Waiting => Order(rows, r => r.Gap.Waiting),
            GapColumn.P95Wait => Order(rows, r => double.IsNaN(r.Gap.P95WaitWeeks) ? -1 : r.Gap.P95WaitWeeks),
            GapColumn.PTargetMet => Order(rows, r => r.Gap.PTargetMet),
            GapColumn.ExtraPlacesP90 => Order(rows, r => r.Severity.Places),
            _ => Descending ? rows.OrderBy(r => r.Gap, CapacityGap.MostSevereFirst) : rows.OrderByDescending(r => r.Gap, CapacityGap.MostSevereFirst),
        };
        return ordered.ThenBy(r => r.Area, StringComparer.Ordinal).ThenBy(r => r.Modality);
    }

    private IOrderedEnumerable<GapRow> Order<TKey>(IEnumerable<GapRow> rows, Func<GapRow, TKey> key) =>
        Descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
}
