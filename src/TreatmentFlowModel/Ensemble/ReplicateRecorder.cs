using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// Turns a replicate's weekly area values into its record (see <see cref="CellLayout"/>): England totals,
/// the weekly areas, and financial-year values per area (flows summed, levels at the year's last week,
/// waits from the year's admissions, ratios from the year's sums). One per worker; reused across replicates.
/// </summary>
internal sealed class ReplicateRecorder
{
    private const int M = Modalities.Count;
    private const int K = ReplicateSimulator<StochasticDraws>.WaitBins;
    private static readonly int S = MetricCatalog.SeriesCount;
    private static readonly MetricKind[] KindOf = Enumerable.Range(0, S).Select(s => MetricCatalog.Kind(MetricCatalog.MetricOf(s))).ToArray();
    private static readonly int[] StockSeries = SeriesOfKind(MetricKind.Stock), FlowSeries = SeriesOfKind(MetricKind.Flow);
    private static readonly int Retained = MetricCatalog.Total(Metric.Retained12Wk);
    private static readonly int Starts = MetricCatalog.Total(Metric.TreatmentStarts);

    private readonly CellLayout _layout;
    private readonly WeekCalendar _calendar;
    private readonly int _areas;
    private readonly int[] _weeklyAreas;       // slot (from 1) → simulated area
    private readonly double[] _england;        // [S] this week
    private readonly double[] _englandHist;    // [(M+1) × K] this week
    private readonly double[] _areaHist;       // [(M+1) × K] scratch for one area
    private readonly double[] _annual;         // [(areas+1) × S]
    private readonly double[] _annualHist;     // [(areas+1) × (M+1) × K]
    private readonly MaxWaitTable _targetWeeks; // NTA maximum waits by year and modality
    private readonly double[] _gaps;           // [M]: scratch, England's extra places by modality

    public ReplicateRecorder(CellLayout layout, FrozenModel model, int[] weeklyAreas)
    {
        _targetWeeks = model.MaxWaits;
        _gaps = new double[M];
        _layout = layout;
        _calendar = model.Calendar;
        int areas = _areas = model.AreaCount;
        _weeklyAreas = weeklyAreas;
        Record = new double[layout.Cells];
        _england = new double[S];
        _englandHist = new double[(M + 1) * K];
        _areaHist = new double[(M + 1) * K];
        _annual = new double[(areas + 1) * S];
        _annualHist = new double[(areas + 1) * (M + 1) * K];
    }

    /// <summary>The replicate's value of every cell, complete after the last week.</summary>
    public double[] Record { get; }

    public void Begin()
    {
        Array.Clear(_annual);
        Array.Clear(_annualHist);
    }

    /// <summary>Records week <paramref name="w"/>: the areas' values, admissions by weeks waited, waiting lists and mean stays (see <see cref="ReplicateSimulator{TDraws}"/>).</summary>
    public void Capture(int w, double[] week, double[] admitted, double[] waiting, double[] meanStay)
    {
        Array.Clear(_england);
        Array.Clear(_englandHist);
        for (int a = 0; a < _areas; a++)
        {
            var row = week.AsSpan(a * S, S);
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
            AddAdmissions(admitted.AsSpan(a * M * K, M * K), _annualHist.AsSpan((a + 1) * (M + 1) * K, (M + 1) * K));
        }
        var englandAnnual = _annual.AsSpan(0, S);
        foreach (int s in FlowSeries) englandAnnual[s] += _england[s];
        foreach (int s in StockSeries) englandAnnual[s] = _england[s];
        var englandAnnualHist = _annualHist.AsSpan(0, (M + 1) * K);
        for (int i = 0; i < englandAnnualHist.Length; i++) englandAnnualHist[i] += _englandHist[i];

        WriteCells(_layout.Weekly(0, w, 0), _england, _englandHist);
        for (int slot = 1; slot < _layout.WeeklySlots; slot++)
        {
            int a = _weeklyAreas[slot - 1];
            Array.Clear(_areaHist);
            for (int m = 0; m < M; m++)
                for (int k = 0; k < K; k++)
                {
                    double x = admitted[(a * M + m) * K + k];
                    _areaHist[m * K + k] += x;
                    _areaHist[M * K + k] += x;
                }
            WriteCells(_layout.Weekly(slot, w, 0), week.AsSpan(a * S, S), _areaHist);
        }

        if (_calendar.IsLastWeekOfYear(w))
        {
            int y = _calendar.YearIndexOfWeek(w);
            Array.Clear(_gaps);
            for (int slot = 0; slot <= _areas; slot++)
            {
                var values = _annual.AsSpan(slot * S, S);
                var hist = _annualHist.AsSpan(slot * (M + 1) * K, (M + 1) * K);
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
                        gap = double.IsNaN(target) ? double.NaN : ExtraPlaces(hist.Slice(m * K, K),
                            waiting.AsSpan(((a * M + m) * 2) * K, K), waiting.AsSpan(((a * M + m) * 2 + 1) * K, K), target, meanStay[a * M + m]);
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
    /// Adds one area's admissions by modality and weeks waited (<paramref name="admitted"/>, [m × K + k]) to its annual
    /// histogram and to England's week, each also into the all-modalities row M.
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
        int k = i % K;
        hist[i] += x;           // i = m × K + k
        hist[M * K + k] += x;
        _englandHist[i] += x;
        _englandHist[M * K + k] += x;
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
                MetricKind.Ratio => values[Starts] > 0 ? values[Retained] / values[Starts] : double.NaN,
                MetricKind.Gap => double.NaN, // financial years only, written after the year's other cells
                _ => values[s],
            };
    }

    /// <summary>Mean or 95th percentile of completed weeks waited, from admissions by weeks waited; NaN with no admissions.</summary>
    private static double WaitMeasure(int series, ReadOnlySpan<double> hist)
    {
        var h = hist.Slice(MetricCatalog.ModalityOf(series) * K, K);
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
