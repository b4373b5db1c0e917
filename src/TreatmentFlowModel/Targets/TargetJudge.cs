using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Targets;

/// <summary>
/// A <see cref="Target"/> resolved against a run's calendar and record layout: judges it in a replicate's record, and
/// gives the baseline and threshold targets.csv reports from the means over replicates.
/// </summary>
internal sealed class TargetJudge
{
    private readonly TargetKind _kind;
    private readonly int _reference;     // year index of the base year (growth) or the year before (rise); -1 otherwise
    private readonly double _threshold;  // the growth factor, or the level (the maximum wait in weeks)
    private readonly double _published;  // a growth target's published baseline, NaN for each replicate's own
    private readonly bool _falls;        // a growth target with a factor below 1: met at or under the threshold

    private TargetJudge(Target target, WeekCalendar calendar, string? area = null, string source = "")
    {
        Target = target;
        Area = area;
        Source = source;
        _published = target is GrowthTarget { PublishedBaseline: { } p } ? p : double.NaN;
        _falls = target is GrowthTarget { IsFall: true };
        _kind = target.Kind;
        YearIndex = calendar.YearIndex(target.Year);
        Series = MetricCatalog.Series(target.Metric, target.Modality is { } m ? (int)m : Modalities.Count);
        (_reference, _threshold) = target switch
        {
            GrowthTarget g => (g.PublishedBaseline is null ? calendar.YearIndex(g.BaseYear) : -1, g.Factor),
            LevelTarget l => (-1, l.Level),
            RiseTarget => (YearIndex - 1, double.NaN),
            MaxWaitTarget w => (-1, w.Weeks),
            _ => throw new ArgumentException($"no judge for target kind {target.Kind}", nameof(target)),
        };
    }

    /// <summary>The target.</summary>
    public Target Target { get; }

    /// <summary>The only area it is reported for (a total's label, a region or a DAT), or null for every area.</summary>
    public string? Area { get; }

    /// <summary>Where it comes from, as the scenario declares.</summary>
    public string Source { get; }

    /// <summary>Index of the target year in the run.</summary>
    public int YearIndex { get; }

    /// <summary>The series judged (and reported in targets.csv).</summary>
    public int Series { get; }

    /// <summary>
    /// The targets a run of <paramref name="model"/> judges, in the order of targets.csv: the targets the scenario declares
    /// whose years (and model base year) fall inside the run, in the scenario's order; the retention rise in every year
    /// after the first; and the NTA maximum waits of every modality with one, year by year.
    /// </summary>
    public static TargetJudge[] For(FrozenModel model)
    {
        var calendar = model.Calendar;
        var judges = new List<TargetJudge>();
        foreach (var d in model.DeclaredTargets)
        {
            if (!calendar.Contains(d.Year)) continue;
            if (d.Kind == TargetDeclarationKind.GrowthOverBase && d.PublishedBaseline is null && (d.BaseYear is not { } b || !calendar.Contains(b))) continue;
            if (d.Kind == TargetDeclarationKind.RiseOnYearBefore && calendar.YearIndex(d.Year) == 0) continue;
            Target target = d.Kind switch
            {
                TargetDeclarationKind.GrowthOverBase => new GrowthTarget(d.Name, d.Metric, d.BaseYear ?? d.Year, d.Year, d.Value) { PublishedBaseline = d.PublishedBaseline, MeasureModality = d.Modality },
                TargetDeclarationKind.RiseOnYearBefore => new RiseTarget(d.Name, d.Metric, d.Year),
                _ => new LevelTarget(d.Name, d.Metric, d.Modality, d.Year, d.Value, d.Kind == TargetDeclarationKind.AtMost),
            };
            judges.Add(new TargetJudge(target, calendar, d.Area, d.Source));
        }
        for (int y = 1; y < calendar.Years; y++) judges.Add(new TargetJudge(DrugStrategy.RetentionRise(calendar.Year(y)), calendar));
        foreach (var modality in model.MaxWaits.Modalities)
            for (int y = 0; y < calendar.Years; y++)
                if (model.MaxWaits.Weeks(y, (int)modality) is var weeks && !double.IsNaN(weeks))
                    judges.Add(new TargetJudge(new MaxWaitTarget(modality, calendar.Year(y), weeks), calendar, source: "NTA maximum waits (treatment_targets.csv, seed 004)"));
        return [.. judges];
    }

    /// <summary>Whether the replicate whose record is <paramref name="record"/> meets the target in annual slot <paramref name="slot"/>.</summary>
    public bool IsMet(ReadOnlySpan<double> record, CellLayout layout, int slot)
    {
        double value = record[layout.Annual(slot, YearIndex, Series)];
        return _kind switch
        {
            TargetKind.GrowthOverBaseYear when _falls => value <= _threshold * Baseline(record, layout, slot),
            TargetKind.GrowthOverBaseYear => value >= _threshold * Baseline(record, layout, slot),
            TargetKind.RiseOnYearBefore => value > record[layout.Annual(slot, _reference, Series)],
            TargetKind.AtLeast => value >= _threshold,
            _ => double.IsNaN(value) || value <= _threshold,
        };
    }

    private double Baseline(ReadOnlySpan<double> record, CellLayout layout, int slot) =>
        double.IsNaN(_published) ? record[layout.Annual(slot, _reference, Series)] : _published;

    /// <summary>The baseline and threshold reported with the target, from <paramref name="meanInYear"/> (mean of the series in a year index).</summary>
    public (double Baseline, double Threshold) Reference(Func<int, double> meanInYear) => _kind switch
    {
        TargetKind.GrowthOverBaseYear => (double.IsNaN(_published) ? meanInYear(_reference) : _published) is var b ? (b, _threshold * b) : default,
        TargetKind.RiseOnYearBefore => meanInYear(_reference) is var b ? (b, b) : default,
        _ => (double.NaN, _threshold),
    };
}
