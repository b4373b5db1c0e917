using System.Globalization;
using ScottPlot;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Reporting;

/// <summary>
/// The report's fan charts of one run (median line, 25-75% and 5-95% bands over replicates), as ScottPlot
/// plots to tweak or as PNG bytes. Every chart has a title that states what it shows, dated or financial-year
/// axes, and units; colours are the same in every chart.
/// </summary>
/// <param name="result">The run to draw.</param>
public sealed class ResultCharts(EnsembleResult result)
{
    /// <summary>Default PNG width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Default PNG height in pixels.</summary>
    public const int Height = 500;

    /// <summary>The charts the report shows, by file name (without .png).</summary>
    public IReadOnlyList<(string Name, string Caption, Func<Plot> Draw)> All =>
    [
        ("participation", "Participation against the target trajectory", () => Participation()),
        ("waiting", "Waiting lists", () => Waiting()),
        ("demand_capacity", "Demand for treatment against places", () => DemandVsCapacity()),
        ("cjs_starts", "Criminal-justice treatment starts", () => CriminalJusticeStarts()),
    ];

    /// <summary>Participation by financial year (fan) against the <see cref="DrugStrategy"/>'s target trajectory over its base year.</summary>
    /// <param name="area">An area of the run; England when null.</param>
    public Plot Participation(AreaId? area = null)
    {
        var where = area ?? AreaId.England;
        var plot = NewRunPlot($"{where}: people in treatment in the year (participation) against the target", "Financial year", "People in treatment during the year");
        var annual = result.Annual(where, Metric.Participation);
        double[] xs = Years();
        Fan(plot, xs, annual, Palette.Primary, "participation");
        if (result.Calendar.Contains(DrugStrategy.BaseYear))
        {
            double baseline = annual[result.Calendar.YearIndex(DrugStrategy.BaseYear)].Mean;
            var (tx, ty) = TargetTrajectory(baseline, result.Calendar);
            string targets = string.Join(", ", DrugStrategy.ParticipationTargets.Select(t => $"{t.Growth} by {t.Year}"));
            Line(plot, tx, ty, Palette.Target, $"target: {targets}", LinePattern.Dashed);
        }
        YearTicks(plot);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>People on waiting lists week by week (fan), with the testing rollout dates marked.</summary>
    /// <param name="area">An area recorded week by week; England when null.</param>
    public Plot Waiting(AreaId? area = null)
    {
        var where = area ?? AreaId.England;
        var plot = NewRunPlot($"{where}: people on treatment waiting lists (end of week)", "Week", "People waiting");
        Fan(plot, Dates(), result.Weekly(where, Metric.Waiting), Palette.Waiting, "waiting");
        return FinishWeekly(plot);
    }

    /// <summary>People wanting treatment (in treatment plus waiting, fan) against places funded, week by week.</summary>
    /// <param name="area">An area recorded week by week; England when null.</param>
    public Plot DemandVsCapacity(AreaId? area = null)
    {
        var where = area ?? AreaId.England;
        var plot = NewRunPlot($"{where}: people in or waiting for treatment against places funded", "Week", "People / places");
        var inTreatment = result.Weekly(where, Metric.InTreatment);
        var waiting = result.Weekly(where, Metric.Waiting);
        var wanting = inTreatment.Zip(waiting, (t, w) => new Summary(t.Count, t.Mean + w.Mean, double.NaN, t.P05 + w.P05, t.P25 + w.P25, t.P50 + w.P50, t.P75 + w.P75, t.P95 + w.P95)).ToArray();
        double[] xs = Dates();
        Fan(plot, xs, wanting, Palette.Demand, "in treatment + waiting (band: approximate)");
        Line(plot, xs, result.Weekly(where, Metric.Capacity).Select(s => s.Mean).ToArray(), Palette.Capacity, "places funded");
        return FinishWeekly(plot);
    }

    /// <summary>Treatment starts of criminal-justice referrals per financial year (fan), with the rollout marked.</summary>
    /// <param name="area">An area of the run; England when null.</param>
    public Plot CriminalJusticeStarts(AreaId? area = null)
    {
        var where = area ?? AreaId.England;
        var plot = NewRunPlot($"{where}: treatment starts referred by the criminal-justice system, per year", "Financial year", "Starts per year");
        Fan(plot, Years(), result.Annual(where, Metric.TreatmentStartsCjs), Palette.CriminalJustice, "criminal-justice starts");
        Line(plot, Years(), result.Annual(where, Metric.TreatmentStarts).Zip(result.Annual(where, Metric.TreatmentStartsCjs), (a, c) => a.P50 - c.P50).ToArray(),
            Palette.Other, "other starts (median)", LinePattern.Dotted);
        YearTicks(plot);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

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
            line.LabelOppositeAxis = false;
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

    /// <summary>A weekly chart's finish: the testing rollout marked, dates on the x axis, the legend.</summary>
    private Plot FinishWeekly(Plot plot)
    {
        RolloutMarkers(plot);
        plot.Axes.DateTimeTicksBottom();
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>5-95% and 25-75% bands and the median line.</summary>
    private static void Fan(Plot plot, double[] xs, Summary[] s, Color color, string label)
    {
        // Empty cells (no value in any replicate) are skipped.
        var keep = Enumerable.Range(0, xs.Length).Where(i => s[i].Count > 0).ToArray();
        double[] x = keep.Select(i => xs[i]).ToArray();
        var outer = plot.Add.FillY(x, keep.Select(i => s[i].P05).ToArray(), keep.Select(i => s[i].P95).ToArray());
        outer.FillColor = color.WithAlpha(0.18);
        outer.LineWidth = 0;
        outer.LegendText = $"{label}: 5-95% of replicates";
        var inner = plot.Add.FillY(x, keep.Select(i => s[i].P25).ToArray(), keep.Select(i => s[i].P75).ToArray());
        inner.FillColor = color.WithAlpha(0.35);
        inner.LineWidth = 0;
        inner.LegendText = "25-75%";
        var median = plot.Add.ScatterLine(x, keep.Select(i => s[i].P50).ToArray());
        median.Color = color;
        median.LineWidth = 2.5f;
        median.LegendText = "median";
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
