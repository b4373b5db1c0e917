using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Recording;

/// <summary>
/// Where each recorded value lives in a replicate's record: weekly cells (England and the weekly areas,
/// every week and series) first, then annual cells (England and every area, every financial year and series).
/// </summary>
internal sealed record CellLayout(int WeeklySlots, int Weeks, int AnnualSlots, int Years)
{
    private static readonly int S = MetricCatalog.SeriesCount;

    /// <summary>Number of weekly cells; annual cells follow them.</summary>
    public int WeeklyCells => WeeklySlots * Weeks * S;

    /// <summary>Number of cells in all.</summary>
    public int Cells => WeeklyCells + AnnualSlots * Years * S;

    /// <summary>Cell of (weekly slot, week, series).</summary>
    public int Weekly(int slot, int week, int series) => (slot * Weeks + week) * S + series;

    /// <summary>Cell of (annual slot, year index, series).</summary>
    public int Annual(int slot, int year, int series) => WeeklyCells + (slot * Years + year) * S + series;

    /// <summary>Resolution of small values per cell: 1/64 week for mean and longest waits (and 1/64 WTE or place for staff_needed and places_lost_to_lags), 1/8192 for shares, one person (or pound, or place) otherwise.</summary>
    public double[] Units()
    {
        var units = new double[Cells];
        for (int cell = 0; cell < units.Length; cell++)
        {
            int series = cell < WeeklyCells ? cell % S : (cell - WeeklyCells) % S;
            units[cell] = MetricCatalog.MetricOf(series) switch
            {
                Metric.MeanWaitWeeks or Metric.MeanWaitWeeksCjs or Metric.DatMeanWaitWeeks or Metric.LongestWaitWeeks => 1.0 / 64,
                // A week's value is a 52nd of a level (issue 17): a DAT's is often under one.
                Metric.StaffNeeded or Metric.PlacesLostToLags => 1.0 / 64,
                Metric.RetainedShare or Metric.Occupancy or Metric.AdmittedWithin3WkShare or Metric.TestPositiveShare => 1.0 / 8192,
                _ => 1.0,
            };
        }
        return units;
    }
}
