using System.Globalization;
using ScottPlot;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Targets;
using TreatmentFlowModel.Tracking;

namespace TreatmentFlowModel.Reporting;

/// <summary>
/// The report's fan charts of one run (median line, 25-75% and 5-95% bands over replicates), as ScottPlot
/// plots to tweak or as PNG bytes. Every chart has a title that states what it shows, financial-year axes (weekly
/// charts are ticked at each 1 April), units, a y axis from zero that holds every band, and its legend below the data
/// so it hides none; colours are the same in every chart. <see cref="BandNote"/> says once what the bands are.
/// </summary>
/// <param name="result">The run to draw.</param>
public sealed class ResultCharts(EnsembleResult result)
{
    /// <summary>Default PNG width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Default PNG height in pixels.</summary>
    public const int Height = 520;

    /// <summary>What every fan chart's line and bands are: said once, above the charts.</summary>
    public const string BandNote = "In every chart the line is the median of the runs, the dark band the middle half of the runs (25-75%) and the light band 90% of them (5-95%).";

    /// <summary>The charts the report shows, by file name (without .png).</summary>
    public IReadOnlyList<(string Name, string Caption, Func<Plot> Draw)> All =>
    [
        ("participation", "People in treatment in the year (participation) against the target trajectory", () => Participation()),
        ("waiting", "People on waiting lists, week by week", () => Waiting()),
        ("demand_capacity", "Places funded against people in treatment and people in or waiting for treatment (means over the runs)", () => DemandVsCapacity()),
        ("cjs_starts", "Treatment starts referred by the criminal-justice system, per year", () => CriminalJusticeStarts()),
    ];

    /// <summary>Participation by financial year (fan) against the <see cref="DrugStrategy"/>'s target trajectory over its base year.</summary>
    /// <param name="area">An area of the run; the run's total when null.</param>
    public Plot Participation(AreaId? area = null)
    {
        var where = area ?? result.Total;
        var plot = NewRunPlot($"{where}: people in treatment in the year (participation) against the target", "Financial year", "People in treatment during the year");
        var annual = result.Annual(where, Metric.Participation);
        double[] xs = Years();
        Fan(plot, xs, annual, Palette.Primary);
        double top = Top(annual);
        if (result.Calendar.Contains(DrugStrategy.BaseYear))
        {
            double baseline = annual[result.Calendar.YearIndex(DrugStrategy.BaseYear)].Mean;
            var (tx, ty) = TargetTrajectory(baseline, result.Calendar);
            string targets = string.Join(", ", DrugStrategy.ParticipationTargets.Select(t => $"{t.Growth} by {t.Year}"));
            Line(plot, tx, ty, Palette.Target, $"target: {targets} (from each run's own {DrugStrategy.BaseYear})", LinePattern.Dashed);
            if (ty.Length > 0) top = Math.Max(top, ty.Max());
        }
        YearTicks(plot);
        return Finish(plot, top);
    }

    /// <summary>People on waiting lists week by week (fan), with the testing rollout dates marked.</summary>
    /// <param name="area">An area recorded week by week; the run's total when null.</param>
    public Plot Waiting(AreaId? area = null)
    {
        var where = area ?? result.Total;
        var plot = NewRunPlot($"{where}: people on treatment waiting lists (end of week)", "Financial year (ticks at 1 April)", "People waiting");
        var weekly = result.Weekly(where, Metric.Waiting);
        Fan(plot, Dates(), weekly, Palette.Waiting);
        return FinishWeekly(plot, Top(weekly));
    }

    /// <summary>
    /// Places funded against people in treatment and people in or waiting for treatment, week by week, as means over
    /// the runs: the sum of two means is the mean of the sum, so the line is exact (a band of summed percentiles would
    /// not be). Where the upper line rises above places, people wait.
    /// </summary>
    /// <param name="area">An area recorded week by week; the run's total when null.</param>
    public Plot DemandVsCapacity(AreaId? area = null)
    {
        var where = area ?? result.Total;
        var plot = NewRunPlot($"{where}: people in or waiting for treatment against places funded (means over the runs)", "Financial year (ticks at 1 April)", "People / places");
        double[] xs = Dates();
        var places = result.Weekly(where, Metric.Capacity).Select(s => s.Mean).ToArray();
        var inTreatment = result.Weekly(where, Metric.InTreatment).Select(s => s.Mean).ToArray();
        var wanting = inTreatment.Zip(result.Weekly(where, Metric.Waiting), (t, w) => t + w.Mean).ToArray();
        Line(plot, xs, places, Palette.Capacity, "places funded");
        Line(plot, xs, wanting, Palette.Demand, "in or waiting for treatment");
        Line(plot, xs, inTreatment, Palette.Primary, "in treatment", LinePattern.Dotted);
        return FinishWeekly(plot, new[] { places, wanting }.SelectMany(v => v).Where(double.IsFinite).DefaultIfEmpty(0).Max());
    }

    /// <summary>Treatment starts of criminal-justice referrals per financial year (fan), with other starts for scale.</summary>
    /// <param name="area">An area of the run; the run's total when null.</param>
    public Plot CriminalJusticeStarts(AreaId? area = null)
    {
        var where = area ?? result.Total;
        var plot = NewRunPlot($"{where}: treatment starts referred by the criminal-justice system, per year", "Financial year", "Starts per year");
        var cjs = result.Annual(where, Metric.TreatmentStartsCjs);
        Fan(plot, Years(), cjs, Palette.CriminalJustice);
        var other = result.Annual(where, Metric.TreatmentStarts).Zip(cjs, (a, c) => a.P50 - c.P50).ToArray();
        Line(plot, Years(), other, Palette.Other, "other starts (median)", LinePattern.Dotted);
        YearTicks(plot);
        return Finish(plot, Math.Max(Top(cjs), other.Where(double.IsFinite).DefaultIfEmpty(0).Max()));
    }

    /// <summary>
    /// The tracking charts of <paramref name="rows"/> (<c>tfm run --observed</c>): one per metric, area and kind of period
    /// observed, named <c>tracking-METRIC-KIND-AREA</c> (the area in lower case, other characters as dashes).
    /// </summary>
    public IReadOnlyList<(string Name, string Caption, Func<Plot> Draw)> TrackingCharts(IReadOnlyList<TrackingRow> rows) =>
    [
        .. rows.GroupBy(r => (r.Observed.Metric, r.Observed.Area, r.Observed.Kind)).Select(g =>
        {
            var (metric, area, kind) = g.Key;
            string name = $"tracking-{MetricCatalog.OutputName(metric)}-{ResultWriter.KindName(kind)}-{Slug(area.Name)}";
            string caption = $"{area}: {MetricCodebook.Of(metric).Label.ToLowerInvariant()} by {KindWords(kind)}, forecast against the {g.Count()} observed";
            var observed = g.ToList();
            return (name, caption, (Func<Plot>)(() => Tracking(kind, area, metric, observed)));
        }),
    ];

    /// <summary>The forecast of <paramref name="metric"/> in <paramref name="area"/> by periods of <paramref name="kind"/> (fan) with the observed figures as points, zoomed to the observed periods and half a year either side.</summary>
    public Plot Tracking(PeriodKind kind, AreaId area, Metric metric, IReadOnlyList<TrackingRow> observed)
    {
        var info = MetricCodebook.Of(metric);
        var plot = NewRunPlot($"{area}: {info.Label.ToLowerInvariant()} by {KindWords(kind)}, forecast and observed", "Period start (ticks at the start of each quarter)", $"{info.Label} ({info.Unit})");
        var forecast = Tracker.Forecast(result, kind, area, metric);
        double[] xs = [.. Tracker.PeriodStarts(result.Calendar, kind).Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate())];
        Fan(plot, xs, forecast, Palette.Primary);
        double[] ox = [.. observed.Select(r => r.Observed.Start.ToDateTime(TimeOnly.MinValue).ToOADate())], oy = [.. observed.Select(r => r.Observed.Value)];
        var points = plot.Add.ScatterPoints(ox, oy);
        points.Color = Palette.Target;
        points.MarkerSize = 9;
        points.MarkerShape = MarkerShape.FilledDiamond;
        points.LegendText = "observed";
        FinishWeekly(plot, Math.Max(Top(forecast), observed.Max(r => r.Observed.Value)));
        // Zoomed to the observed periods and half a year either side (inside the run), where the comparison is.
        var first = observed.Min(r => r.Observed.Start).AddMonths(-6);
        var last = observed.Max(r => r.Observed.Start).AddMonths(6);
        if (first < result.Calendar.Start) first = result.Calendar.Start;
        if (last > result.Calendar.End) last = result.Calendar.End;
        plot.Axes.SetLimitsX(first.ToDateTime(TimeOnly.MinValue).ToOADate(), last.ToDateTime(TimeOnly.MinValue).ToOADate());
        // A window of months holds one 1 April at most, so the financial-year ticks would leave the axis bare: quarters instead.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. QuarterTicks(first, last)]);
        return plot;
    }

    /// <summary>
    /// Ticks at the first day of each calendar quarter between <paramref name="first"/> and <paramref name="last"/> ("Jul 2003"),
    /// every other one over more than two years; none within a fortnight of either end, where its label would be cut off.
    /// </summary>
    internal static IEnumerable<Tick> QuarterTicks(DateOnly first, DateOnly last)
    {
        const int margin = 14;
        var d = new DateOnly(first.Year, (first.Month - 1) / 3 * 3 + 1, 1);
        while (d < first.AddDays(margin)) d = d.AddMonths(3);
        int step = last.DayNumber - first.DayNumber > 2 * 366 ? 6 : 3;
        for (; d <= last.AddDays(-margin); d = d.AddMonths(step))
            yield return new Tick(d.ToDateTime(TimeOnly.MinValue).ToOADate(), d.ToString("MMM yyyy", CultureInfo.InvariantCulture));
    }

    private static string KindWords(PeriodKind kind) => kind switch
    {
        PeriodKind.Week => "week",
        PeriodKind.Month => "month",
        PeriodKind.Quarter => "quarter",
        _ => "financial year",
    };

    private static string Slug(string name) => string.Concat(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    /// <summary>PNG bytes of <paramref name="plot"/>.</summary>
    public static byte[] Png(Plot plot, int width = Width, int height = Height) => plot.GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>The participation the <see cref="DrugStrategy"/> asks for in each of the run's years, from <paramref name="baseline"/> in its base year (<see cref="DrugStrategy.TrajectoryFactor"/>).</summary>
    internal static (double[] X, double[] Y) TargetTrajectory(double baseline, WeekCalendar calendar)
    {
        var x = new List<double>();
        var y = new List<double>();
        foreach (var year in calendar.FinancialYears)
            if (DrugStrategy.TrajectoryFactor(year) is { } factor)
            {
                x.Add(year.StartYear);
                y.Add(baseline * factor);
            }
        return ([.. x], [.. y]);
    }

    private double[] Years() => [.. result.Calendar.FinancialYears.Select(y => (double)y.StartYear)];

    private double[] Dates() => Enumerable.Range(0, result.Calendar.Weeks).Select(w => result.Calendar.WeekStart(w).ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();

    private void YearTicks(Plot plot) => YearTicks(plot, Years());

    /// <summary>Financial-year labels (2003/04) on the bottom axis at <paramref name="years"/>, every other one when there are many.</summary>
    internal static void YearTicks(Plot plot, double[] years)
    {
        int step = years.Length > 8 ? 2 : 1;
        var ticks = years.Where((_, i) => i % step == 0).Select(y => new Tick(y, new FinancialYear((int)y).ToString())).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
    }

    private void RolloutMarkers(Plot plot)
    {
        foreach (var t in result.Scenario.Rollout.Tranches)
        {
            if (t.Start < result.Calendar.Start || t.Start > result.Calendar.End) continue;
            var line = plot.Add.VerticalLine(t.Start.ToDateTime(TimeOnly.MinValue).ToOADate());
            line.Color = Palette.Marker;
            line.LinePattern = LinePattern.Dotted;
            line.LineWidth = 1;
            line.Text = $"testing: {t.Name}";
            line.LabelFontSize = 11;
            line.LabelOppositeAxis = true;
            plot.Axes.Top.MinimumSize = 24; // room for the label between the title and the data, which it would otherwise cover
        }
    }

    /// <summary>A plot with the report's title, axis labels and thousands-separated left axis.</summary>
    internal static Plot NewPlot(string title, string x, string y, float titleSize = 15)
    {
        var plot = new Plot();
        plot.Title(title, size: titleSize);
        plot.XLabel(x, size: 13);
        plot.YLabel(y, size: 13);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("N0", CultureInfo.InvariantCulture),
        };
        return plot;
    }

    /// <summary><see cref="NewPlot"/> with the run charts' faint grid.</summary>
    private static Plot NewRunPlot(string title, string x, string y)
    {
        var plot = NewPlot(title, x, y);
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        return plot;
    }

    /// <summary>A line 2 pixels wide, in the legend as <paramref name="legend"/>.</summary>
    private static void Line(Plot plot, double[] xs, double[] ys, Color color, string legend, LinePattern? pattern = null)
    {
        var line = plot.Add.ScatterLine(xs, ys);
        line.Color = color;
        line.LineWidth = 2;
        if (pattern is { } p) line.LinePattern = p;
        line.LegendText = legend;
    }

    /// <summary>A weekly chart's finish: the testing rollout marked, financial years on the x axis (ticks at 1 April), the y axis and legend.</summary>
    private Plot FinishWeekly(Plot plot, double top)
    {
        RolloutMarkers(plot);
        var starts = result.Calendar.FinancialYears.Select(y => new DateOnly(y.StartYear, 4, 1))
            .Where(d => d >= result.Calendar.Start && d <= result.Calendar.End).ToList();
        int step = starts.Count > 8 ? 2 : 1;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. starts.Where((_, i) => i % step == 0).Select(d => new Tick(d.ToDateTime(TimeOnly.MinValue).ToOADate(), FinancialYear.Of(d).ToString()))]);
        return Finish(plot, top);
    }

    /// <summary>The y axis from zero to a little above <paramref name="top"/> (so no band is clipped), and the legend below the data, where it hides nothing.</summary>
    private static Plot Finish(Plot plot, double top)
    {
        plot.Axes.AutoScaleX();
        plot.Axes.SetLimitsY(0, top > 0 && double.IsFinite(top) ? top * 1.06 : 1);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>The highest value a fan reaches (its 95th percentiles).</summary>
    private static double Top(Summary[] s) => s.Where(x => x.Count > 0).Select(x => x.P95).Where(double.IsFinite).DefaultIfEmpty(0).Max();

    /// <summary>5-95% and 25-75% bands and the median line, in the legend as "5-95% of runs", "25-75% of runs" and "median".</summary>
    private static void Fan(Plot plot, double[] xs, Summary[] s, Color color)
    {
        // Empty cells (no value in any replicate) are skipped.
        var keep = Enumerable.Range(0, xs.Length).Where(i => s[i].Count > 0).ToArray();
        double[] x = keep.Select(i => xs[i]).ToArray();
        var outer = plot.Add.FillY(x, keep.Select(i => s[i].P05).ToArray(), keep.Select(i => s[i].P95).ToArray());
        outer.FillColor = color.WithAlpha(0.18);
        outer.LineWidth = 0;
        outer.LegendText = "5-95% of runs";
        var inner = plot.Add.FillY(x, keep.Select(i => s[i].P25).ToArray(), keep.Select(i => s[i].P75).ToArray());
        inner.FillColor = color.WithAlpha(0.35);
        inner.LineWidth = 0;
        inner.LegendText = "25-75% of runs";
        var median = plot.Add.ScatterLine(x, keep.Select(i => s[i].P50).ToArray());
        median.Color = color;
        median.LineWidth = 2.5f;
        median.LegendText = "median of the runs";
    }

    /// <summary>One colour per measure, the same in every chart (colour-blind-safe Okabe-Ito hues).</summary>
    internal static class Palette
    {
        public static readonly Color Primary = Color.FromHex("#0072B2");
        public static readonly Color Target = Color.FromHex("#D55E00");
        public static readonly Color Waiting = Color.FromHex("#CC79A7");
        public static readonly Color Demand = Color.FromHex("#009E73");
        public static readonly Color Capacity = Color.FromHex("#000000");
        public static readonly Color CriminalJustice = Color.FromHex("#E69F00");
        public static readonly Color Other = Color.FromHex("#56B4E9");
        public static readonly Color Marker = Color.FromHex("#777777");
    }
}

/// <summary>Charts straight from a result: <c>result.Charts.Participation()</c>.</summary>
public static class ResultChartExtensions
{
    extension(EnsembleResult result)
    {
        /// <summary>The run's charts (ScottPlot plots or PNG bytes).</summary>
        public ResultCharts Charts => new(result);
    }
}
