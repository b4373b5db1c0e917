using System.Collections.Immutable;
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
    private static readonly int[] StockSeries = [.. SeriesOfKind(MetricKind.Stock), .. SeriesOfKind(MetricKind.AreaMean)], FlowSeries = SeriesOfKind(MetricKind.Flow);
    private static readonly int[] AreaMeanSeries = SeriesOfKind(MetricKind.AreaMean);
    private static readonly int Retained = MetricCatalog.Total(Metric.Retained12Wk);
    private static readonly int Starts = MetricCatalog.Total(Metric.TreatmentStarts);
    private static readonly int Tests = MetricCatalog.Total(Metric.Tests);
    private static readonly int PositiveTests = MetricCatalog.Total(Metric.PositiveTests);

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
    private readonly double[] _annualOccupancy; // [(areas+1) × (M+1) × 2]: the year's sums of people in treatment and of places
    private readonly MaxWaitTable _targetWeeks; // NTA maximum waits by year and modality
    private readonly ImmutableArray<ImmutableArray<int>> _regions; // each whole region's areas (annual slot 1 + areas + region)
    private readonly int[] _allAreas;          // 0 .. areas - 1: England's members
    private readonly double[] _regionValues;   // [S]: scratch, a region's year
    private readonly double[] _regionHist;     // one slot of _hist: scratch, a region's year
    private readonly double[] _regionOccupancy; // [(M+1) × 2]: scratch, a region's year
    private readonly int[][] _periodMembers;   // period slot (from 1) → its areas: the regions, then the weekly areas
    private readonly double[] _periodWeek;     // [S]: scratch, a period slot's week
    private readonly PeriodSums _months, _quarters; // the periods so far of every period slot
    private readonly double[] _periodRow;      // [S]: scratch, a period's cells before the period series are picked

    /// <summary>A recorder of <paramref name="model"/>'s replicates into <paramref name="layout"/>, for weeks whose lists have <paramref name="waitBins"/> bins.</summary>
    public ReplicateRecorder(CellLayout layout, FrozenModel model, int[] weeklyAreas, int waitBins)
    {
        K = waitBins;
        _hist = new WaitHistogramLayout(waitBins);
        _targetWeeks = model.MaxWaits;
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
        _annualOccupancy = new double[(areas + 1) * (M + 1) * 2];
        // Regions only where the layout has their slots (every layout made from the model has).
        _regions = layout.AnnualSlots > areas + 1 ? model.Groups.Members : [];
        _allAreas = [.. Enumerable.Range(0, areas)];
        _regionValues = new double[S];
        _regionHist = new double[_hist.SlotLength];
        _regionOccupancy = new double[(M + 1) * 2];
        _periodMembers = layout.PeriodSlots == 0 ? [] : [.. _regions.Select(r => r.ToArray()), .. weeklyAreas.Select(a => new[] { a })];
        if (layout.PeriodSlots != 0 && layout.PeriodSlots != 1 + _periodMembers.Length)
            throw new ArgumentException($"the layout has {layout.PeriodSlots} period slots, the model {1 + _periodMembers.Length}", nameof(layout));
        _periodWeek = new double[S];
        _periodRow = new double[S];
        _months = new PeriodSums(layout.PeriodSlots, _hist.SlotLength);
        _quarters = new PeriodSums(layout.PeriodSlots, _hist.SlotLength);
    }

    /// <summary>The sums of one kind of period (months or quarters) so far, per period slot: values, admissions by weeks waited and occupancy.</summary>
    private sealed class PeriodSums(int slots, int histLength)
    {
        public readonly double[] Values = new double[slots * S];
        public readonly double[] Hist = new double[slots * histLength];
        public readonly double[] Occupancy = new double[slots * (M + 1) * 2];

        public void Clear()
        {
            Array.Clear(Values);
            Array.Clear(Hist);
            Array.Clear(Occupancy);
        }
    }

    /// <summary>The replicate's value of every cell, complete after the last week.</summary>
    public double[] Record { get; }

    public void Begin()
    {
        Array.Clear(_annual);
        Array.Clear(_annualHist);
        Array.Clear(_annualOccupancy);
        _months.Clear();
        _quarters.Clear();
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
            AddOccupancy(a + 1, row);
            AddAdmissions(week.AdmittedByWait(a), _annualHist.AsSpan(_hist.Slot(a + 1), _hist.SlotLength));
        }
        // A DAT-level measure: England's is the mean over the DATs.
        foreach (int s in AreaMeanSeries) _england[s] /= Math.Max(1, _areas);
        AddOccupancy(0, _england);
        var englandAnnual = _annual.AsSpan(0, S);
        foreach (int s in FlowSeries) englandAnnual[s] += _england[s];
        foreach (int s in StockSeries) englandAnnual[s] = _england[s];
        var englandAnnualHist = _annualHist.AsSpan(_hist.Slot(0), _hist.SlotLength);
        for (int i = 0; i < englandAnnualHist.Length; i++) englandAnnualHist[i] += _englandHist[i];

        WriteCells(_layout.Weekly(0, w, 0), _england, _englandHist, null);
        for (int slot = 1; slot < _layout.WeeklySlots; slot++)
        {
            int a = _weeklyAreas[slot - 1];
            Array.Clear(_areaHist);
            AddAdmissionsOf(week.AdmittedByWait(a), _areaHist);
            WriteCells(_layout.Weekly(slot, w, 0), week.Series(a), _areaHist, null);
        }

        if (_calendar.IsLastWeekOfYear(w))
        {
            int y = _calendar.YearIndexOfWeek(w);
            // Areas first, so that the regions and England can read their cells.
            for (int slot = _areas; slot >= 1; slot--) WriteYear(slot, y, _annual.AsSpan(slot * S, S), _annualHist.AsSpan(_hist.Slot(slot), _hist.SlotLength),
                _annualOccupancy.AsSpan(slot * (M + 1) * 2, (M + 1) * 2), week, [slot - 1]);
            for (int r = 0; r < _regions.Length; r++) WriteRegionYear(1 + _areas + r, y, _regions[r], week);
            WriteYear(0, y, _annual.AsSpan(0, S), _annualHist.AsSpan(_hist.Slot(0), _hist.SlotLength), _annualOccupancy.AsSpan(0, (M + 1) * 2), week, _allAreas);
            Array.Clear(_annual);
            Array.Clear(_annualHist);
            Array.Clear(_annualOccupancy);
        }
        if (_layout.PeriodSlots > 0) CapturePeriods(week);
    }

    /// <summary>
    /// Adds the week to the months and quarters of every period slot (the total from this week's England values, the
    /// regions and weekly areas from their members' rows), and writes the cells of a month or quarter that ends with it.
    /// </summary>
    private void CapturePeriods(in WeekView week)
    {
        int w = week.Week;
        AddPeriodWeek(0, _england, _englandHist);
        for (int slot = 1; slot < _layout.PeriodSlots; slot++)
        {
            var members = _periodMembers[slot - 1];
            var values = _periodWeek.AsSpan();
            var hist = _areaHist.AsSpan();
            values.Clear();
            hist.Clear();
            foreach (int a in members)
            {
                var row = week.Series(a);
                foreach (int s in FlowSeries) values[s] += row[s];
                foreach (int s in StockSeries) values[s] += row[s];
                AddAdmissionsOf(week.AdmittedByWait(a), hist);
            }
            foreach (int s in AreaMeanSeries) values[s] /= Math.Max(1, members.Length);
            AddPeriodWeek(slot, values, hist);
        }
        if (_calendar.IsLastWeekOfMonth(w)) WritePeriods(_months, _calendar.MonthIndexOfWeek(w), _layout.Monthly);
        if (_calendar.IsLastWeekOfQuarter(w)) WritePeriods(_quarters, _calendar.QuarterIndexOfWeek(w), _layout.Quarterly);
    }

    /// <summary>Adds a period slot's week (values, admissions by weeks waited) to its month and its quarter: flows and occupancy summed, levels replaced.</summary>
    private void AddPeriodWeek(int slot, ReadOnlySpan<double> values, ReadOnlySpan<double> hist)
    {
        foreach (var sums in (ReadOnlySpan<PeriodSums>)[_months, _quarters])
        {
            var into = sums.Values.AsSpan(slot * S, S);
            foreach (int s in FlowSeries) into[s] += values[s];
            foreach (int s in StockSeries) into[s] = values[s];
            var intoHist = sums.Hist.AsSpan(slot * _hist.SlotLength, _hist.SlotLength);
            for (int i = 0; i < intoHist.Length; i++) intoHist[i] += hist[i];
            var occupancy = sums.Occupancy.AsSpan(slot * (M + 1) * 2, (M + 1) * 2);
            for (int m = 0; m <= M; m++)
            {
                occupancy[2 * m] += values[MetricCatalog.Series(Metric.InTreatment, m)];
                occupancy[2 * m + 1] += values[MetricCatalog.Series(Metric.Capacity, m)];
            }
        }
    }

    /// <summary>Writes the period series of every period slot's period <paramref name="index"/> from <paramref name="sums"/>, then starts the next period.</summary>
    private void WritePeriods(PeriodSums sums, int index, Func<int, int, int> firstCell)
    {
        for (int slot = 0; slot < _layout.PeriodSlots; slot++)
        {
            var row = _periodRow.AsSpan();
            DeriveCells(row, sums.Values.AsSpan(slot * S, S), sums.Hist.AsSpan(slot * _hist.SlotLength, _hist.SlotLength),
                sums.Occupancy.AsSpan(slot * (M + 1) * 2, (M + 1) * 2));
            var into = Record.AsSpan(firstCell(slot, index), CellLayout.PeriodSeries.Length);
            for (int i = 0; i < into.Length; i++) into[i] = row[CellLayout.PeriodSeries[i]];
        }
        sums.Clear();
    }

    /// <summary>Adds one area's week of admissions by modality, queue and weeks waited to <paramref name="hist"/>, each also into the all-modalities rows.</summary>
    private void AddAdmissionsOf(ReadOnlySpan<double> admitted, Span<double> hist)
    {
        int modalityRows = M * _hist.ModalityLength, all = _hist.Row(WaitHistogramLayout.AllModalities);
        for (int i = 0; i < modalityRows; i++)
        {
            double x = admitted[i];
            if (x == 0) continue;
            hist[i] += x;
            hist[all + i % _hist.ModalityLength] += x;
        }
    }

    /// <summary>
    /// Writes annual slot <paramref name="slot"/>'s cells for year <paramref name="y"/>: its values, waits and occupancy, its DAT
    /// means and its extra places needed (an area's from its own lists; a region's or England's the sum over
    /// <paramref name="members"/>, as a surplus in one place does not fill a gap in another).
    /// </summary>
    private void WriteYear(int slot, int y, ReadOnlySpan<double> values, ReadOnlySpan<double> hist, Span<double> occupancy, in WeekView week, ReadOnlySpan<int> members)
    {
        int cell = _layout.Annual(slot, y, 0);
        WriteCells(cell, values, hist, occupancy);
        WriteDatMeans(slot, y, members);
        double total = 0;
        for (int m = 0; m < M; m++)
        {
            double target = _targetWeeks.Weeks(y, m), gap = double.NaN;
            if (!double.IsNaN(target))
            {
                if (slot >= 1 && slot <= _areas)
                {
                    int a = slot - 1;
                    gap = ExtraPlaces(hist.Slice(_hist.Row(m), K), week.WaitingList(a, m, ReferralQueue.Other),
                        week.WaitingList(a, m, ReferralQueue.Cjs), week.WaitingList(a, m, ReferralQueue.NonPdu), target, week.MeanStayWeeks(a, m));
                }
                else
                {
                    gap = 0;
                    foreach (int a in members)
                        if (Record[_layout.Annual(a + 1, y, MetricCatalog.Series(Metric.ExtraPlacesNeeded, m))] is var g && !double.IsNaN(g)) gap += g;
                }
            }
            Record[cell + MetricCatalog.Series(Metric.ExtraPlacesNeeded, m)] = gap;
            if (!double.IsNaN(gap)) total += gap;
        }
        Record[cell + MetricCatalog.Total(Metric.ExtraPlacesNeeded)] = total;
    }

    /// <summary>
    /// A region's year from its DATs' years, as England's is from every DAT's: flows and levels summed (levels at the
    /// year's last week), DAT-level measures averaged, admissions by weeks waited and occupancy sums added.
    /// </summary>
    private void WriteRegionYear(int slot, int y, ImmutableArray<int> members, in WeekView week)
    {
        var values = _regionValues.AsSpan();
        var hist = _regionHist.AsSpan();
        var occupancy = _regionOccupancy.AsSpan();
        values.Clear();
        hist.Clear();
        occupancy.Clear();
        foreach (int a in members)
        {
            var area = _annual.AsSpan((a + 1) * S, S);
            foreach (int s in FlowSeries) values[s] += area[s];
            foreach (int s in StockSeries) values[s] += area[s];
            var areaHist = _annualHist.AsSpan(_hist.Slot(a + 1), _hist.SlotLength);
            for (int i = 0; i < hist.Length; i++) hist[i] += areaHist[i];
            var areaOccupancy = _annualOccupancy.AsSpan((a + 1) * (M + 1) * 2, (M + 1) * 2);
            for (int i = 0; i < occupancy.Length; i++) occupancy[i] += areaOccupancy[i];
        }
        foreach (int s in AreaMeanSeries) values[s] /= Math.Max(1, members.Length);
        WriteYear(slot, y, values, hist, occupancy, week, members.AsSpan());
    }

    /// <summary>Adds a week's people in treatment and places, per modality and in all, to a slot's year.</summary>
    private void AddOccupancy(int slot, ReadOnlySpan<double> row)
    {
        var sums = _annualOccupancy.AsSpan(slot * (M + 1) * 2, (M + 1) * 2);
        for (int m = 0; m <= M; m++)
        {
            sums[2 * m] += row[MetricCatalog.Series(Metric.InTreatment, m)];
            sums[2 * m + 1] += row[MetricCatalog.Series(Metric.Capacity, m)];
        }
    }

    /// <summary>
    /// A year's DAT means: an area's is its own mean wait; a region's or England's (written after their areas) the unweighted
    /// mean over <paramref name="members"/> that admitted anyone.
    /// </summary>
    private void WriteDatMeans(int slot, int y, ReadOnlySpan<int> members)
    {
        for (int m = 0; m <= M; m++)
        {
            int into = MetricCatalog.Series(Metric.DatMeanWaitWeeks, m), from = MetricCatalog.Series(Metric.MeanWaitWeeks, m);
            if (slot >= 1 && slot <= _areas) { Record[_layout.Annual(slot, y, into)] = Record[_layout.Annual(slot, y, from)]; continue; }
            double sum = 0;
            int count = 0;
            foreach (int a in members)
            {
                double wait = Record[_layout.Annual(a + 1, y, from)];
                if (double.IsNaN(wait)) continue;
                sum += wait;
                count++;
            }
            Record[_layout.Annual(slot, y, into)] = count > 0 ? sum / count : double.NaN;
        }
    }

    /// <summary>
    /// Adds one area's admissions by modality, queue and weeks waited (<paramref name="admitted"/>, the layout of a histogram
    /// slot's modality rows) to its annual histogram and to England's week, each also into the all-modalities rows.
    /// </summary>
    /// <remarks>A week admits from a few bins of a few lists, so the area's values are scanned eight at a time for any that are not zero.</remarks>
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
        int all = _hist.Row(WaitHistogramLayout.AllModalities) + i % _hist.ModalityLength;
        hist[i] += x;           // i = (m × 2 + route) × width + k
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
        ReadOnlySpan<double> nonPduList, double targetWeeks, double meanStayWeeks)
    {
        double late = 0;
        for (int k = 0; k < admittedByWeeksWaited.Length; k++) if (k > targetWeeks) late += admittedByWeeksWaited[k];
        for (int k = 0; k < otherList.Length; k++) if (k > targetWeeks) late += otherList[k] + cjsList[k] + (nonPduList.IsEmpty ? 0 : nonPduList[k]);
        return late * meanStayWeeks / 52;
    }

    /// <summary>
    /// Writes one row of series starting at <paramref name="cell"/>, deriving waits and ratios; occupancy from
    /// <paramref name="occupancySums"/> (a year's sums of people in treatment and places) when given, else from the week's values.
    /// </summary>
    private void WriteCells(int cell, ReadOnlySpan<double> values, ReadOnlySpan<double> hist, Span<double> occupancySums) =>
        DeriveCells(Record.AsSpan(cell, S), values, hist, occupancySums);

    /// <summary>One row of series into <paramref name="into"/>, as <see cref="WriteCells"/>.</summary>
    private void DeriveCells(Span<double> into, ReadOnlySpan<double> values, ReadOnlySpan<double> hist, Span<double> occupancySums)
    {
        for (int s = 0; s < S; s++)
            into[s] = KindOf[s] switch
            {
                MetricKind.Wait => WaitMeasure(s, hist),
                // A share of less than one start is undefined (left out, as with no starts): in the deterministic mode a
                // collapsing budget leaves fractions of a start, and last year's retained over them ran to 10^13.
                MetricKind.Ratio => MetricCatalog.MetricOf(s) switch
                {
                    Metric.Occupancy => Occupancy(s, values, occupancySums),
                    Metric.TestPositiveShare => values[Tests] >= 1 ? values[PositiveTests] / values[Tests] : double.NaN,
                    _ => values[Starts] >= 1 ? values[Retained] / values[Starts] : double.NaN,
                },
                MetricKind.Gap or MetricKind.DatMean => double.NaN, // financial years only, written after the year's other cells
                _ => values[s],
            };
    }

    private static double Occupancy(int series, ReadOnlySpan<double> values, ReadOnlySpan<double> sums)
    {
        int m = MetricCatalog.ModalityOf(series);
        double treated = sums.IsEmpty ? values[MetricCatalog.Series(Metric.InTreatment, m)] : sums[2 * m];
        double places = sums.IsEmpty ? values[MetricCatalog.Series(Metric.Capacity, m)] : sums[2 * m + 1];
        return places > 0 ? treated / places : double.NaN;
    }

    /// <summary>
    /// A wait measure from admissions by weeks waited: the mean or 95th percentile of weeks waited (every queue, or
    /// criminal-justice referrals for the _cjs metrics), or the share admitted within 3 weeks; NaN with no admissions. Those
    /// admitted from the open tail count with their own total weeks in the mean; a 95th percentile that falls in the tail is
    /// its admissions' mean wait.
    /// </summary>
    private double WaitMeasure(int series, ReadOnlySpan<double> hist)
    {
        var metric = MetricCatalog.MetricOf(series);
        int route = metric is Metric.MeanWaitWeeksCjs or Metric.P95WaitWeeksCjs ? WaitHistogramLayout.CriminalJustice : WaitHistogramLayout.EveryQueue;
        var h = hist.Slice(_hist.Row(MetricCatalog.ModalityOf(series), route), _hist.Width);
        double tailWeeks = h[K];
        double total = 0, weighted = 0, soon = 0;
        for (int k = 0; k < K; k++)
        {
            total += h[k];
            weighted += k < K - 1 ? k * h[k] : tailWeeks;
            if (k <= AdmittedSoonWeeks) soon += h[k];
        }
        if (total <= 0) return double.NaN;
        if (metric is Metric.MeanWaitWeeks or Metric.MeanWaitWeeksCjs) return weighted / total;
        if (metric == Metric.AdmittedWithin3WkShare) return soon / total;
        double cumulative = 0, threshold = 0.95 * total;
        for (int k = 0; k < K; k++)
        {
            cumulative += h[k];
            if (cumulative >= threshold - 1e-9 * total) return k < K - 1 || h[k] <= 0 ? k : Math.Max(k, tailWeeks / h[k]);
        }
        return K - 1;
    }

    /// <summary>Weeks waited that count as admitted within 3 weeks (the model's weekly steps: referred and admitted up to three weeks later).</summary>
    private const int AdmittedSoonWeeks = 3;
}
