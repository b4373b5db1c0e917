using System.Globalization;
using System.Text;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// The outcome of a run: summaries over replicates of every measure, week by week (England and the
/// requested areas) and by financial year (England and every area), and the targets.
/// </summary>
public sealed class EnsembleResult
{
    /// <summary>Area name of the national total (the sum over the simulated areas).</summary>
    public const string England = "England";

    private readonly EnsembleStore _store;
    private readonly string[] _areaNames;
    private readonly string[] _weeklyNames;
    private IReadOnlyList<TargetResult>? _targets;

    internal EnsembleResult(Scenario scenario, ModelSetup setup, EnsembleStore store, int[] weeklyAreas, bool deterministic, TimeSpan elapsed)
    {
        Scenario = scenario;
        Calendar = setup.Calendar;
        _store = store;
        _areaNames = [England, .. setup.Areas.Select(a => a.Name)];
        _weeklyNames = [England, .. weeklyAreas.Select(i => setup.Areas[i].Name)];
        Deterministic = deterministic;
        Elapsed = elapsed;
    }

    /// <summary>The scenario that was run.</summary>
    public Scenario Scenario { get; }

    /// <summary>Weeks and financial years of the run.</summary>
    public WeekCalendar Calendar { get; }

    /// <summary>True for the deterministic (expected-value) mode.</summary>
    public bool Deterministic { get; }

    /// <summary>Replicates run (1 in the deterministic mode).</summary>
    public int Replicates => _store.Replicates;

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary><c>England</c> followed by the simulated areas: the areas of <see cref="Annual"/>.</summary>
    public IReadOnlyList<string> Areas => _areaNames;

    /// <summary><c>England</c> followed by the areas recorded week by week: the areas of <see cref="Weekly"/>.</summary>
    public IReadOnlyList<string> WeeklyAreas => _weeklyNames;

    /// <summary>Summary of <paramref name="metric"/> in <paramref name="area"/> for each week.</summary>
    /// <param name="area">An entry of <see cref="WeeklyAreas"/>.</param>
    /// <param name="metric">The measure.</param>
    /// <param name="modality">A modality, or null for the total over modalities.</param>
    public Summary[] Weekly(string area, Metric metric, Modality? modality = null)
    {
        int slot = Slot(_weeklyNames, area, nameof(WeeklyAreas));
        int series = SeriesOf(metric, modality);
        var scratch = new double[Replicates];
        return Enumerable.Range(0, Calendar.Weeks)
            .Select(w => Summary.Of(_store.Weekly.AsSpan((int)_store.WeeklyIndex(slot, w, series), Replicates), scratch)).ToArray();
    }

    /// <summary>Summary of <paramref name="metric"/> in <paramref name="area"/> for each financial year.</summary>
    /// <param name="area">An entry of <see cref="Areas"/>.</param>
    /// <param name="metric">The measure.</param>
    /// <param name="modality">A modality, or null for the total over modalities.</param>
    public Summary[] Annual(string area, Metric metric, Modality? modality = null)
    {
        int slot = Slot(_areaNames, area, nameof(Areas));
        int series = SeriesOf(metric, modality);
        var scratch = new double[Replicates];
        return Enumerable.Range(0, Calendar.Years).Select(y => Summary.Of(AnnualValues(slot, y, series), scratch)).ToArray();
    }

    /// <summary>Each replicate's value of <paramref name="metric"/> in <paramref name="area"/> in the financial year starting in <paramref name="startYear"/>.</summary>
    public double[] AnnualReplicates(string area, Metric metric, int startYear, Modality? modality = null)
    {
        int y = startYear - Calendar.FirstYear;
        if (y < 0 || y >= Calendar.Years)
            throw new ArgumentOutOfRangeException(nameof(startYear), startYear, $"the run covers {WeekCalendar.YearLabel(Calendar.FirstYear)} to {WeekCalendar.YearLabel(Calendar.FirstYear + Calendar.Years - 1)}");
        return AnnualValues(Slot(_areaNames, area, nameof(Areas)), y, SeriesOf(metric, modality)).ToArray();
    }

    internal ReadOnlySpan<double> AnnualValues(int slot, int year, int series) =>
        _store.Annual.AsSpan((int)_store.AnnualIndex(slot, year, series), Replicates);

    internal ReadOnlySpan<double> WeeklyValues(int slot, int week, int series) =>
        _store.Weekly.AsSpan((int)_store.WeeklyIndex(slot, week, series), Replicates);

    private static int SeriesOf(Metric metric, Modality? modality)
    {
        int series = MetricCatalog.Series(metric, modality is null ? Modalities.Count : (int)modality);
        if (series < 0) throw new ArgumentException($"{MetricCatalog.OutputName(metric)} is recorded only in total, not per modality", nameof(modality));
        return series;
    }

    private static int Slot(string[] names, string area, string property)
    {
        int i = Array.FindIndex(names, n => n.Equals(area, StringComparison.OrdinalIgnoreCase));
        if (i < 0) throw new ArgumentException($"'{area}' is not in {property}{Suggestions.Hint(area, names)}", nameof(area));
        return i;
    }

    /// <summary>
    /// The targets: participation +55% by 2004/05 and +100% by 2008/09 over 1998/99 (each replicate against
    /// its own baseline), and the NTA maximum waits per modality in 2002/03 and 2003/04 (95th percentile of
    /// completed waits at or below the target). Years outside the run are left out.
    /// </summary>
    public IReadOnlyList<TargetResult> Targets => _targets ??= ComputeTargets();

    private List<TargetResult> ComputeTargets()
    {
        var rows = new List<TargetResult>();
        var scratch = new double[Replicates];
        int YearIndex(int year) => year - Calendar.FirstYear is var y && y >= 0 && y < Calendar.Years ? y : -1;
        int baseYear = YearIndex(1998);
        int participation = MetricCatalog.Total(Metric.Participation);
        for (int slot = 0; slot < _areaNames.Length; slot++)
        {
            if (baseYear >= 0)
                foreach (var (name, year, factor) in new[] { ("participation_55pct", 2004, 1.55), ("participation_100pct", 2008, 2.0) })
                {
                    int y = YearIndex(year);
                    if (y < 0) continue;
                    var baseline = AnnualValues(slot, baseYear, participation);
                    var value = AnnualValues(slot, y, participation);
                    int met = 0;
                    for (int r = 0; r < Replicates; r++) if (value[r] >= factor * baseline[r]) met++;
                    var b = Summary.Of(baseline, scratch);
                    var v = Summary.Of(value, scratch);
                    rows.Add(new TargetResult(name, _areaNames[slot], WeekCalendar.YearLabel(year), b.Mean, factor * b.Mean, v.Mean, v.P05, v.P50, v.P95, (double)met / Replicates));
                }
            foreach (var target in Scenario.WaitTargets)
                foreach (var (year, weeks) in new[] { (2002, target.Target2002), (2003, target.Target2003) })
                {
                    int y = YearIndex(year);
                    if (y < 0) continue;
                    var wait = AnnualValues(slot, y, MetricCatalog.Series(Metric.P95WaitWeeks, (int)target.Modality));
                    int met = 0;
                    for (int r = 0; r < Replicates; r++) if (double.IsNaN(wait[r]) || wait[r] <= weeks) met++;
                    var v = Summary.Of(wait, scratch);
                    rows.Add(new TargetResult($"max_wait_{Modalities.OutputName(target.Modality)}", _areaNames[slot], WeekCalendar.YearLabel(year),
                        double.NaN, weeks, v.Mean, v.P05, v.P50, v.P95, (double)met / Replicates));
                }
        }
        return rows;
    }

    /// <summary>A readable table of the headline results for England.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"{Scenario.Name}: {(Deterministic ? "deterministic" : $"{Replicates} replicates")}, seed {Scenario.Seed}, {Calendar.Start:yyyy-MM-dd} to {Calendar.End:yyyy-MM-dd}");
        text.AppendLine(inv, $"{"year",-8}{"participation (median [5%-95%])",36}{"starts",10}{"cjs starts",12}{"waiting",10}{"capacity",10}");
        var part = Annual(England, Metric.Participation);
        var starts = Annual(England, Metric.TreatmentStarts);
        var cjs = Annual(England, Metric.TreatmentStartsCjs);
        var waiting = Annual(England, Metric.Waiting);
        var capacity = Annual(England, Metric.Capacity);
        for (int y = 0; y < Calendar.Years; y++)
            text.AppendLine(inv, $"{WeekCalendar.YearLabel(Calendar.FirstYear + y),-8}{$"{part[y].P50:N0} [{part[y].P05:N0}-{part[y].P95:N0}]",36}{starts[y].Mean,10:N0}{cjs[y].Mean,12:N0}{waiting[y].Mean,10:N0}{capacity[y].Mean,10:N0}");
        foreach (var t in Targets.Where(t => t.Area == England && t.Target.StartsWith("participation", StringComparison.Ordinal)))
            text.AppendLine(inv, $"{t.Target} by {t.Year}: met in {t.PMet:P0} of runs (median {t.P50:N0} vs threshold {t.Threshold:N0})");
        return text.ToString();
    }
}
