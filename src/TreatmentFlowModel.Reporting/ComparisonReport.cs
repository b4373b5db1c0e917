using System.Globalization;
using System.Net;
using System.Text;
using ScottPlot;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Reporting;

/// <summary>
/// Files of <c>tfm compare</c>: compare.csv (every scenario, area, measure and year with the paired difference from the
/// first scenario), compare-targets.csv, charts/compare_*.png and a self-contained compare.html that leads with the
/// paired differences and their 5-95% ranges, then the targets, the differences DAT by DAT and the charts.
/// </summary>
public static class ComparisonReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Scenario colours (Okabe-Ito), the reference first; the reference is also drawn dashed and on top, so no line hides it.</summary>
    private static readonly Color[] Colours = new[] { "#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442" }.Select(Color.FromHex).ToArray();

    private static readonly LinePattern[] Patterns = [LinePattern.Dashed, LinePattern.Solid, LinePattern.DenselyDashed, LinePattern.Dotted];

    private static readonly MarkerShape[] Markers = [MarkerShape.OpenCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.Cross];

    /// <summary>The measures charted, each as values by scenario and as paired differences.</summary>
    public static IReadOnlyList<Metric> Charted { get; } = [Metric.Participation, Metric.TreatmentStartsCjs, Metric.Waiting, Metric.MeanWaitWeeks, Metric.Capacity, Metric.CostGbp];

    /// <summary>Rows of the DAT table.</summary>
    public const int AreaRows = 30;

    /// <summary>Writes the comparison's files into <paramref name="folder"/>.</summary>
    public static void Write(ComparisonResult result, string folder)
    {
        File.WriteAllText(Path.Combine(folder, "compare.csv"), Csv(result));
        var targets = new StringBuilder(OutputColumns.Header("compare-targets.csv")).Append('\n');
        foreach (var t in result.Targets)
            for (int s = 0; s < result.Scenarios.Length; s++)
                targets.Append(Inv, $"{t.Target.Name},{t.Year.Period},{t.Year.StartYear},{CsvText.Text(result.Scenarios[s].Name)},{CsvText.Number(t.PMet[s], OutputColumns.ShareDecimals)}\n");
        File.WriteAllText(Path.Combine(folder, "compare-targets.csv"), targets.ToString());
        File.WriteAllText(Path.Combine(folder, Codebook.FileName), Codebook.Text(["compare.csv", "compare-targets.csv"], result.Targets.Select(t => t.Target)));
        Directory.CreateDirectory(Path.Combine(folder, "charts"));
        var charts = new List<(string Name, string Caption, byte[] Png)>();
        foreach (var metric in Charted)
        {
            var info = MetricCodebook.Of(metric);
            charts.Add(($"compare_{info.Name}", $"{info.Label}: median and 5-95% of runs by scenario", ResultCharts.Png(Values(result, metric))));
            charts.Add(($"compare_{info.Name}_difference", $"{info.Label}: paired difference from {result.Scenarios[0].Name}", ResultCharts.Png(Differences(result, metric))));
        }
        foreach (var (name, _, png) in charts) File.WriteAllBytes(Path.Combine(folder, "charts", name + ".png"), png);
        File.WriteAllText(Path.Combine(folder, "compare.html"), Html(result, charts), new UTF8Encoding(false));
    }

    /// <summary>
    /// <c>scenario,area,metric,period,year,mean,p05,p50,p95,diff_mean,diff_sd,diff_p05,diff_p95</c>: England first, then every
    /// shared DAT; values to each metric's stated precision.
    /// </summary>
    public static string Csv(ComparisonResult result)
    {
        var text = new StringBuilder(OutputColumns.Header("compare.csv")).Append('\n');
        foreach (var r in result.Rows())
        {
            var d = r.Difference;
            int n = MetricCodebook.Of(r.Metric).Decimals;
            text.Append(Inv, $"{CsvText.Text(r.Scenario)},{CsvText.Text(r.Area.Name)},{MetricCatalog.OutputName(r.Metric)},{r.Year.Period},{r.Year.StartYear},{CsvText.Number(r.Value.Mean, n)},{CsvText.Number(r.Value.P05, n)},{CsvText.Number(r.Value.P50, n)},{CsvText.Number(r.Value.P95, n)},");
            text.Append(d is { } x ? $"{CsvText.Number(x.Mean, n)},{CsvText.Number(x.Sd, n)},{CsvText.Number(x.P05, n)},{CsvText.Number(x.P95, n)}\n" : ",,,\n");
        }
        // Cost-effectiveness against the reference: one ratio of mean differences per scenario, area and year, in the mean column only.
        for (int s = 1; s < result.Scenarios.Length; s++)
            foreach (var area in result.Areas)
                foreach (var (name, ratio) in new[] { ("cost_per_extra_person_gbp", result.CostPerExtraPerson(s, area)), ("cost_per_offence_averted_gbp", result.CostPerOffenceAverted(s, area)) })
                    for (int y = 0; y < result.Calendar.Years; y++)
                    {
                        var year = result.Calendar.Year(y);
                        text.Append(Inv, $"{CsvText.Text(result.Scenarios[s].Name)},{CsvText.Text(area.Name)},{name},{year.Period},{year.StartYear},{CsvText.Number(ratio[y], 0)},,,,,,,\n");
                    }
        return text.ToString();
    }

    /// <summary>Each scenario's median (line) and 5-95% band of <paramref name="metric"/> by year, England; the reference dashed, black and on top.</summary>
    public static Plot Values(ComparisonResult result, Metric metric)
    {
        var info = MetricCodebook.Of(metric);
        var plot = Chart(result, $"{result.Areas[0]}: {info.Label.ToLowerInvariant()} by scenario (median, 5-95% of runs)", Unit(info));
        double top = 0;
        // Later scenarios first, the reference last: drawn on top, it cannot be hidden.
        for (int s = result.Scenarios.Length - 1; s >= 0; s--)
        {
            var values = result.Value(s, metric);
            Band(plot, Years(result), values, x => x.P50, s, s == 0 ? 0.08 : 0.14, result.Scenarios[s].Name);
            top = Math.Max(top, values.Where(v => v.Count > 0).Select(v => v.P95).Where(double.IsFinite).DefaultIfEmpty(0).Max());
        }
        plot.Axes.AutoScaleX();
        plot.Axes.SetLimitsY(0, top > 0 ? top * 1.06 : 1);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>Each scenario's paired difference from the first, England: mean (line) and 5-95% band, with the zero line.</summary>
    public static Plot Differences(ComparisonResult result, Metric metric)
    {
        var info = MetricCodebook.Of(metric);
        var plot = Chart(result, $"{result.Areas[0]}: {info.Label.ToLowerInvariant()}, difference from {result.Scenarios[0].Name} (paired runs)", $"Difference, {Unit(info)}");
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = Colors.Black;
        zero.LineWidth = 1;
        zero.LinePattern = LinePattern.Dashed;
        for (int s = 1; s < result.Scenarios.Length; s++)
            Band(plot, Years(result), result.Difference(s, metric), x => x.Mean, s, 0.2, $"{result.Scenarios[s].Name} minus {result.Scenarios[0].Name}: mean and 5-95% of paired runs");
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static string Unit(MetricInfo info) => info.Unit switch
    {
        "GBP" => "£ per year",
        "persons" => "people",
        _ => info.Unit,
    };

    /// <summary>A 5-95% band and a line through <paramref name="centre"/> of each year's summary, in scenario <paramref name="s"/>'s colour, pattern and marker.</summary>
    private static void Band(Plot plot, double[] xs, Summary[] values, Func<Summary, double> centre, int s, double alpha, string label)
    {
        var keep = Enumerable.Range(0, xs.Length).Where(i => values[i].Count > 0).ToArray();
        double[] x = [.. keep.Select(i => xs[i])];
        var colour = Colours[s % Colours.Length];
        var band = plot.Add.FillY(x, [.. keep.Select(i => values[i].P05)], [.. keep.Select(i => values[i].P95)]);
        band.FillColor = colour.WithAlpha(alpha);
        band.LineWidth = 0;
        var line = plot.Add.Scatter(x, [.. keep.Select(i => centre(values[i]))]);
        line.Color = colour;
        line.LineWidth = s == 0 ? 2.5f : 2f;
        line.LinePattern = Patterns[s % Patterns.Length];
        line.MarkerShape = Markers[s % Markers.Length];
        line.MarkerSize = 7;
        line.LegendText = label;
    }

    private static Plot Chart(ComparisonResult result, string title, string y)
    {
        var plot = ResultCharts.NewPlot(title, "Financial year", y, titleSize: 14);
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        ResultCharts.YearTicks(plot, Years(result));
        return plot;
    }

    private static double[] Years(ComparisonResult result) => [.. result.Calendar.FinancialYears.Select(y => (double)y.StartYear)];

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A signed figure to three significant figures, e.g. +1,230 or -45.</summary>
    private static string Signed(double x) => !double.IsFinite(x) ? "–" : x > 0 ? "+" + Rounding.Figure(x) : Rounding.Figure(x);

    /// <summary>"+1,230 (+800 to +1,700)": the mean paired difference and its 5-95% range.</summary>
    private static string Difference(Summary d) => d.Count == 0 ? "–" : $"{Signed(d.Mean)} <span class=\"range\">({Signed(d.P05)} to {Signed(d.P95)})</span>";

    /// <summary>The year the page leads with: the +55% target's, when the comparison covers it, else the last.</summary>
    private static FinancialYear LeadYear(ComparisonResult result) =>
        result.Calendar.Contains(DrugStrategy.Participation55.Year) ? DrugStrategy.Participation55.Year : result.Calendar.LastYear;

    private static string Html(ComparisonResult result, List<(string Name, string Caption, byte[] Png)> charts)
    {
        var reference = result.Scenarios[0];
        var lead = LeadYear(result);
        int leadIndex = result.Calendar.YearIndex(lead);
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append(Inv, $"<title>{E(string.Join(" vs ", result.Scenarios.Select(s => s.Name)))}: TreatmentFlowModel comparison</title>\n<style>\n{Css}</style>\n</head>\n<body>\n<main>\n");
        html.Append(Inv, $"<h1>{E(string.Join(" against ", result.Scenarios.Skip(1).Select(s => s.Name)))} against {E(reference.Name)}</h1>\n<ul class=\"scenarios\">\n");
        for (int i = 0; i < result.Scenarios.Length; i++)
            html.Append(Inv, $"<li><b>{E(result.Scenarios[i].Name)}</b>{(i == 0 ? " (the reference)" : "")}: {E(result.Scenarios[i].Description)}</li>\n");
        html.Append(Inv, $"</ul>\n<p class=\"facts\">{(result.Deterministic ? "Deterministic mode (expected values)" : $"{result.Replicates:N0} runs per scenario")} with seed {reference.Seed}: run r of every scenario draws the same random numbers, so each difference is paired (common random numbers) and its range shows what the change does, not the noise between two separate sets of runs. Figures are rounded to three significant figures.</p>\n");

        // The answer first: each scenario's paired differences from the reference, England, every measure and year.
        for (int s = 1; s < result.Scenarios.Length; s++)
        {
            var part = result.Difference(s, Metric.Participation)[leadIndex];
            html.Append(Inv, $"<h2 id=\"differences-{s}\">{E(result.Scenarios[s].Name)} minus {E(reference.Name)}, {E(result.Areas[0].Name)}</h2>\n");
            html.Append(Inv, $"<p class=\"headline\">In {lead}, {E(result.Scenarios[s].Name)} has {Signed(part.Mean)} people in treatment in the year compared with {E(reference.Name)} (5-95% of paired runs: {Signed(part.P05)} to {Signed(part.P95)}){TargetClause(result, s)}.</p>\n");
            html.Append("<div class=\"scroll\"><table class=\"wide\">\n<thead><tr><th>Measure</th>");
            foreach (var y in result.Calendar.FinancialYears) html.Append(Inv, $"<th class=\"n\">{y}</th>");
            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var metric in Comparison.Headline)
            {
                var info = MetricCodebook.Of(metric);
                html.Append(Inv, $"<tr><td>{E(info.Label)} <span class=\"unit\">({E(info.Unit)})</span></td>");
                foreach (var d in result.Difference(s, metric)) html.Append("<td class=\"n\">").Append(Difference(d)).Append("</td>");
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table></div>\n<p class=\"note\">Each cell: the mean paired difference, and in brackets the 5th to 95th percentile of the differences over the runs.</p>\n");
        }

        html.Append(Inv, $"<h2 id=\"targets\">Chance of meeting the participation targets, {E(result.Areas[0].Name)}</h2>\n<table><thead><tr><th>Target</th>");
        foreach (var s in result.Scenarios) html.Append(Inv, $"<th class=\"n\">{E(s.Name)}</th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var t in result.Targets)
            html.Append(Inv, $"<tr><td>{E(Words.Of(t.Target))}</td>{string.Concat(t.PMet.Select(x => $"<td class=\"n\">{Rounding.Percent(x)}</td>"))}</tr>\n");
        html.Append("</tbody></table>\n");

        AreaTable(html, result, lead, leadIndex);

        html.Append("<h2 id=\"charts\">Charts</h2>\n<p class=\"note\">Values: each scenario's median, with the band holding 90% of its runs (5-95%); the reference is black, dashed and drawn on top. Differences: the mean paired difference with the band holding 90% of the paired differences.</p>\n");
        foreach (var (name, caption, png) in charts)
            html.Append(Inv, $"<figure><img alt=\"{E(caption)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"><figcaption>{E(caption)} (charts/{E(name)}.png)</figcaption></figure>\n");
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string TargetClause(ComparisonResult result, int s)
    {
        var target = result.Targets.FirstOrDefault(t => t.Target == DrugStrategy.Participation55);
        return target is null ? "" : $"; the chance of meeting +55% by {target.Year} is {Rounding.Percent(target.PMet[s])} against {Rounding.Percent(target.PMet[0])}";
    }

    /// <summary>The DATs with the largest paired differences in participation in the lead year, with waits and places beside.</summary>
    private static void AreaTable(StringBuilder html, ComparisonResult result, FinancialYear lead, int leadIndex)
    {
        var areas = result.Areas.Where(a => !a.IsTotal).ToList();
        if (areas.Count == 0) return;
        Metric[] columns = [Metric.Participation, Metric.TreatmentStartsCjs, Metric.Waiting, Metric.MeanWaitWeeks, Metric.Capacity];
        for (int s = 1; s < result.Scenarios.Length; s++)
        {
            var ranked = areas.Select(a => (Area: a, Part: result.Difference(s, Metric.Participation, a)[leadIndex]))
                .OrderByDescending(x => Math.Abs(x.Part.Mean)).ThenBy(x => x.Area.Name, StringComparer.Ordinal).Take(AreaRows).ToList();
            html.Append(Inv, $"<h2 id=\"areas-{s}\">{E(result.Scenarios[s].Name)} minus {E(result.Scenarios[0].Name)} by DAT, {lead}</h2>\n");
            html.Append(Inv, $"<p>The {Math.Min(AreaRows, areas.Count)} of {areas.Count} DATs where participation changes most; every DAT, measure and year is in compare.csv.</p>\n<table>\n<thead><tr><th>DAT</th>");
            foreach (var metric in columns) html.Append(Inv, $"<th class=\"n\">{E(MetricCodebook.Of(metric).Label)}</th>");
            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var (area, _) in ranked)
            {
                html.Append(Inv, $"<tr><td>{E(area.Name)}</td>");
                foreach (var metric in columns) html.Append("<td class=\"n\">").Append(Difference(result.Difference(s, metric, area)[leadIndex])).Append("</td>");
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
    }

    private const string Css = """
        body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; color: #222; margin: 0; }
        main { max-width: 1200px; margin: 0 auto; padding: 24px; }
        h2 { border-bottom: 2px solid #0072B2; padding-bottom: 4px; margin-top: 32px; }
        .headline { font-size: 1.15em; font-weight: 600; background: #eef5fb; border-left: 6px solid #0072B2; padding: 10px 14px; }
        .facts, .note { color: #555; font-size: 0.9em; }
        table { border-collapse: collapse; width: 100%; font-size: 0.85em; margin: 8px 0 12px; }
        th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        table.wide td.n { white-space: nowrap; }
        .scroll { overflow-x: auto; }
        .range, .unit { color: #777; font-size: 0.85em; display: block; }
        td .unit { display: inline; }
        figure { margin: 16px 0; } img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #555; font-size: 0.9em; }

        """;
}
