using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Recording;

/// <summary>
/// Where each recorded value lives in a replicate's record: weekly cells (England and the weekly areas,
/// every week and series) first, then annual cells (England and every area, every financial year and series),
/// then monthly and quarterly cells (the period slots: the total, the regions and the weekly areas; totals over
/// modalities only, <see cref="PeriodSeries"/>).
/// </summary>
/// <param name="WeeklySlots">The total and the areas recorded week by week.</param>
/// <param name="Weeks">Weeks simulated.</param>
/// <param name="AnnualSlots">The total, every area and the regions.</param>
/// <param name="Years">Financial years touched.</param>
/// <param name="PeriodSlots">Slots of the monthly and quarterly cells (0: none recorded).</param>
/// <param name="Months">Calendar months touched.</param>
/// <param name="Quarters">Calendar quarters touched.</param>
internal sealed record CellLayout(int WeeklySlots, int Weeks, int AnnualSlots, int Years, int PeriodSlots = 0, int Months = 0, int Quarters = 0)
{
    private static readonly int S = MetricCatalog.SeriesCount;

    /// <summary>
    /// The series of the monthly and quarterly cells: every metric's total over modalities (months and quarters per
    /// modality would multiply the cells by seven for little use; annual.csv has the modalities).
    /// </summary>
    public static int[] PeriodSeries { get; } = [.. Enumerable.Range(0, S).Where(s => MetricCatalog.ModalityOf(s) == Modalities.Count)];

    private static readonly int P = PeriodSeries.Length;

    /// <summary>Number of weekly cells; annual cells follow them.</summary>
    public int WeeklyCells => WeeklySlots * Weeks * S;

    private int AnnualEnd => WeeklyCells + AnnualSlots * Years * S;

    private int MonthlyEnd => AnnualEnd + PeriodSlots * Months * P;

    /// <summary>Number of cells in all.</summary>
    public int Cells => MonthlyEnd + PeriodSlots * Quarters * P;

    /// <summary>Cell of (weekly slot, week, series).</summary>
    public int Weekly(int slot, int week, int series) => (slot * Weeks + week) * S + series;

    /// <summary>Cell of (annual slot, year index, series).</summary>
    public int Annual(int slot, int year, int series) => WeeklyCells + (slot * Years + year) * S + series;

    /// <summary>First cell of (period slot, month index): the <see cref="PeriodSeries"/> follow in order.</summary>
    public int Monthly(int slot, int month) => AnnualEnd + (slot * Months + month) * P;

    /// <summary>First cell of (period slot, quarter index): the <see cref="PeriodSeries"/> follow in order.</summary>
    public int Quarterly(int slot, int quarter) => MonthlyEnd + (slot * Quarters + quarter) * P;

    /// <summary>Resolution of small values per cell: 1/64 week for mean and longest waits (and 1/64 WTE or place for staff_needed and places_lost_to_lags), 1/8192 for shares, one person (or pound, or place) otherwise.</summary>
    public double[] Units()
    {
        var units = new double[Cells];
        for (int cell = 0; cell < units.Length; cell++)
        {
            int series = cell < AnnualEnd ? cell % S : PeriodSeries[(cell - AnnualEnd) % P];
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
