using System.Globalization;
using System.Text;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// The outcome of a run: summaries over replicates of every measure, week by week (England and the
/// requested areas) and by financial year (England and every area), and the targets.
/// </summary>
public sealed class EnsembleResult
{
    private readonly EnsembleAccumulator _accumulator;
    private readonly TargetJudge[] _targetDefinitions;
    private readonly AreaId[] _areaNames;
    private readonly int[] _areaSlots;         // annual slot of each of _areaNames
    private readonly AreaId[] _weeklyNames;
    private readonly int[] _weeklySlots;       // weekly slot of each of _weeklyNames
    private readonly AreaId[] _periodNames;
    private readonly int[] _periodSlots;       // period slot of each of _periodNames
    private IReadOnlyList<TargetResult>? _targets;

    internal EnsembleResult(Scenario scenario, FrozenModel model, EnsembleAccumulator accumulator, CellLayout layout, TargetJudge[] targets, bool deterministic, TimeSpan elapsed)
    {
        Scenario = scenario;
        Calendar = model.Calendar;
        _accumulator = accumulator;
        Layout = layout;
        _targetDefinitions = targets;
        var (total, annual, weekly, periods) = AreasOf(model, layout.PeriodSlots > 0);
        Total = total;
        _areaNames = [.. annual.Select(x => x.Area)];
        _areaSlots = [.. annual.Select(x => x.Slot)];
        _weeklyNames = [.. weekly.Select(x => x.Area)];
        _weeklySlots = [.. weekly.Select(x => x.Slot)];
        _periodNames = [.. periods.Select(x => x.Area)];
        _periodSlots = [.. periods.Select(x => x.Slot)];
        Deterministic = deterministic;
        Elapsed = elapsed;
    }

    /// <summary>
    /// The areas of a run of <paramref name="model"/> with their slots: its total, then those of the financial years
    /// (the whole regions, then the DATs), the weeks (the weekly areas) and, when <paramref name="periods"/>, the months and
    /// quarters (the whole regions, then the weekly areas). The total is labelled by what the run covers; a run of one DAT
    /// has no second row with the same figures.
    /// </summary>
    internal static (AreaId Total, List<(AreaId Area, int Slot)> Annual, List<(AreaId Area, int Slot)> Weekly, List<(AreaId Area, int Slot)> Periods) AreasOf(FrozenModel model, bool periods)
    {
        var groups = model.Groups;
        var total = AreaId.Total(groups.TotalLabel);
        bool oneArea = model.AreaCount == 1;
        var annual = new List<(AreaId Area, int Slot)> { (total, 0) };
        annual.AddRange(groups.Regions.Select((r, i) => (AreaId.Region(r), 1 + model.AreaCount + i)));
        if (!oneArea) annual.AddRange(model.AreaNames.Select((n, a) => (new AreaId(n), a + 1)));
        var weekly = new List<(AreaId Area, int Slot)> { (total, 0) };
        if (!oneArea) weekly.AddRange(model.WeeklyAreas.Select((a, i) => (new AreaId(model.AreaNames[a]), i + 1)));
        var months = new List<(AreaId Area, int Slot)>();
        if (periods)
        {
            months.Add((total, 0));
            months.AddRange(groups.Regions.Select((r, i) => (AreaId.Region(r), 1 + i)));
            if (!oneArea) months.AddRange(model.WeeklyAreas.Select((a, i) => (new AreaId(model.AreaNames[a]), 1 + groups.Regions.Length + i)));
        }
        return (total, annual, weekly, months);
    }

    /// <summary>The scenario that was run.</summary>
    public Scenario Scenario { get; }

    /// <summary>Weeks and financial years of the run.</summary>
    public WeekCalendar Calendar { get; }

    /// <summary>True for the deterministic (expected-value) mode.</summary>
    public bool Deterministic { get; }

    /// <summary>Replicates run (1 in the deterministic mode).</summary>
    public int Replicates => _accumulator.Completed;

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// The run's total, labelled by what it covers: <c>England</c> for all 149 DATs, the DAT's name for a run of one DAT,
    /// the region's name for a run of exactly one region's DATs, otherwise "N DATs".
    /// </summary>
    public AreaId Total { get; }

    /// <summary>
    /// <see cref="Total"/>, then the government office regions the run holds whole, then the simulated DATs (none for a run
    /// of one DAT, which is its total): the areas of <see cref="Annual"/>.
    /// </summary>
    public IReadOnlyList<AreaId> Areas => _areaNames;

    /// <summary>The simulated DATs (for a run of one DAT, its total).</summary>
    public IEnumerable<AreaId> Dats => _areaNames.Where(a => a.IsDat).DefaultIfEmpty(Total);

    /// <summary><see cref="Total"/> followed by the areas recorded week by week: the areas of <see cref="Weekly"/>.</summary>
    public IReadOnlyList<AreaId> WeeklyAreas => _weeklyNames;

    /// <summary>
    /// <see cref="Total"/>, the regions the run holds whole and the areas recorded week by week: the areas of
    /// <see cref="Monthly"/> and <see cref="Quarterly"/> (empty for a run recorded without months and quarters).
    /// </summary>
    public IReadOnlyList<AreaId> PeriodAreas => _periodNames;

    internal CellLayout Layout { get; }

    /// <summary>Summary of <paramref name="metric"/> (total over modalities) in <paramref name="area"/> for each calendar month of <see cref="Calendar"/>.</summary>
    /// <param name="area">An entry of <see cref="PeriodAreas"/>.</param>
    /// <param name="metric">The measure.</param>
    public Summary[] Monthly(AreaId area, Metric metric)
    {
        int slot = Slot(_periodNames, _periodSlots, area, nameof(PeriodAreas)), i = PeriodSeriesIndex(metric);
        return Enumerable.Range(0, Calendar.Months).Select(m => Summaries.Summarize(Layout.Monthly(slot, m) + i)).ToArray();
    }

    /// <summary>Summary of <paramref name="metric"/> (total over modalities) in <paramref name="area"/> for each calendar quarter of <see cref="Calendar"/>.</summary>
    /// <param name="area">An entry of <see cref="PeriodAreas"/>.</param>
    /// <param name="metric">The measure.</param>
    public Summary[] Quarterly(AreaId area, Metric metric)
    {
        int slot = Slot(_periodNames, _periodSlots, area, nameof(PeriodAreas)), i = PeriodSeriesIndex(metric);
        return Enumerable.Range(0, Calendar.Quarters).Select(q => Summaries.Summarize(Layout.Quarterly(slot, q) + i)).ToArray();
    }

    private int PeriodSeriesIndex(Metric metric)
    {
        if (Layout.PeriodSlots == 0) throw new InvalidOperationException("this run recorded no months or quarters");
        return Array.IndexOf(CellLayout.PeriodSeries, MetricCatalog.Total(metric));
    }

    internal StreamingSummaries Summaries => _accumulator.Summaries;

    /// <summary>Summary of <paramref name="metric"/> in <paramref name="area"/> for each week.</summary>
    /// <param name="area">An entry of <see cref="WeeklyAreas"/>.</param>
    /// <param name="metric">The measure.</param>
    /// <param name="modality">A modality, or null for the total over modalities.</param>
    public Summary[] Weekly(AreaId area, Metric metric, Modality? modality = null)
    {
        int slot = Slot(_weeklyNames, _weeklySlots, area, nameof(WeeklyAreas));
        int series = SeriesOf(metric, modality);
        return Enumerable.Range(0, Calendar.Weeks).Select(w => Summaries.Summarize(Layout.Weekly(slot, w, series))).ToArray();
    }

    /// <summary>Summary of <paramref name="metric"/> in <paramref name="area"/> for each financial year.</summary>
    /// <param name="area">An entry of <see cref="Areas"/>.</param>
    /// <param name="metric">The measure.</param>
    /// <param name="modality">A modality, or null for the total over modalities.</param>
    public Summary[] Annual(AreaId area, Metric metric, Modality? modality = null)
    {
        int slot = Slot(_areaNames, _areaSlots, area, nameof(Areas));
        int series = SeriesOf(metric, modality);
        return Enumerable.Range(0, Calendar.Years).Select(y => Summaries.Summarize(Layout.Annual(slot, y, series))).ToArray();
    }

    /// <summary>Number of replicates whose weekly trajectories were kept (<see cref="RunOptions.Trajectories"/>).</summary>
    public int TrajectoryCount => _accumulator.TrajectoryCount;

    /// <summary>The weekly values of <paramref name="metric"/> in <paramref name="area"/> in kept replicate <paramref name="replicate"/>.</summary>
    /// <param name="replicate">0 to <see cref="TrajectoryCount"/> - 1.</param>
    /// <param name="area">An entry of <see cref="WeeklyAreas"/>.</param>
    /// <param name="metric">The measure.</param>
    /// <param name="modality">A modality, or null for the total over modalities.</param>
    public double[] Trajectory(int replicate, AreaId area, Metric metric, Modality? modality = null)
    {
        if (replicate < 0 || replicate >= TrajectoryCount)
            throw new ArgumentOutOfRangeException(nameof(replicate), replicate, $"{TrajectoryCount} trajectories were kept (RunOptions.Trajectories)");
        var record = _accumulator.Trajectory(replicate)!;
        int slot = Slot(_weeklyNames, _weeklySlots, area, nameof(WeeklyAreas));
        int series = SeriesOf(metric, modality);
        return Enumerable.Range(0, Calendar.Weeks).Select(w => record[Layout.Weekly(slot, w, series)]).ToArray();
    }

    private static int SeriesOf(Metric metric, Modality? modality)
    {
        int series = MetricCatalog.Series(metric, modality is null ? Modalities.Count : (int)modality);
        if (series < 0) throw new ArgumentException($"{MetricCatalog.OutputName(metric)} is recorded only in total, not per modality", nameof(modality));
        return series;
    }

    /// <summary>The slot of <paramref name="area"/>: any total (such as <see cref="AreaId.England"/>) is the run's total.</summary>
    private static int Slot(AreaId[] areas, int[] slots, AreaId area, string property)
    {
        if (area.IsTotal) return 0;
        int i = Array.IndexOf(areas, area);
        if (i < 0) throw new ArgumentException($"'{area}' is not in {property}{Suggestions.Hint(area.Name, areas.Select(a => a.Name))}", nameof(area));
        return slots[i];
    }

    /// <summary>
    /// The targets, per area and England: the <see cref="DrugStrategy"/>'s participation growth over its base year
    /// (each replicate against its own baseline) and the rise in the share retained 12 weeks or completing in each year
    /// on the year before, and the NTA maximum waits per modality from 2002/03 (95th percentile of completed waits at or
    /// below the target). Targets whose years fall outside the run are left out.
    /// </summary>
    public IReadOnlyList<TargetResult> Targets => _targets ??= ComputeTargets();

    private List<TargetResult> ComputeTargets()
    {
        var rows = new List<TargetResult>();
        var judges = _targetDefinitions;
        for (int i = 0; i < _areaNames.Length; i++)
            for (int t = 0; t < judges.Length; t++)
            {
                int slot = _areaSlots[i];
                var judge = judges[t];
                // A target declared for one area is reported there only (a total is named by its label: England, ...).
                if (judge.Area is { } only && !string.Equals(only, _areaNames[i].Name, StringComparison.OrdinalIgnoreCase)) continue;
                var value = Summaries.Summarize(Layout.Annual(slot, judge.YearIndex, judge.Series));
                var (baseline, threshold) = judge.Reference(y => Summaries.Summarize(Layout.Annual(slot, y, judge.Series)).Mean);
                rows.Add(new TargetResult(judge.Target, _areaNames[i], judge.Target.Year, baseline, threshold,
                    value.Mean, value.P05, value.P50, value.P95, (double)_accumulator.Met(slot * judges.Length + t) / Replicates)
                { Source = judge.Source });
            }
        return rows;
    }

    /// <summary>The <paramref name="p"/> quantile over replicates of <paramref name="metric"/> in <paramref name="area"/> in each financial year.</summary>
    /// <param name="area">An entry of <see cref="Areas"/>.</param>
    /// <param name="metric">The measure.</param>
    /// <param name="p">Probability in [0, 1].</param>
    /// <param name="modality">A modality, or null for the total over modalities.</param>
    public double[] AnnualQuantile(AreaId area, Metric metric, double p, Modality? modality = null)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "a probability from 0 to 1");
        int slot = Slot(_areaNames, _areaSlots, area, nameof(Areas));
        int series = SeriesOf(metric, modality);
        var result = new double[Calendar.Years];
        Span<double> one = stackalloc double[1];
        for (int y = 0; y < result.Length; y++)
        {
            int cell = Layout.Annual(slot, y, series);
            if (Summaries.Summarize(cell).Count == 0) { result[y] = double.NaN; continue; }
            Summaries.Quantiles(cell, [p], one);
            result[y] = one[0];
        }
        return result;
    }

    /// <summary>
    /// Capacity gaps for every financial year with NTA maximum waits, area (England first) and modality with a target:
    /// demand, places, waits, the chance the target is met and the extra places needed in 90% of replicates.
    /// </summary>
    public IReadOnlyList<CapacityGap> Gaps => _gaps ??= ComputeGaps();

    private IReadOnlyList<CapacityGap>? _gaps;

    private List<CapacityGap> ComputeGaps()
    {
        var rows = new List<CapacityGap>();
        var judges = _targetDefinitions;
        Span<double> p = [0.5, 0.9];
        Span<double> q = stackalloc double[2];
        for (int y = 0; y < Calendar.Years; y++)
            for (int i = 0; i < _areaNames.Length; i++)
                foreach (var m in Modalities.All)
                {
                    int slot = _areaSlots[i];
                    int t = Array.FindIndex(judges, j => j.Target is MaxWaitTarget w && w.WaitModality == m && j.YearIndex == y);
                    if (t < 0) continue;
                    double Mean(Metric metric) => Summaries.Summarize(Layout.Annual(slot, y, MetricCatalog.Series(metric, (int)m))).Mean;
                    int gapCell = Layout.Annual(slot, y, MetricCatalog.Series(Metric.ExtraPlacesNeeded, (int)m));
                    Summaries.Quantiles(gapCell, p, q);
                    rows.Add(new CapacityGap(Calendar.Year(y), _areaNames[i], m,
                        Mean(Metric.ReferralsCjs) + Mean(Metric.ReferralsOther), Mean(Metric.Capacity), Mean(Metric.Waiting),
                        Summaries.Summarize(Layout.Annual(slot, y, MetricCatalog.Series(Metric.P95WaitWeeks, (int)m))).P50,
                        ((MaxWaitTarget)judges[t].Target).Weeks, (double)_accumulator.Met(slot * judges.Length + t) / Replicates, q[0], q[1]));
                }
        return rows;
    }

    /// <summary>
    /// The answer in words: for each of the <see cref="DrugStrategy"/>'s participation targets, how far England's median
    /// run is from it and how sure that is, e.g. "England misses +55% in 2004/05 by about 25,000 (16%) in the median run;
    /// met in 0 of 1,000 runs, under 0.4% at 95% confidence." The one rendering of the headline: the table below, the
    /// report, the explorer and the command line all show this text.
    /// </summary>
    public string Verdict
    {
        get
        {
            var total = Targets.Where(t => t.Area.IsTotal && t.Target is GrowthTarget { Measure: Metric.Participation, IsFall: false }).ToArray();
            if (total.Length == 0) return $"The run does not cover both {DrugStrategy.BaseYear} and a target year, so the participation targets cannot be judged.";
            string verdict = Total.Name + " " + string.Join(". It ", total.Select(HeadlineClause)) + ".";
            return Deterministic ? verdict + " (Deterministic run: expected values, so no chance of meeting can be given; run the ensemble for that.)" : verdict;
        }
    }

    /// <summary>One target's clause of the <see cref="Verdict"/>: distance of the median from the threshold, then how often it was met.</summary>
    private string HeadlineClause(TargetResult t)
    {
        var growth = ((GrowthTarget)t.Target).Growth;
        double margin = t.P50 - t.Threshold;
        string distance = margin < 0
            ? $"misses {growth} in {t.Year} by about {Rounding.About(-margin)} ({Rounding.Percent(-margin / t.Threshold)})"
            : $"reaches {growth} in {t.Year} with about {Rounding.About(margin)} ({Rounding.Percent(margin / t.Threshold)}) to spare";
        return Deterministic ? distance : $"{distance} in the median run; {ShareOfRuns.Of(t.PMet, Replicates).Describe()}";
    }

    /// <summary>A readable table of the headline results for the run's <see cref="Total"/>, and the <see cref="Verdict"/>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"{Scenario.Name} ({Total}): {(Deterministic ? "deterministic" : $"{Replicates} replicates")}, seed {Scenario.Seed}, {Calendar.Start:yyyy-MM-dd} to {Calendar.End:yyyy-MM-dd}");
        text.AppendLine(inv, $"{"year",-8}{"participation (median [5%-95%])",36}{"starts",10}{"cjs starts",12}{"waiting",10}{"capacity",10}");
        var part = Annual(Total, Metric.Participation);
        var starts = Annual(Total, Metric.TreatmentStarts);
        var cjs = Annual(Total, Metric.TreatmentStartsCjs);
        var waiting = Annual(Total, Metric.Waiting);
        var capacity = Annual(Total, Metric.Capacity);
        for (int y = 0; y < Calendar.Years; y++)
            text.AppendLine(inv, $"{Calendar.Year(y),-8}{$"{part[y].P50:N0} [{part[y].P05:N0}-{part[y].P95:N0}]",36}{starts[y].Mean,10:N0}{cjs[y].Mean,12:N0}{waiting[y].Mean,10:N0}{capacity[y].Mean,10:N0}");
        text.AppendLine(Verdict);
        return text.ToString();
    }
}
