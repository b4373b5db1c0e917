using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Recording;

/// <summary>
/// Turns a replicate's weekly area values into its record (see <see cref="CellLayout"/>): England totals,
/// the weekly areas, and financial-year values per area (flows summed, levels at the year's last week,
/// waits from the year's admissions, ratios from the year's sums). One per worker; reused across replicates.
/// </summary>
internal sealed class ReplicateRecorder
{
    private const int M = Modalities.Count;
    private static readonly int S = MetricCatalog.SeriesCount;
    private static readonly MetricKind[] KindOf = Enumerable.Range(0, S).Select(s => MetricCatalog.Kind(MetricCatalog.MetricOf(s))).ToArray();
    private static readonly int[] StockSeries = SeriesOfKind(MetricKind.Stock), FlowSeries = SeriesOfKind(MetricKind.Flow);
    private static readonly int Retained = MetricCatalog.Total(Metric.Retained12Wk);
    private static readonly int Starts = MetricCatalog.Total(Metric.TreatmentStarts);

    private readonly CellLayout _layout;
    private readonly WeekCalendar _calendar;
    private readonly int _areas;
    private readonly int[] _weeklyAreas;       // slot (from 1) → simulated area
    private readonly int K;                    // bins of completed weeks waited
    private readonly WaitHistogramLayout _hist;
    private readonly double[] _england;        // [S] this week
    private readonly double[] _englandHist;    // one slot of _hist: this week
    private readonly double[] _areaHist;       // one slot of _hist: scratch for one area
    private readonly double[] _annual;         // [(areas+1) × S]: England, then each area (slot = area + 1)
    private readonly double[] _annualHist;     // (areas+1) slots of _hist
    private readonly MaxWaitTable _targetWeeks; // NTA maximum waits by year and modality
    private readonly double[] _gaps;           // [M]: scratch, England's extra places by modality

    /// <summary>A recorder of <paramref name="model"/>'s replicates into <paramref name="layout"/>, for weeks whose lists have <paramref name="waitBins"/> bins.</summary>
    public ReplicateRecorder(CellLayout layout, FrozenModel model, int[] weeklyAreas, int waitBins)
    {
        K = waitBins;
        _hist = new WaitHistogramLayout(waitBins);
        _targetWeeks = model.MaxWaits;
        _gaps = new double[M];
        _layout = layout;
        _calendar = model.Calendar;
        int areas = _areas = model.AreaCount;
        _weeklyAreas = weeklyAreas;
        Record = new double[layout.Cells];
        _england = new double[S];
        _englandHist = new double[_hist.SlotLength];
        _areaHist = new double[_hist.SlotLength];
        _annual = new double[(areas + 1) * S];
        _annualHist = new double[_hist.Slot(areas + 1)];
    }

    /// <summary>The replicate's value of every cell, complete after the last week.</summary>
    public double[] Record { get; }

    public void Begin()
    {
        Array.Clear(_annual);
        Array.Clear(_annualHist);
    }

    /// <summary>Records a week: the areas' values, admissions by weeks waited, waiting lists and mean stays.</summary>
    public void Capture(in WeekView week)
    {
        int w = week.Week;
        Array.Clear(_england);
        Array.Clear(_englandHist);
        for (int a = 0; a < _areas; a++)
        {
            var row = week.Series(a);
            var annual = _annual.AsSpan((a + 1) * S, S);
            foreach (int s in FlowSeries)
            {
                _england[s] += row[s];
                annual[s] += row[s];
            }
            foreach (int s in StockSeries)
            {
                _england[s] += row[s];
                annual[s] = row[s];
            }
            AddAdmissions(week.AdmittedByWait(a), _annualHist.AsSpan(_hist.Slot(a + 1), _hist.SlotLength));
        }
        var englandAnnual = _annual.AsSpan(0, S);
        foreach (int s in FlowSeries) englandAnnual[s] += _england[s];
        foreach (int s in StockSeries) englandAnnual[s] = _england[s];
        var englandAnnualHist = _annualHist.AsSpan(_hist.Slot(0), _hist.SlotLength);
        for (int i = 0; i < englandAnnualHist.Length; i++) englandAnnualHist[i] += _englandHist[i];

        WriteCells(_layout.Weekly(0, w, 0), _england, _englandHist);
        for (int slot = 1; slot < _layout.WeeklySlots; slot++)
        {
            int a = _weeklyAreas[slot - 1];
            Array.Clear(_areaHist);
            var admitted = week.AdmittedByWait(a); // [m × K + k]
            int all = _hist.Row(WaitHistogramLayout.AllModalities);
            for (int m = 0; m < M; m++)
                for (int k = 0; k < K; k++)
                {
                    double x = admitted[m * K + k];
                    _areaHist[_hist.Row(m) + k] += x;
                    _areaHist[all + k] += x;
                }
            WriteCells(_layout.Weekly(slot, w, 0), week.Series(a), _areaHist);
        }

        if (_calendar.IsLastWeekOfYear(w))
        {
            int y = _calendar.YearIndexOfWeek(w);
            Array.Clear(_gaps);
            for (int slot = 0; slot <= _areas; slot++)
            {
                var values = _annual.AsSpan(slot * S, S);
                var hist = _annualHist.AsSpan(_hist.Slot(slot), _hist.SlotLength);
                int cell = _layout.Annual(slot, y, 0);
                WriteCells(cell, values, hist);
                // Gaps: per area from its lists; England and "all" as sums (a surplus in one place does not fill a gap in another).
                double total = 0;
                for (int m = 0; m < M; m++)
                {
                    double target = _targetWeeks.Weeks(y, m), gap;
                    if (slot > 0)
                    {
                        int a = slot - 1;
                        gap = double.IsNaN(target) ? double.NaN : ExtraPlaces(hist.Slice(_hist.Row(m), K),
                            week.WaitingList(a, m, ReferralQueue.Other), week.WaitingList(a, m, ReferralQueue.Cjs), target, week.MeanStayWeeks(a, m));
                        if (!double.IsNaN(gap)) _gaps[m] += gap;
                    }
                    else gap = double.IsNaN(target) ? double.NaN : 0;
                    Record[cell + MetricCatalog.Series(Metric.ExtraPlacesNeeded, m)] = gap;
                    if (!double.IsNaN(gap)) total += gap;
                }
                Record[cell + MetricCatalog.Total(Metric.ExtraPlacesNeeded)] = total;
                values.Clear();
                hist.Clear();
            }
            int england = _layout.Annual(0, y, 0);
            double sum = 0;
            for (int m = 0; m < M; m++)
                if (!double.IsNaN(_targetWeeks.Weeks(y, m))) { Record[england + MetricCatalog.Series(Metric.ExtraPlacesNeeded, m)] = _gaps[m]; sum += _gaps[m]; }
            Record[england + MetricCatalog.Total(Metric.ExtraPlacesNeeded)] = sum;
        }
    }

    /// <summary>
    /// Adds one area's admissions by modality and weeks waited (<paramref name="admitted"/>, [m × K + k], the same
    /// positions as the modality rows of a histogram slot) to its annual histogram and to England's week, each also into
    /// the all-modalities row.
    /// </summary>
    /// <remarks>A week admits from a few bins of a few lists, so the area's 318 counts are scanned eight at a time for any that are not zero.</remarks>
    private void AddAdmissions(ReadOnlySpan<double> admitted, Span<double> hist)
    {
        int i = 0;
        for (; i <= admitted.Length - Vector512<double>.Count; i += Vector512<double>.Count)
        {
            if (Vector512.EqualsAll(Vector512.Create(admitted.Slice(i, Vector512<double>.Count)), Vector512<double>.Zero)) continue;
            for (int j = i; j < i + Vector512<double>.Count; j++) AddAdmission(j, admitted[j], hist);
        }
        for (; i < admitted.Length; i++) AddAdmission(i, admitted[i], hist);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddAdmission(int i, double x, Span<double> hist)
    {
        if (x == 0) return;
        int all = _hist.Row(WaitHistogramLayout.AllModalities) + i % K;
        hist[i] += x;           // i = m × K + k: bin k of modality m's row
        hist[all] += x;
        _englandHist[i] += x;
        _englandHist[all] += x;
    }

    private static int[] SeriesOfKind(MetricKind kind) => Enumerable.Range(0, S).Where(s => KindOf[s] == kind).ToArray();

    /// <summary>
    /// Extra places that would have admitted everyone within <paramref name="targetWeeks"/>: the year's admissions
    /// that had waited longer, plus those on the lists at its end who have already waited longer (after the year's last
    /// week's ageing a list's bin k is the wait of someone admitted next week), each needing a place for the mean stay; a place serves 52 / stay such people a year.
    /// </summary>
    internal static double ExtraPlaces(ReadOnlySpan<double> admittedByWeeksWaited, ReadOnlySpan<double> otherList, ReadOnlySpan<double> cjsList,
        double targetWeeks, double meanStayWeeks)
    {
        double late = 0;
        for (int k = 0; k < admittedByWeeksWaited.Length; k++) if (k > targetWeeks) late += admittedByWeeksWaited[k];
        for (int k = 0; k < otherList.Length; k++) if (k > targetWeeks) late += otherList[k] + cjsList[k];
        return late * meanStayWeeks / 52;
    }

    /// <summary>Writes one row of series starting at <paramref name="cell"/>, deriving waits and ratios.</summary>
    private void WriteCells(int cell, ReadOnlySpan<double> values, ReadOnlySpan<double> hist)
    {
        var into = Record.AsSpan(cell, S);
        for (int s = 0; s < S; s++)
            into[s] = KindOf[s] switch
            {
                MetricKind.Wait => WaitMeasure(s, hist),
                // A share of less than one start is undefined (left out, as with no starts): in the deterministic mode a
                // collapsing budget leaves fractions of a start, and last year's retained over them ran to 10^13.
                MetricKind.Ratio => values[Starts] >= 1 ? values[Retained] / values[Starts] : double.NaN,
                MetricKind.Gap => double.NaN, // financial years only, written after the year's other cells
                _ => values[s],
            };
    }

    /// <summary>Mean or 95th percentile of completed weeks waited, from admissions by weeks waited; NaN with no admissions.</summary>
    private double WaitMeasure(int series, ReadOnlySpan<double> hist)
    {
        var h = hist.Slice(_hist.Row(MetricCatalog.ModalityOf(series)), K);
        double total = 0, weighted = 0;
        for (int k = 0; k < K; k++) { total += h[k]; weighted += k * h[k]; }
        if (total <= 0) return double.NaN;
        if (MetricCatalog.MetricOf(series) == Metric.MeanWaitWeeks) return weighted / total;
        double cumulative = 0, threshold = 0.95 * total;
        for (int k = 0; k < K; k++)
        {
            cumulative += h[k];
            if (cumulative >= threshold - 1e-9 * total) return k;
        }
        return K - 1;
    }
}
