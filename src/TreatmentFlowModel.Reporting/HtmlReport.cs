using System.Globalization;
using System.Net;
using System.Text;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Reporting;

/// <summary>
/// The analyst's page: one self-contained report.html (charts embedded as PNG data, no network) with the
/// headline answer, fan charts, the targets, the capacity gaps worst first, outcomes and the parameters;
/// and every chart as charts/*.png. Every string that comes from a scenario is HTML-escaped.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes report.html and charts/*.png into <paramref name="folder"/>.</summary>
    public static void Write(EnsembleResult result, string folder)
    {
        var charts = new ResultCharts(result);
        string chartDir = Path.Combine(folder, "charts");
        Directory.CreateDirectory(chartDir);
        var images = new List<(string Name, string Caption, byte[] Png)>();
        foreach (var (name, caption, draw) in charts.All)
        {
            byte[] png = ResultCharts.Png(draw());
            File.WriteAllBytes(Path.Combine(chartDir, name + ".png"), png);
            images.Add((name, caption, png));
        }
        File.WriteAllText(Path.Combine(folder, "report.html"), Render(result, images), new UTF8Encoding(false));
    }

    /// <summary>The report's HTML with <paramref name="images"/> embedded.</summary>
    public static string Render(EnsembleResult result, IReadOnlyList<(string Name, string Caption, byte[] Png)> images)
    {
        var s = result.Scenario;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append(Inv, $"<title>{E(s.Name)}: TreatmentFlowModel report</title>\n");
        html.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        html.Append(Inv, $"<h1>{E(s.Name)}</h1>\n<p class=\"purpose\">{E(s.Description)}</p>\n");
        html.Append(Inv, $"<p class=\"headline\">{E(result.Verdict)}</p>\n");
        html.Append(Inv, $"<p class=\"facts\">{(result.Deterministic ? "Deterministic mode (expected values)" : $"{result.Replicates:N0} replicates")}, seed {s.Seed}, {result.Calendar.Start:d MMMM yyyy} to {result.Calendar.End:d MMMM yyyy}, {result.Areas.Count - 1} DATs; TreatmentFlowModel {E(LibraryInfo.Version)}. Bands show 5-95% and 25-75% of replicates.</p>\n");

        KeyFigures(html, result);
        html.Append("<h2>Charts</h2>\n");
        foreach (var (name, caption, png) in images)
            html.Append(Inv, $"<figure id=\"chart-{E(name)}\"><img alt=\"{E(caption)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" width=\"{ResultCharts.Width}\" height=\"{ResultCharts.Height}\"><figcaption>{E(caption)} (charts/{E(name)}.png)</figcaption></figure>\n");
        Targets(html, result);
        Gaps(html, result);
        Outcomes(html, result);
        TrustSection.Append(html, s);
        Parameters(html, result);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void KeyFigures(StringBuilder html, EnsembleResult result)
    {
        html.Append("<h2>Key figures for England</h2>\n");
        var part = result.Annual(AreaId.England, Metric.Participation);
        var starts = result.Annual(AreaId.England, Metric.TreatmentStarts);
        var cjs = result.Annual(AreaId.England, Metric.TreatmentStartsCjs);
        var waiting = result.Annual(AreaId.England, Metric.Waiting);
        var places = result.Annual(AreaId.England, Metric.Capacity);
        YearTable(html, result, ["Participation, median (5-95%)", "Treatment starts (mean)", "Criminal-justice starts (mean)", "Waiting at year end (mean)", "Places (mean)"],
            y => $"<td class=\"n\">{N(part[y].P50)} ({N(part[y].P05)}-{N(part[y].P95)})</td><td class=\"n\">{N(starts[y].Mean)}</td><td class=\"n\">{N(cjs[y].Mean)}</td><td class=\"n\">{N(waiting[y].Mean)}</td><td class=\"n\">{N(places[y].Mean)}</td>");
    }

    /// <summary>Opens a table with the column headings <paramref name="headings"/> (HTML, not escaped).</summary>
    private static void TableHead(StringBuilder html, params string[] headings)
    {
        html.Append("<table>\n<thead><tr>");
        foreach (string h in headings) html.Append("<th>").Append(h).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
    }

    private static void TableEnd(StringBuilder html) => html.Append("</tbody>\n</table>\n");

    /// <summary>A table with a row per financial year: its label, then the cells <paramref name="cells"/> gives for year index y.</summary>
    private static void YearTable(StringBuilder html, EnsembleResult result, string[] headings, Func<int, FormattableString> cells)
    {
        TableHead(html, ["Financial year", .. headings]);
        for (int y = 0; y < result.Calendar.Years; y++)
            html.Append("<tr><td>").Append(result.Calendar.Year(y)).Append("</td>").Append(cells(y).ToString(Inv)).Append("</tr>\n");
        TableEnd(html);
    }

    private static void Targets(StringBuilder html, EnsembleResult result)
    {
        html.Append(Inv, $"<h2>Targets for England</h2>\n<p>Participation: each replicate against its own {DrugStrategy.BaseYear} baseline. Retention: the share of starts retained 12 weeks or completing rises on the year before. Waits: the 95th percentile of completed waits within the NTA maximum (the 2003/04 maximum held after 2003/04).</p>\n");
        TableHead(html, "Target", "Year", "Threshold", "Median (5-95%)", "Probability met");
        foreach (var t in result.Targets.Where(t => t.Area.IsEngland))
            html.Append(Inv, $"<tr><td>{E(t.Target.Name)}</td><td>{t.Year}</td><td class=\"n\">{Num(t.Threshold)}</td><td class=\"n\">{Num(t.P50)} ({Num(t.P05)}-{Num(t.P95)})</td><td class=\"n {(t.PMet >= 0.9 ? "good" : t.PMet <= 0.1 ? "bad" : "")}\">{t.PMet.ToString("0%", Inv)}</td></tr>\n");
        TableEnd(html);
    }

    private static void Gaps(StringBuilder html, EnsembleResult result)
    {
        var years = result.Gaps.Select(g => g.Year).Distinct().ToList();
        if (years.Count == 0) return;
        // The +55% target's year if the run has it, else the last year with gaps.
        var year = years.Contains(DrugStrategy.Participation55.Year) ? DrugStrategy.Participation55.Year : years[^1];
        var rows = result.Gaps.Where(g => g.Year == year && !g.Area.IsEngland).OrderByDescending(g => g.ExtraPlacesP90).ThenBy(g => g.Area.Name, StringComparer.Ordinal).Take(25).ToArray();
        var england = result.Gaps.Where(g => g.Year == year && g.Area.IsEngland).OrderByDescending(g => g.ExtraPlacesP90).ToArray();
        html.Append(Inv, $"<h2>Capacity gaps, {year}</h2>\n<p>Extra places that would have admitted everyone within the NTA maximum wait in 90% of replicates (admissions that waited longer plus those still waiting longer at the year's end, times the mean stay / 52). Worst first; every year is in gaps.csv.</p>\n");
        html.Append("<h3>England by modality</h3>\n");
        GapTable(html, england);
        html.Append("<h3>The 25 largest gaps by DAT and modality</h3>\n");
        GapTable(html, rows);
    }

    private static void GapTable(StringBuilder html, IEnumerable<CapacityGap> rows)
    {
        TableHead(html, "Area", "Modality", "Referrals (mean)", "Places (mean)", "Waiting (mean)", "95th pct wait, weeks (median)", "Target, weeks", "P(target met)", "Extra places: median", "90%");
        foreach (var g in rows)
            html.Append(Inv, $"<tr><td>{E(g.Area.Name)}</td><td>{E(Modalities.OutputName(g.Modality))}</td><td class=\"n\">{N(g.Demand)}</td><td class=\"n\">{N(g.Places)}</td><td class=\"n\">{N(g.Waiting)}</td><td class=\"n\">{Num(g.P95WaitWeeks)}</td><td class=\"n\">{Num(g.TargetWeeks)}</td><td class=\"n\">{g.PTargetMet.ToString("0%", Inv)}</td><td class=\"n\">{N(g.ExtraPlacesMedian)}</td><td class=\"n\">{N(g.ExtraPlacesP90)}</td></tr>\n");
        TableEnd(html);
    }

    private static void Outcomes(StringBuilder html, EnsembleResult result)
    {
        var p = result.Scenario.Parameters;
        html.Append("<h2>Outcomes for England</h2>\n");
        html.Append(Inv, $"<p>Crimes: {Num(p[(int)ParameterId.CrimesPerWeekUntreated].Mean)} offences per PDU-week untreated or waiting and {Num(p[(int)ParameterId.CrimesPerWeekInTreatment].Mean)} in treatment (NTORS, Gossop et al. 1998, 2002). Deaths: mortality {Num(p[(int)ParameterId.MortalityUntreatedPerYear].Mean)} a year untreated, {Num(p[(int)ParameterId.MortalityTreatedPerYear].Mean)} in treatment (NTORS). Treatment cost: places occupied times each modality's cost per place-week. Testing cost: £{N(p[(int)ParameterId.TestingCostPerBcuYear].Mean)} per testing BCU a year (seed 004).</p>\n");
        var crimes = result.Annual(AreaId.England, Metric.Crimes);
        var deaths = result.Annual(AreaId.England, Metric.Deaths);
        var cost = result.Annual(AreaId.England, Metric.CostGbp);
        var testing = result.Annual(AreaId.England, Metric.TestingCostGbp);
        YearTable(html, result, ["Crimes (mean)", "Deaths, median (5-95%)", "Treatment cost, £m (mean)", "Testing cost, £m (mean)"],
            y => $"<td class=\"n\">{N(crimes[y].Mean)}</td><td class=\"n\">{N(deaths[y].P50)} ({N(deaths[y].P05)}-{N(deaths[y].P95)})</td><td class=\"n\">{(cost[y].Mean - testing[y].Mean) / 1e6:N1}</td><td class=\"n\">{testing[y].Mean / 1e6:N1}</td>");
    }

    private static void Parameters(StringBuilder html, EnsembleResult result)
    {
        var s = result.Scenario;
        html.Append("<h2>Parameters</h2>\n<p>Values after every overlay (scenario.resolved.json); sources are cited in the scenario files and scenarios/README.md.</p>\n");
        TableHead(html, "Parameter", "Value", "Unit", "Meaning");
        for (int i = 0; i < s.Parameters.Length; i++)
        {
            var info = ParameterCatalog.Scalars[i];
            html.Append(Inv, $"<tr><td>{E(info.Name)}</td><td>{E(Describe(s.Parameters[i]))}</td><td>{E(info.Unit)}</td><td>{E(info.Description)}</td></tr>\n");
        }
        foreach (var m in Modalities.All)
            for (int i = 0; i < ParameterCatalog.PerModality.Count; i++)
            {
                var info = ParameterCatalog.PerModality[i];
                html.Append(Inv, $"<tr><td>{E(m.ToString())}.{E(info.Name)}</td><td>{E(Describe(s.ModalityParameters[(int)m][i]))}</td><td>{E(info.Unit)}</td><td>{E(info.Description)}</td></tr>\n");
            }
        TableEnd(html);
        if (s.Rollout.Tranches.Length > 0)
        {
            html.Append("<h3>Testing rollout</h3>\n<ul>\n");
            foreach (var t in s.Rollout.Tranches) html.Append(Inv, $"<li>{E(t.Name)}: BCU ranks {t.FirstRank}-{t.LastRank} from {t.Start:d MMMM yyyy}</li>\n");
            html.Append("</ul>\n");
        }
    }

    private static string Describe(Distribution d) => d.Kind == DistributionKind.Fixed
        ? Num(d.A)
        : $"{d.Kind}({string.Join(", ", d.Parameters.Select(p => $"{p.Name} {Num(p.Value)}"))}), mean {Num(d.Mean)}";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double x) => double.IsFinite(x) ? x.ToString("N0", Inv) : "–";

    private static string Num(double x) => !double.IsFinite(x) ? "–" : Math.Abs(x) >= 1000 ? x.ToString("N0", Inv) : x.ToString("0.###", Inv);

    private const string Css = """
        body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; color: #222; background: #fff; margin: 0; }
        main { max-width: 980px; margin: 0 auto; padding: 24px; }
        h1 { margin-bottom: 4px; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: 4px; margin-top: 36px; }
        .purpose { color: #555; font-style: italic; margin-top: 0; }
        .headline { font-size: 1.35em; font-weight: 600; background: #eef5fb; border-left: 6px solid #0072B2; padding: 12px 16px; }
        .facts { color: #555; font-size: 0.9em; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin: 8px 0 16px; }
        th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.good { color: #006d2c; font-weight: 600; } td.bad { color: #b30000; font-weight: 600; }
        figure { margin: 16px 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #555; font-size: 0.9em; }

        """;
}
