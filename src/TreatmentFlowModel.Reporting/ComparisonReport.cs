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
/// Files of <c>tfm compare</c>: compare.csv (every scenario, measure and year with the paired difference from the
/// first scenario), compare-targets.csv, charts/compare_*.png and a self-contained compare.html.
/// </summary>
public static class ComparisonReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly Color[] Colours = new[] { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000" }.Select(Color.FromHex).ToArray();

    /// <summary>Writes the comparison's files into <paramref name="folder"/>.</summary>
    public static void Write(ComparisonResult result, string folder)
    {
        File.WriteAllText(Path.Combine(folder, "compare.csv"), Csv(result));
        var targets = new StringBuilder("target,year,scenario,p_met\n");
        foreach (var t in result.Targets)
            for (int s = 0; s < result.Scenarios.Length; s++) targets.Append(Inv, $"{t.Target.Name},{t.Year},{CsvText.Text(result.Scenarios[s].Name)},{CsvText.Number(t.PMet[s])}\n");
        File.WriteAllText(Path.Combine(folder, "compare-targets.csv"), targets.ToString());
        Directory.CreateDirectory(Path.Combine(folder, "charts"));
        var charts = new List<(string Name, string Caption, byte[] Png)>();
        foreach (var metric in new[] { Metric.Participation, Metric.TreatmentStartsCjs })
        {
            string name = MetricCatalog.OutputName(metric);
            charts.Add(($"compare_{name}", $"{name}: median and 5-95% by scenario", ResultCharts.Png(Values(result, metric))));
            charts.Add(($"compare_{name}_difference", $"{name}: paired difference from {result.Scenarios[0].Name}", ResultCharts.Png(Differences(result, metric))));
        }
        foreach (var (name, _, png) in charts) File.WriteAllBytes(Path.Combine(folder, "charts", name + ".png"), png);
        File.WriteAllText(Path.Combine(folder, "compare.html"), Html(result, charts), new UTF8Encoding(false));
    }

    /// <summary><c>scenario,metric,year,mean,p05,p50,p95,diff_mean,diff_sd,diff_p05,diff_p95</c>.</summary>
    public static string Csv(ComparisonResult result)
    {
        var text = new StringBuilder("scenario,metric,year,mean,p05,p50,p95,diff_mean,diff_sd,diff_p05,diff_p95\n");
        foreach (var r in result.Rows())
        {
            var d = r.Difference;
            text.Append(Inv, $"{CsvText.Text(r.Scenario)},{MetricCatalog.OutputName(r.Metric)},{r.Year},{CsvText.Number(r.Value.Mean)},{CsvText.Number(r.Value.P05)},{CsvText.Number(r.Value.P50)},{CsvText.Number(r.Value.P95)},");
            text.Append(d is { } x ? $"{CsvText.Number(x.Mean)},{CsvText.Number(x.Sd)},{CsvText.Number(x.P05)},{CsvText.Number(x.P95)}\n" : ",,,\n");
        }
        return text.ToString();
    }

    /// <summary>Each scenario's median (line) and 5-95% band of <paramref name="metric"/> by year.</summary>
    public static Plot Values(ComparisonResult result, Metric metric)
    {
        var plot = Chart(result, $"England: {MetricCatalog.OutputName(metric).Replace('_', ' ')} by scenario (median, 5-95% of replicates)", "People per year / at year end");
        for (int s = 0; s < result.Scenarios.Length; s++)
            Band(plot, Years(result), result.Value(s, metric), x => x.P50, Colours[s % Colours.Length], 0.15, result.Scenarios[s].Name);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Each scenario's paired difference from the first: mean (line) and 5-95% band.</summary>
    public static Plot Differences(ComparisonResult result, Metric metric)
    {
        var plot = Chart(result, $"England: {MetricCatalog.OutputName(metric).Replace('_', ' ')}, difference from {result.Scenarios[0].Name} (paired replicates)", "Difference");
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = Colors.Black;
        zero.LineWidth = 1;
        for (int s = 1; s < result.Scenarios.Length; s++)
            Band(plot, Years(result), result.Difference(s, metric), x => x.Mean, Colours[s % Colours.Length], 0.2, $"{result.Scenarios[s].Name} - {result.Scenarios[0].Name}");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>A 5-95% band and a line through <paramref name="centre"/> of each year's summary.</summary>
    private static void Band(Plot plot, double[] xs, Summary[] s, Func<Summary, double> centre, Color colour, double alpha, string label)
    {
        var band = plot.Add.FillY(xs, s.Select(x => x.P05).ToArray(), s.Select(x => x.P95).ToArray());
        band.FillColor = colour.WithAlpha(alpha);
        band.LineWidth = 0;
        var line = plot.Add.ScatterLine(xs, s.Select(centre).ToArray());
        line.Color = colour;
        line.LineWidth = 2.5f;
        line.LegendText = label;
    }

    private static Plot Chart(ComparisonResult result, string title, string y)
    {
        var plot = ResultCharts.NewPlot(title, "Financial year", y, titleSize: 14);
        ResultCharts.YearTicks(plot, Years(result));
        return plot;
    }

    private static double[] Years(ComparisonResult result) => [.. result.Calendar.FinancialYears.Select(y => (double)y.StartYear)];

    private static string Html(ComparisonResult result, List<(string Name, string Caption, byte[] Png)> charts)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Scenario comparison</title>\n<style>body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:0 auto;padding:24px;color:#222}table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}th{background:#f4f4f4}img{max-width:100%;height:auto}</style>\n</head>\n<body>\n");
        html.Append("<h1>Scenario comparison</h1>\n<ul>\n");
        foreach (var s in result.Scenarios) html.Append(Inv, $"<li><b>{E(s.Name)}</b>: {E(s.Description)}</li>\n");
        html.Append(Inv, $"</ul>\n<p>{result.Replicates:N0} replicates per scenario with seed {result.Scenarios[0].Seed}: replicate r of every scenario uses the same random numbers, so differences are paired (common random numbers).</p>\n");
        html.Append("<h2>Probability of meeting the participation targets (England)</h2>\n<table><thead><tr><th>Target</th>");
        foreach (var s in result.Scenarios) html.Append(Inv, $"<th>{E(s.Name)}</th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var t in result.Targets)
            html.Append(Inv, $"<tr><td>{E(t.Target.Name)} {t.Year}</td>{string.Concat(t.PMet.Select(x => $"<td>{x.ToString("0%", Inv)}</td>"))}</tr>\n");
        html.Append("</tbody></table>\n");
        foreach (var (name, caption, png) in charts)
            html.Append(Inv, $"<figure><img alt=\"{E(caption)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"><figcaption>{E(caption)} (charts/{E(name)}.png)</figcaption></figure>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}
