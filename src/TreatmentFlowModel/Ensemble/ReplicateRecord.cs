using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// The record of one stochastic replicate for England: its weekly values and its financial-year values (flows summed,
/// levels at the year's end, waits from the year's admissions), as <see cref="SingleReplicate.Run"/> leaves them. It is
/// what a calibration's simulator reads its summaries from.
/// </summary>
public sealed class ReplicateRecord
{
    private readonly double[] _cells;
    private readonly CellLayout _layout;

    internal ReplicateRecord(double[] cells, CellLayout layout, WeekCalendar calendar)
    {
        _cells = cells;
        _layout = layout;
        Calendar = calendar;
    }

    /// <summary>The reported weeks and financial years (from the scenario's Start; the burn-in is not recorded).</summary>
    public WeekCalendar Calendar { get; }

    /// <summary>England's value of <paramref name="metric"/> (total, or of <paramref name="modality"/>) in financial year <paramref name="year"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The run does not touch the year, or the metric has no modalities.</exception>
    public double Annual(Metric metric, FinancialYear year, Modality? modality = null)
    {
        if (!Calendar.Contains(year)) throw new ArgumentOutOfRangeException(nameof(year), year, $"the run reports {Calendar.FirstYear} to {Calendar.LastYear}");
        return _cells[_layout.Annual(0, Calendar.YearIndex(year), Series(metric, modality))];
    }

    /// <summary>England's value of <paramref name="metric"/> in reported week <paramref name="week"/> (levels at the week's end).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The week is not reported, or the metric has no modalities.</exception>
    public double Weekly(Metric metric, int week, Modality? modality = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(week);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(week, Calendar.Weeks);
        return _cells[_layout.Weekly(0, week, Series(metric, modality))];
    }

    /// <summary>The reported week that contains <paramref name="date"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is outside the reported weeks.</exception>
    public int WeekOf(DateOnly date)
    {
        int week = (date.DayNumber - Calendar.Start.DayNumber) / 7;
        if (date < Calendar.Start || week >= Calendar.Weeks)
            throw new ArgumentOutOfRangeException(nameof(date), date, $"the run reports {Calendar.Start:yyyy-MM-dd} to {Calendar.End:yyyy-MM-dd}");
        return week;
    }

    private static int Series(Metric metric, Modality? modality)
    {
        int series = MetricCatalog.Series(metric, modality is { } m ? (int)m : Modalities.Count);
        if (series < 0) throw new ArgumentOutOfRangeException(nameof(modality), modality, $"{MetricCatalog.OutputName(metric)} is not recorded by modality");
        return series;
    }
}
