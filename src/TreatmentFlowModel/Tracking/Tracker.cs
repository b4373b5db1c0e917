using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;

namespace TreatmentFlowModel.Tracking;

/// <summary>Forecast against returns: each observation beside the run's forecast of the same period, area and metric.</summary>
public static class Tracker
{
    /// <summary>The rows of tracking.csv, in the order of the observations.</summary>
    /// <param name="observations">Observations read for a run of the same scenario (<see cref="ObservationFile.Read"/>).</param>
    /// <param name="result">The run.</param>
    /// <exception cref="ArgumentException">An observation's period or area is not in the run (it was read for another scenario).</exception>
    public static IReadOnlyList<TrackingRow> Compare(IReadOnlyList<Observation> observations, EnsembleResult result)
    {
        var series = new Dictionary<(PeriodKind, AreaId, Metric), Summary[]>();
        var rows = new List<TrackingRow>(observations.Count);
        foreach (var o in observations)
        {
            if (!series.TryGetValue((o.Kind, o.Area, o.Metric), out var forecast))
                series[(o.Kind, o.Area, o.Metric)] = forecast = Forecast(result, o.Kind, o.Area, o.Metric);
            int i = ObservationFile.Index(o.Kind, o.Start, result.Calendar);
            if (i < 0) throw new ArgumentException($"line {o.Line}: {o.Period} is outside the run", nameof(observations));
            rows.Add(new TrackingRow(o, forecast[i]));
        }
        return rows;
    }

    /// <summary>The forecast of <paramref name="metric"/> in <paramref name="area"/> for every period of <paramref name="kind"/> in the run.</summary>
    public static Summary[] Forecast(EnsembleResult result, PeriodKind kind, AreaId area, Metric metric) => kind switch
    {
        PeriodKind.Week => result.Weekly(area, metric),
        PeriodKind.Month => result.Monthly(area, metric),
        PeriodKind.Quarter => result.Quarterly(area, metric),
        _ => result.Annual(area, metric),
    };

    /// <summary>The first day of every period of <paramref name="kind"/> in the run, in the order of <see cref="Forecast"/>.</summary>
    public static DateOnly[] PeriodStarts(WeekCalendar calendar, PeriodKind kind) => kind switch
    {
        PeriodKind.Week => [.. Enumerable.Range(0, calendar.Weeks).Select(calendar.WeekStart)],
        PeriodKind.Month => [.. Enumerable.Range(0, calendar.Months).Select(calendar.Month)],
        PeriodKind.Quarter => [.. Enumerable.Range(0, calendar.Quarters).Select(calendar.Quarter)],
        _ => [.. calendar.FinancialYears.Select(y => new DateOnly(y.StartYear, 4, 1))],
    };
}
