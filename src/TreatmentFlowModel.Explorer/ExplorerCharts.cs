using System.Globalization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Explorer;

/// <summary>
/// The explorer's charts by financial year for one area: fans over the stochastic runs (median, 25-75% and 5-95% of
/// runs), the deterministic preview as a dotted line, and the target trajectory. Colours are the report's
/// (colour-blind-safe Okabe-Ito hues), the same measure in the same colour everywhere.
/// </summary>
public static class ExplorerCharts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The band caption shared by every fan chart (said once under each, as the report does).</summary>
    public const string FanCaption = "Line: median of the runs; dark band: middle half of the runs (25-75%); light band: 90% of the runs (5-95%); dotted: deterministic preview (expected values).";

    /// <summary>Every chart for <paramref name="area"/>: participation against the target, waiting, places against people in or waiting for treatment, criminal-justice starts.</summary>
    /// <param name="run">The stochastic run, if there is one.</param>
    /// <param name="preview">The deterministic preview, if there is one.</param>
    /// <param name="area">England or a simulated DAT.</param>
    public static IReadOnlyList<ChartFigure> All(EnsembleResult? run, EnsembleResult? preview, AreaId area) =>
        run is null && preview is null ? [] :
        [
            Participation(run, preview, area),
            Fan("chart-waiting", $"{area}: people waiting at the year's end", "People waiting", run, preview, area, Metric.Waiting, Colours.Waiting, FanCaption),
            DemandAndPlaces(run, preview, area),
            Fan("chart-cjs-starts", $"{area}: treatment starts referred by the criminal-justice system", "Starts per year", run, preview, area, Metric.TreatmentStartsCjs, Colours.CriminalJustice, FanCaption),
        ];

    /// <summary>Participation (people in treatment in the year) against the drug strategy's target trajectory.</summary>
    public static ChartFigure Participation(EnsembleResult? run, EnsembleResult? preview, AreaId area)
    {
        var figure = Fan("chart-participation", $"{area}: people in treatment in the year against the target", "People in treatment in the year",
            run, preview, area, Metric.Participation, Colours.Participation,
            FanCaption + " Dashed: the target trajectory from each area's own 1998/99 level.");
        var source = run ?? preview!;
        if (source.Calendar.Contains(DrugStrategy.BaseYear))
        {
            double baseline = source.Annual(area, Metric.Participation)[source.Calendar.YearIndex(DrugStrategy.BaseYear)].Mean;
            var years = source.Calendar.FinancialYears.Where(y => DrugStrategy.TrajectoryFactor(y) is not null).ToList();
            figure.Data.Add(new Scatter
            {
                Name = "target: " + string.Join(", ", DrugStrategy.ParticipationTargets.Select(t => $"{t.Growth} by {t.Year}")),
                X = [.. years.Select(y => (object)y.ToString())],
                Y = [.. years.Select(y => (object)Math.Round(baseline * DrugStrategy.TrajectoryFactor(y)!.Value))],
                Mode = ModeFlag.Lines,
                Line = new Line { Color = Colours.Target, Dash = "dash", Width = 2 },
                HoverTemplate = "%{x}: %{y:,.0f} needed<extra>target</extra>",
            });
        }
        return figure;
    }

    /// <summary>Places funded against people in treatment and people in or waiting for treatment (means over runs: the sum of means is the mean of the sum).</summary>
    public static ChartFigure DemandAndPlaces(EnsembleResult? run, EnsembleResult? preview, AreaId area)
    {
        var source = run ?? preview!;
        var x = Years(source);
        var places = source.Annual(area, Metric.Capacity);
        var inTreatment = source.Annual(area, Metric.InTreatment);
        var waiting = source.Annual(area, Metric.Waiting);
        var data = new List<ITrace>
        {
            MeanLine("places funded", x, places.Select(s => s.Mean), Colours.Capacity, null),
            MeanLine("in treatment", x, inTreatment.Select(s => s.Mean), Colours.Participation, "dot"),
            MeanLine("in or waiting for treatment", x, inTreatment.Zip(waiting, (t, w) => t.Mean + w.Mean), Colours.Demand, null),
        };
        string kind = run is null ? "deterministic preview" : "means over the runs";
        return new ChartFigure("chart-places", $"{area}: places against people in or waiting for treatment (year end)",
            $"Lines are {kind} at each financial year's end; where the green line rises above the black one, people wait.",
            data, NewLayout($"{area}: places against people in or waiting for treatment", "People / places"));
    }

    /// <summary>The paired difference (second scenario minus the first) of a measure of the total by year: mean and 5-95% of runs.</summary>
    public static ChartFigure Difference(ComparisonResult comparison, Metric metric)
    {
        var info = MetricCodebook.Of(metric);
        var x = comparison.Calendar.FinancialYears.Select(y => (object)y.ToString()).ToList();
        var d = comparison.Difference(1, metric);
        string title = $"{comparison.Areas[0]}: {info.Label.ToLowerInvariant()}, now minus baseline (paired runs)";
        var data = new List<ITrace>
        {
            Band(x, d, v => v.P05, null, Colours.Participation, 0, "5-95% of paired differences", group: "outer", showLegend: false),
            Band(x, d, v => v.P95, FillEnum.ToNextY, Colours.Participation, 0.2, "5-95% of paired differences", group: "outer", showLegend: true),
            new Scatter
            {
                Name = "mean difference",
                X = x, Y = [.. d.Select(v => Point(v.Mean))],
                Mode = ModeFlag.Lines | ModeFlag.Markers,
                Line = new Line { Color = Colours.Participation, Width = 3 },
                HoverTemplate = "%{x}: %{y:+,.0f}<extra>mean difference</extra>",
            },
            new Scatter
            {
                Name = "no difference",
                X = x, Y = [.. x.Select(_ => (object)0)],
                Mode = ModeFlag.Lines,
                Line = new Line { Color = Colours.Capacity, Width = 1, Dash = "dash" },
                HoverInfo = HoverInfoFlag.Skip,
            },
        };
        var layout = NewLayout(title, $"Difference ({info.Unit})");
        layout.YAxis[0].RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.Normal;
        return new ChartFigure($"chart-difference-{info.Name}", title, "Line: mean of the paired differences; band: 90% of them (5-95%). Above the dashed line the current levers give more than the baseline.", data, layout);
    }

    /// <summary>A fan chart of <paramref name="metric"/> by financial year.</summary>
    private static ChartFigure Fan(string id, string title, string yTitle, EnsembleResult? run, EnsembleResult? preview, AreaId area, Metric metric, string colour, string caption)
    {
        var data = new List<ITrace>();
        if (run is not null && !run.Deterministic)
        {
            var x = Years(run);
            var s = run.Annual(area, metric);
            data.Add(Band(x, s, v => v.P05, null, colour, 0, "5-95% of runs", group: "outer", showLegend: false));
            data.Add(Band(x, s, v => v.P95, FillEnum.ToNextY, colour, 0.18, "5-95% of runs", group: "outer", showLegend: true));
            data.Add(Band(x, s, v => v.P25, null, colour, 0, "25-75% of runs", group: "inner", showLegend: false));
            data.Add(Band(x, s, v => v.P75, FillEnum.ToNextY, colour, 0.38, "25-75% of runs", group: "inner", showLegend: true));
            data.Add(new Scatter
            {
                Name = "median of the runs",
                X = x,
                Y = [.. s.Select(v => Point(v.P50))],
                Mode = ModeFlag.Lines,
                Line = new Line { Color = colour, Width = 3 },
                HoverTemplate = "%{x}: %{y:,.0f}<extra>median</extra>",
            });
        }
        var deterministic = run is { Deterministic: true } ? run : preview;
        if (deterministic is not null)
        {
            var x = Years(deterministic);
            data.Add(new Scatter
            {
                Name = "deterministic preview",
                X = x,
                Y = [.. deterministic.Annual(area, metric).Select(v => Point(v.Mean))],
                Mode = ModeFlag.Lines,
                Line = new Line { Color = colour, Dash = "dot", Width = 2 },
                HoverTemplate = "%{x}: %{y:,.0f}<extra>preview</extra>",
            });
        }
        return new ChartFigure(id, title, caption, data, NewLayout(title, yTitle));
    }

    private static Scatter Band(List<object> x, Summary[] s, Func<Summary, double> edge, FillEnum? fill, string colour, double alpha, string name, string group, bool showLegend) => new()
    {
        Name = name,
        LegendGroup = group,
        ShowLegend = showLegend,
        X = x,
        Y = [.. s.Select(v => Point(edge(v)))],
        Mode = ModeFlag.Lines,
        Line = new Line { Width = 0, Color = colour },
        Fill = fill,
        FillColor = Rgba(colour, alpha),
        HoverInfo = HoverInfoFlag.Skip,
    };

    private static Scatter MeanLine(string name, List<object> x, IEnumerable<double> y, string colour, string? dash) => new()
    {
        Name = name,
        X = x,
        Y = [.. y.Select(Point)],
        Mode = ModeFlag.Lines | ModeFlag.Markers,
        Line = new Line { Color = colour, Width = 2.5m, Dash = dash },
        HoverTemplate = "%{x}: %{y:,.0f}<extra>" + name + "</extra>",
    };

    /// <summary>A chart value: rounded to whole people (charts show counts), null where undefined so the line breaks.</summary>
    private static object? Point(double value) => double.IsFinite(value) ? Math.Round(value) : null;

    private static List<object> Years(EnsembleResult result) => [.. result.Calendar.FinancialYears.Select(y => (object)y.ToString())];

    private static Layout NewLayout(string title, string yTitle) => new()
    {
        Title = new Title { Text = title, Font = new Plotly.Blazor.LayoutLib.TitleLib.Font { Size = 15 } },
        XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category, Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "Financial year" } }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle }, RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero, TickFormat = ",~g" }],
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.25m, X = 0 }],
        Margin = new Margin { L = 70, R = 20, T = 50, B = 90 },
        HoverMode = HoverModeEnum.XUnified,
    };

    private static string Rgba(string hex, double alpha)
    {
        int r = Convert.ToInt32(hex[1..3], 16), g = Convert.ToInt32(hex[3..5], 16), b = Convert.ToInt32(hex[5..7], 16);
        return string.Create(Inv, $"rgba({r},{g},{b},{alpha:0.##})");
    }

    /// <summary>One colour per measure, as in the report (Okabe-Ito).</summary>
    private static class Colours
    {
        public const string Participation = "#0072B2";
        public const string Target = "#D55E00";
        public const string Waiting = "#CC79A7";
        public const string Demand = "#009E73";
        public const string Capacity = "#000000";
        public const string CriminalJustice = "#E69F00";
    }
}
