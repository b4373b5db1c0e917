using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Targets;

/// <summary>
/// A <see cref="Target"/> resolved against a run's calendar and record layout: judges it in a replicate's record, and
/// gives the baseline and threshold targets.csv reports from the means over replicates.
/// </summary>
internal sealed class TargetJudge
{
    private readonly TargetKind _kind;
    private readonly int _reference;     // year index of the base year (growth) or the year before (rise); -1 for waits
    private readonly double _threshold;  // the growth factor, or the maximum wait in weeks

    private TargetJudge(Target target, WeekCalendar calendar)
    {
        Target = target;
        _kind = target.Kind;
        YearIndex = calendar.YearIndex(target.Year);
        Series = MetricCatalog.Series(target.Metric, target.Modality is { } m ? (int)m : Modalities.Count);
        (_reference, _threshold) = target switch
        {
            GrowthTarget g => (calendar.YearIndex(g.BaseYear), g.Factor),
            RiseTarget => (YearIndex - 1, double.NaN),
            MaxWaitTarget w => (-1, w.Weeks),
            _ => throw new ArgumentException($"no judge for target kind {target.Kind}", nameof(target)),
        };
    }

    /// <summary>The target.</summary>
    public Target Target { get; }

    /// <summary>Index of the target year in the run.</summary>
    public int YearIndex { get; }

    /// <summary>The series judged (and reported in targets.csv).</summary>
    public int Series { get; }

    /// <summary>
    /// The targets a run of <paramref name="model"/> judges, in the order of targets.csv: the drug strategy's
    /// participation targets whose base and target years both fall inside the run, the retention rise in every year
    /// after the first, and the NTA maximum waits of every modality with one, year by year.
    /// </summary>
    public static TargetJudge[] For(FrozenModel model)
    {
        var calendar = model.Calendar;
        var targets = new List<Target>();
        foreach (var target in DrugStrategy.ParticipationTargets)
            if (calendar.Contains(target.BaseYear) && calendar.Contains(target.Year)) targets.Add(target);
        for (int y = 1; y < calendar.Years; y++) targets.Add(DrugStrategy.RetentionRise(calendar.Year(y)));
        foreach (var modality in model.MaxWaits.Modalities)
            for (int y = 0; y < calendar.Years; y++)
                if (model.MaxWaits.Weeks(y, (int)modality) is var weeks && !double.IsNaN(weeks)) targets.Add(new MaxWaitTarget(modality, calendar.Year(y), weeks));
        return [.. targets.Select(t => new TargetJudge(t, calendar))];
    }

    /// <summary>Whether the replicate whose record is <paramref name="record"/> meets the target in annual slot <paramref name="slot"/>.</summary>
    public bool IsMet(ReadOnlySpan<double> record, CellLayout layout, int slot)
    {
        double value = record[layout.Annual(slot, YearIndex, Series)];
        return _kind switch
        {
            TargetKind.GrowthOverBaseYear => value >= _threshold * record[layout.Annual(slot, _reference, Series)],
            TargetKind.RiseOnYearBefore => value > record[layout.Annual(slot, _reference, Series)],
            _ => double.IsNaN(value) || value <= _threshold,
        };
    }

    /// <summary>The baseline and threshold reported with the target, from <paramref name="meanInYear"/> (mean of the series in a year index).</summary>
    public (double Baseline, double Threshold) Reference(Func<int, double> meanInYear) => _kind switch
    {
        TargetKind.GrowthOverBaseYear => meanInYear(_reference) is var b ? (b, _threshold * b) : default,
        TargetKind.RiseOnYearBefore => meanInYear(_reference) is var b ? (b, b) : default,
        _ => (double.NaN, _threshold),
    };
}
