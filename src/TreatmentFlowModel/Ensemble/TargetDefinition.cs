using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// One target judged in every replicate and area: whether a replicate meets it depends only on that
/// replicate's annual values, so the probability of meeting it is a count that streams and merges exactly.
/// </summary>
internal abstract record TargetDefinition(string Name, int Year)
{
    /// <summary>Series whose distribution targets.csv reports for the target year.</summary>
    public abstract int Series { get; }

    /// <summary>Whether the replicate whose record is <paramref name="record"/> meets the target in <paramref name="slot"/>.</summary>
    public abstract bool IsMet(ReadOnlySpan<double> record, CellLayout layout, int slot);

    /// <summary>The targets a run of <paramref name="model"/> can judge: those whose years (and baseline year) fall inside it.</summary>
    public static TargetDefinition[] For(FrozenModel model)
    {
        var calendar = model.Calendar;
        bool Inside(int year) => year >= calendar.FirstYear && year < calendar.FirstYear + calendar.Years;
        var list = new List<TargetDefinition>();
        foreach (var (name, year, factor) in new[] { ("participation_55pct", 2004, 1.55), ("participation_100pct", 2008, 2.0) })
            if (Inside(ParticipationTarget.BaseYear) && Inside(year))
                list.Add(new ParticipationTarget(name, year - calendar.FirstYear, ParticipationTarget.BaseYear - calendar.FirstYear, factor));
        for (int year = calendar.FirstYear + 1; year < calendar.FirstYear + calendar.Years; year++)
            list.Add(new RetentionTarget(year - calendar.FirstYear));
        foreach (var modality in model.MaxWaits.Modalities)
            for (int y = 0; y < calendar.Years; y++)
                if (model.MaxWaits.Weeks(y, (int)modality) is var weeks && !double.IsNaN(weeks)) list.Add(new WaitTarget(modality, y, weeks));
        return [.. list];
    }
}

/// <summary>Participation in the target year at least <paramref name="Factor"/> times the replicate's own base-year participation.</summary>
internal sealed record ParticipationTarget(string Name, int Year, int BaseYearIndex, double Factor) : TargetDefinition(Name, Year)
{
    /// <summary>The baseline financial year of the national targets: 1998/99.</summary>
    public const int BaseYear = 1998;

    public override int Series => MetricCatalog.Total(Metric.Participation);

    public override bool IsMet(ReadOnlySpan<double> record, CellLayout layout, int slot) =>
        record[layout.Annual(slot, Year, Series)] >= Factor * record[layout.Annual(slot, BaseYearIndex, Series)];
}

/// <summary>
/// The retention target: the share of starts retained 12 weeks or completing (retained_12wk / treatment_starts)
/// rises on the year before. A year with no starts does not meet it.
/// </summary>
internal sealed record RetentionTarget(int Year) : TargetDefinition("retention_rise", Year)
{
    public override int Series => MetricCatalog.Total(Metric.RetainedShare);

    public override bool IsMet(ReadOnlySpan<double> record, CellLayout layout, int slot) =>
        record[layout.Annual(slot, Year, Series)] > record[layout.Annual(slot, Year - 1, Series)];
}

/// <summary>The NTA maximum wait: the 95th percentile of completed waits at or below <paramref name="Weeks"/> (met when nobody waited).</summary>
internal sealed record WaitTarget(Modality Modality, int Year, double Weeks) : TargetDefinition($"max_wait_{Modalities.OutputName(Modality)}", Year)
{
    public override int Series => MetricCatalog.Series(Metric.P95WaitWeeks, (int)Modality);

    public override bool IsMet(ReadOnlySpan<double> record, CellLayout layout, int slot) =>
        record[layout.Annual(slot, Year, Series)] is var wait && (double.IsNaN(wait) || wait <= Weeks);
}
