using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Ensemble;

/// <summary>The outcome of <see cref="Comparison.Run"/>.</summary>
public sealed class ComparisonResult
{
    private readonly EnsembleAccumulator _all;
    private readonly TargetJudge[] _targets;
    private readonly AreaId[] _areas;
    private readonly int _h;

    internal ComparisonResult(ImmutableArray<Scenario> scenarios, WeekCalendar calendar, EnsembleAccumulator all, TargetJudge[] targets, AreaId[] areas, bool deterministic)
    {
        Scenarios = scenarios;
        Calendar = calendar;
        _all = all;
        _targets = targets;
        _areas = areas;
        _h = Comparison.Headline.Count * calendar.Years * areas.Length;
        Deterministic = deterministic;
    }

    /// <summary>The total (England only when every scenario covers all 149 DATs), then every DAT all the scenarios simulate: the areas compared.</summary>
    public IReadOnlyList<AreaId> Areas => _areas;

    /// <summary>The scenarios, the reference first.</summary>
    public ImmutableArray<Scenario> Scenarios { get; }

    /// <summary>Weeks and financial years of the runs.</summary>
    public WeekCalendar Calendar { get; }

    /// <summary>True for the deterministic (expected-value) mode.</summary>
    public bool Deterministic { get; }

    /// <summary>Replicates per scenario (1 in the deterministic mode).</summary>
    public int Replicates => _all.Completed;

    /// <summary>Distribution over replicates of <paramref name="metric"/> in each year, for scenario <paramref name="scenario"/>.</summary>
    /// <param name="scenario">0 (the reference) to the number of scenarios - 1.</param>
    /// <param name="metric">One of <see cref="Comparison.Headline"/>.</param>
    /// <param name="area">One of <see cref="Areas"/>; the total when null.</param>
    public Summary[] Value(int scenario, Metric metric, AreaId? area = null)
    {
        if (scenario < 0 || scenario >= Scenarios.Length) throw new ArgumentOutOfRangeException(nameof(scenario), scenario, $"0 to {Scenarios.Length - 1}");
        return Cells(scenario * _h, metric, area ?? _areas[0]);
    }

    /// <summary>Distribution of the paired difference (scenario <paramref name="scenario"/> minus the first) of <paramref name="metric"/> in each year.</summary>
    /// <param name="scenario">1 to the number of scenarios - 1.</param>
    /// <param name="metric">One of <see cref="Comparison.Headline"/>.</param>
    /// <param name="area">One of <see cref="Areas"/>; the total when null.</param>
    public Summary[] Difference(int scenario, Metric metric, AreaId? area = null)
    {
        if (scenario < 1 || scenario >= Scenarios.Length) throw new ArgumentOutOfRangeException(nameof(scenario), scenario, $"1 to {Scenarios.Length - 1}");
        return Cells((Scenarios.Length + scenario - 1) * _h, metric, area ?? _areas[0]);
    }

    private Summary[] Cells(int offset, Metric metric, AreaId area)
    {
        int m = ((List<Metric>)[.. Comparison.Headline]).IndexOf(metric);
        if (m < 0) throw new ArgumentException($"{MetricCatalog.OutputName(metric)} is not one of the compared measures", nameof(metric));
        int a = area.IsTotal ? 0 : Array.IndexOf(_areas, area);
        if (a < 0) throw new ArgumentException($"'{area}' is not simulated by every scenario compared", nameof(area));
        int first = offset + (a * Comparison.Headline.Count + m) * Calendar.Years;
        return Enumerable.Range(0, Calendar.Years).Select(y => _all.Summaries.Summarize(first + y)).ToArray();
    }

    /// <summary>Probability that England meets each participation target, per scenario.</summary>
    public IReadOnlyList<ComparisonTarget> Targets =>
        [.. _targets.Select((t, i) => new ComparisonTarget(t.Target,
            [.. Enumerable.Range(0, Scenarios.Length).Select(s => (double)_all.Met(s * _targets.Length + i) / Replicates)]))];

    /// <summary>Every (scenario, area, measure, year) row: England first, then the shared DATs.</summary>
    public IEnumerable<ComparisonRow> Rows()
    {
        for (int s = 0; s < Scenarios.Length; s++)
            foreach (var area in _areas)
                foreach (var metric in Comparison.Headline)
                {
                    var values = Value(s, metric, area);
                    var diffs = s > 0 ? Difference(s, metric, area) : null;
                    for (int y = 0; y < Calendar.Years; y++)
                        yield return new ComparisonRow(Scenarios[s].Name, area, metric, Calendar.Year(y), values[y], diffs?[y]);
                }
    }

    /// <summary>
    /// Extra programme cost per extra person in treatment of scenario <paramref name="scenario"/> against the reference,
    /// by financial year: the mean paired difference in programme_cost_gbp over the mean paired difference in participation
    /// (a ratio of means, as an incremental cost-effectiveness ratio is); NaN where participation rises by less than one person
    /// (or falls): a cost over a loss has no cost-effectiveness reading.
    /// </summary>
    public double[] CostPerExtraPerson(int scenario, AreaId? area = null) => CostPer(scenario, Metric.Participation, 1, area);

    /// <summary>
    /// Extra programme cost per offence averted of scenario <paramref name="scenario"/> against the reference, by financial
    /// year: the mean paired difference in programme_cost_gbp over minus the mean paired difference in crimes; NaN where
    /// fewer than one offence is averted (crimes rise, or hardly move): a cost over a loss has no cost-effectiveness reading,
    /// and a negative figure would read as a saving.
    /// </summary>
    public double[] CostPerOffenceAverted(int scenario, AreaId? area = null) => CostPer(scenario, Metric.Crimes, -1, area);

    private double[] CostPer(int scenario, Metric outcome, double sign, AreaId? area)
    {
        if (scenario < 1 || scenario >= Scenarios.Length) throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "a scenario other than the reference (index 0)");
        var cost = Difference(scenario, Metric.ProgrammeCostGbp, area);
        var gain = Difference(scenario, outcome, area);
        // Only a gain of at least one (person, offence averted) gives a ratio; a negative ratio then means a saving with the gain.
        return [.. Enumerable.Range(0, Calendar.Years).Select(y => sign * gain[y].Mean >= 1 ? cost[y].Mean / (sign * gain[y].Mean) : double.NaN)];
    }

    /// <summary>A readable side-by-side table of England participation and criminal-justice starts, and the targets.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"{Replicates} replicates per scenario, seed {Scenarios[0].Seed}; differences are paired with '{Scenarios[0].Name}' (common random numbers).");
        foreach (var metric in new[] { Metric.Participation, Metric.TreatmentStartsCjs })
        {
            text.AppendLine(inv, $"{MetricCatalog.OutputName(metric)}, {_areas[0]}: median [5-95%]; difference mean [5-95%]");
            text.Append($"{"year",-8}");
            foreach (var s in Scenarios) text.Append(s.Name.PadLeft(34));
            text.AppendLine();
            var values = Enumerable.Range(0, Scenarios.Length).Select(s => Value(s, metric)).ToArray();
            var diffs = Enumerable.Range(1, Scenarios.Length - 1).Select(s => Difference(s, metric)).ToArray();
            for (int y = 0; y < Calendar.Years; y++)
            {
                text.Append($"{Calendar.Year(y),-8}");
                text.Append(string.Create(inv, $"{values[0][y].P50:N0} [{values[0][y].P05:N0}-{values[0][y].P95:N0}]").PadLeft(34));
                for (int s = 1; s < Scenarios.Length; s++)
                    text.Append(string.Create(inv, $"{diffs[s - 1][y].Mean:+#,0;-#,0;0} [{diffs[s - 1][y].P05:+#,0;-#,0;0}, {diffs[s - 1][y].P95:+#,0;-#,0;0}]").PadLeft(34));
                text.AppendLine();
            }
        }
        for (int s = 1; s < Scenarios.Length; s++)
        {
            var perPerson = CostPerExtraPerson(s);
            var perOffence = CostPerOffenceAverted(s);
            text.AppendLine(inv, $"England, {Scenarios[s].Name} against {Scenarios[0].Name}: extra programme cost per extra person in treatment; per offence averted (mean differences, £)");
            for (int y = 0; y < Calendar.Years; y++)
                text.AppendLine(inv, $"{Calendar.Year(y),-8}{Pounds(perPerson[y]),16}{Pounds(perOffence[y]),16}");
        }
        foreach (var t in Targets)
            text.AppendLine($"{t.Target} {t.Year}: " + string.Join(", ", Scenarios.Select((s, i) => string.Create(inv, $"{s.Name} {t.PMet[i]:0%}"))));
        return text.ToString();

        static string Pounds(double x) => double.IsFinite(x) ? x.ToString("#,0", CultureInfo.InvariantCulture) : "-";
    }
}
