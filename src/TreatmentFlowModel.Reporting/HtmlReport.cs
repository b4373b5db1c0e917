using System.Globalization;
using System.Net;
using System.Text;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Targets;
using TreatmentFlowModel.Tracking;

namespace TreatmentFlowModel.Reporting;

/// <summary>
/// The analyst's page: one self-contained report.html (charts embedded as PNG data, no network, no script) that says
/// plainly how far the plan is from the targets and how sure that is, with figures rounded to the precision they have;
/// then the charts (bands explained once), the targets grouped by kind, the capacity gaps most severe first, outcomes,
/// what the figures rest on (assumptions, the calibration fit, sources) and the parameters. Every string that comes
/// from a scenario is HTML-escaped.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Rows of the DAT gap table.</summary>
    public const int GapRows = 25;

    /// <summary>Writes report.html and charts/*.png into <paramref name="folder"/>.</summary>
    /// <param name="result">The run.</param>
    /// <param name="folder">The output folder (created if needed).</param>
    /// <param name="supplements">Results made elsewhere that the report shows when given (the calibration fit).</param>
    public static void Write(EnsembleResult result, string folder, ReportSupplements? supplements = null)
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
        if (supplements?.Tracking is { Count: > 0 } tracking)
            foreach (var (name, caption, draw) in charts.TrackingCharts(tracking))
            {
                byte[] png = ResultCharts.Png(draw());
                File.WriteAllBytes(Path.Combine(chartDir, name + ".png"), png);
                images.Add((name, caption, png));
            }
        File.WriteAllText(Path.Combine(folder, "report.html"), Render(result, images, supplements), new UTF8Encoding(false));
    }

    /// <summary>The report's HTML with <paramref name="images"/> embedded.</summary>
    /// <param name="result">The run.</param>
    /// <param name="images">The charts: file name, caption and PNG bytes.</param>
    /// <param name="supplements">Results made elsewhere that the report shows when given.</param>
    public static string Render(EnsembleResult result, IReadOnlyList<(string Name, string Caption, byte[] Png)> images, ReportSupplements? supplements = null)
    {
        var s = result.Scenario;
        string title = Title(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append(Inv, $"<title>{E(title)}: TreatmentFlowModel report</title>\n");
        html.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        html.Append(Inv, $"<h1>{E(title)}</h1>\n<p class=\"purpose\">Scenario <code>{E(s.Name)}</code>: {(result.Deterministic ? "deterministic mode (expected values)" : $"{result.Replicates:N0} runs")}, seed {s.Seed}, {result.Calendar.FirstYear} to {result.Calendar.LastYear}, {E(Covers(result))}; TreatmentFlowModel {E(LibraryInfo.Version)}.</p>\n");
        html.Append(Inv, $"<p class=\"headline\">{E(result.Verdict)}</p>\n");
        html.Append("<p class=\"facts\">Figures are rounded to three significant figures: percentiles are good to about 1.6% and every figure carries Monte Carlo error. ")
            .Append(E(ResultCharts.BandNote)).Append("</p>\n");

        KeyFigures(html, result);
        html.Append("<h2 id=\"charts\">Charts</h2>\n<p class=\"note\">").Append(E(ResultCharts.BandNote)).Append(" Dashed: the target trajectory; dotted vertical lines: testing tranches starting.</p>\n");
        foreach (var (name, caption, png) in images.Where(i => !IsTracking(i.Name)))
            Figure(html, name, caption, png);
        if (supplements?.Tracking is { Count: > 0 } tracking) Tracking(html, result, tracking, images.Where(i => IsTracking(i.Name)));
        Targets(html, result);
        Gaps(html, result);
        Outcomes(html, result);
        TrustSection.Append(html, result.Scenario);
        RestsOn(html, result, supplements?.Calibration);
        Parameters(html, result);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static bool IsTracking(string chart) => chart.StartsWith("tracking-", StringComparison.Ordinal);

    private static void Figure(StringBuilder html, string name, string caption, byte[] png) =>
        html.Append(Inv, $"<figure id=\"chart-{E(name)}\"><img alt=\"{E(caption)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" width=\"{ResultCharts.Width}\" height=\"{ResultCharts.Height}\"><figcaption>{E(caption)} (charts/{E(name)}.png)</figcaption></figure>\n");

    /// <summary>Forecast against returns: how many observations fall inside the 5-95% band, each one beside its forecast, and the tracking charts.</summary>
    private static void Tracking(StringBuilder html, EnsembleResult result, IReadOnlyList<TrackingRow> rows, IEnumerable<(string Name, string Caption, byte[] Png)> charts)
    {
        int inside = rows.Count(r => r.InsideBand);
        html.Append("<h2 id=\"tracking\">Forecast against returns</h2>\n");
        html.Append(Inv, $"<p>{inside} of the {rows.Count} observed figures lie inside the forecast's 5-95% band{(result.Deterministic ? " (a deterministic run has no band: only a figure equal to the expected value is inside)" : "")}. ");
        html.Append("If the forecast is right, about one in ten falls outside by chance; many outside on one side mean the model runs high or low there. ");
        html.Append("z is (observed − median) / ((95th − 5th percentile) / 3.29): beyond about ±1.6 is outside the band.</p>\n");
        TableHead(html, "Period", "Area", "Measure", "Observed", "Forecast median (5-95%)", "Inside the band", "z");
        foreach (var r in rows)
        {
            var f = r.Forecast;
            string z = double.IsFinite(r.Z) ? r.Z.ToString("0.0", Inv) : "–";
            html.Append(Inv, $"<tr><td>{E(r.Observed.Period)}</td><td>{E(r.Observed.Area.Name)}</td><td>{E(MetricCatalog.OutputName(r.Observed.Metric))}</td><td class=\"n\">{F(r.Observed.Value)}</td><td class=\"n\">{F(f.P50)} ({F(f.P05)}–{F(f.P95)})</td><td>{(r.InsideBand ? "yes" : "<strong>no</strong>")}</td><td class=\"n\">{z}</td></tr>\n");
        }
        TableEnd(html);
        foreach (var (name, caption, png) in charts) Figure(html, name, caption, png);
    }

    /// <summary>What the run covers, for the page's first line: "all 149 DATs of England", "1 DAT (North East Lincolnshire)" or "3 DATs".</summary>
    internal static string Covers(EnsembleResult result)
    {
        int dats = result.Dats.Count();
        return result.Total.Name == "England" && dats > 1 ? $"all {dats} DATs of England"
            : dats == 1 ? $"1 DAT ({result.Total.Name})"
            : result.Total.Name.EndsWith(" DATs", StringComparison.Ordinal) ? result.Total.Name : $"{dats} DATs ({result.Total.Name})";
    }

    /// <summary>The page title: the scenario's description, or its name when it has none.</summary>
    internal static string Title(Scenario scenario) => string.IsNullOrWhiteSpace(scenario.Description) ? scenario.Name : scenario.Description;

    private static void KeyFigures(StringBuilder html, EnsembleResult result)
    {
        html.Append(Inv, $"<h2 id=\"key-figures\">Key figures for {E(result.Total.Name)}</h2>\n");
        var part = result.Annual(result.Total, Metric.Participation);
        var starts = result.Annual(result.Total, Metric.TreatmentStarts);
        var cjs = result.Annual(result.Total, Metric.TreatmentStartsCjs);
        var waiting = result.Annual(result.Total, Metric.Waiting);
        var places = result.Annual(result.Total, Metric.Capacity);
        YearTable(html, result, ["People in treatment in the year, median (5-95%)", "Treatment starts (mean)", "Criminal-justice starts (mean)", "Waiting at year end (mean)", "Places (mean)"],
            y => $"<td class=\"n\">{F(part[y].P50)} ({F(part[y].P05)}–{F(part[y].P95)})</td><td class=\"n\">{F(starts[y].Mean)}</td><td class=\"n\">{F(cjs[y].Mean)}</td><td class=\"n\">{F(waiting[y].Mean)}</td><td class=\"n\">{F(places[y].Mean)}</td>");
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

    /// <summary>The targets for the run's total grouped by kind: participation in full, retention and waits as year-by-year grids.</summary>
    private static void Targets(StringBuilder html, EnsembleResult result)
    {
        var england = result.Targets.Where(t => t.Area.IsTotal).ToList();
        html.Append(Inv, $"<h2 id=\"targets\">Targets for {E(result.Total.Name)}</h2>\n");
        html.Append(result.Deterministic
            ? "<p>A deterministic run gives one expected path, so each target is simply met or not; run the ensemble for the chance of meeting it.</p>\n"
            : $"<p>The chance of meeting each target is the share of the {result.Replicates.ToString("N0", Inv)} runs that meet it; its 95% confidence range says how much another set of runs could move it.</p>\n");

        var growth = england.Where(t => t.Target.Kind == TargetKind.GrowthOverBaseYear).ToList();
        if (growth.Count > 0)
        {
            html.Append(Inv, $"<h3>{E(Words.Heading(TargetKind.GrowthOverBaseYear))}</h3>\n<p>Each run against its own base-year value, or against the published figure where the scenario gives one; the targets are those the scenario declares.</p>\n");
            TableHead(html, "Target", "Needed (mean)", "Median (5-95%)", "Chance met", "How sure", "Source");
            foreach (var t in growth)
                html.Append(Inv, $"<tr><td>{E(Words.Of(t.Target))}</td><td class=\"n\">{F(t.Threshold)}</td><td class=\"n\">{F(t.P50)} ({F(t.P05)}–{F(t.P95)})</td><td class=\"n {Tone(t.PMet)}\">{Chance(result, t.PMet)}</td><td>{E(Sure(result, t.PMet))}</td><td class=\"source\">{E(t.Source)}</td></tr>\n");
            TableEnd(html);
        }

        var levels = england.Where(t => t.Target is LevelTarget).ToList();
        if (levels.Count > 0)
        {
            html.Append(Inv, $"<h3>{E(Words.Heading(TargetKind.AtLeast))}</h3>\n");
            TableHead(html, "Target", "Median (5-95%)", "Chance met", "How sure", "Source");
            foreach (var t in levels)
                html.Append(Inv, $"<tr><td>{E(Words.Of(t.Target))}</td><td class=\"n\">{Level(t, t.P50)} ({Level(t, t.P05)}–{Level(t, t.P95)})</td><td class=\"n {Tone(t.PMet)}\">{Chance(result, t.PMet)}</td><td>{E(Sure(result, t.PMet))}</td><td class=\"source\">{E(t.Source)}</td></tr>\n");
            TableEnd(html);
        }

        var rises = england.Where(t => t.Target.Kind == TargetKind.RiseOnYearBefore).ToList();
        if (rises.Count > 0)
        {
            html.Append(Inv, $"<h3>{E(Words.Heading(TargetKind.RiseOnYearBefore))}</h3>\n<p>The chance that the share of starts retained 12 weeks or completing is higher than the year before, and the median share.</p>\n");
            TableHead(html, ["", .. rises.Select(t => t.Year.ToString())]);
            html.Append("<tr><td>Chance it rises</td>").Append(string.Concat(rises.Select(t => $"<td class=\"n {Tone(t.PMet)}\">{Chance(result, t.PMet)}</td>"))).Append("</tr>\n");
            html.Append("<tr><td>Median share</td>").Append(string.Concat(rises.Select(t => $"<td class=\"n\">{Rounding.Percent(t.P50)}</td>"))).Append("</tr>\n");
            TableEnd(html);
        }

        var waits = england.Where(t => t.Target is MaxWaitTarget).ToList();
        if (waits.Count > 0)
        {
            var years = waits.Select(t => t.Year).Distinct().Order().ToList();
            html.Append(Inv, $"<h3>{E(Words.Heading(TargetKind.P95WaitAtMost))}</h3>\n<p>The chance that 95% of the people admitted in the year waited no longer than the NTA maximum (weeks in brackets: the {years[0]} maximum, then the 2003/04 one held).</p>\n");
            TableHead(html, ["Modality", .. years.Select(y => y.ToString())]);
            foreach (var modality in waits.Select(t => ((MaxWaitTarget)t.Target).WaitModality).Distinct())
            {
                html.Append("<tr><td>").Append(E(Words.Of(modality))).Append("</td>");
                foreach (var year in years)
                {
                    var t = waits.FirstOrDefault(w => ((MaxWaitTarget)w.Target).WaitModality == modality && w.Year == year);
                    html.Append(t is null ? "<td></td>" : $"<td class=\"n {Tone(t.PMet)}\" title=\"{E(t.Target.Name)}\">{Chance(result, t.PMet)} <span class=\"weeks\">({((MaxWaitTarget)t.Target).Weeks.ToString("0.#", Inv)})</span></td>");
                }
                html.Append("</tr>\n");
            }
            TableEnd(html);
        }
    }

    /// <summary>A level target's figure: shares as percentages, waits in weeks to one decimal, counts rounded; a dash when undefined.</summary>
    private static string Level(TargetResult t, double x) =>
        !double.IsFinite(x) ? "–" : MetricCodebook.Of(t.Target.Metric).Unit == "share" ? Rounding.Percent(x) : t.Target.Metric is Metric.MeanWaitWeeks or Metric.P95WaitWeeks or Metric.MeanWaitWeeksCjs or Metric.P95WaitWeeksCjs ? Weeks(x) : F(x);

    private static string Tone(double pMet) => pMet >= 0.9 ? "good" : pMet <= 0.1 ? "bad" : "";

    private static string Chance(EnsembleResult result, double pMet) => result.Deterministic ? (pMet >= 1 ? "met" : "not met") : Rounding.Percent(pMet);

    private static string Sure(EnsembleResult result, double pMet) =>
        result.Deterministic ? "deterministic run: no probability" : ShareOfRuns.Of(pMet, result.Replicates).Describe();

    /// <summary>Capacity gaps in the +55% year (or the last with waits): England by modality, then the most severe DAT × modality cells.</summary>
    private static void Gaps(StringBuilder html, EnsembleResult result)
    {
        var years = result.Gaps.Select(g => g.Year).Distinct().ToList();
        if (years.Count == 0) return;
        var year = years.Contains(DrugStrategy.Participation55.Year) ? DrugStrategy.Participation55.Year : years[^1];
        var rows = result.Gaps.Where(g => g.Year == year && g.Area.IsDat).Order(CapacityGap.MostSevereFirst).Take(GapRows).ToArray();
        var england = result.Gaps.Where(g => g.Year == year && g.Area.IsTotal).Order(CapacityGap.MostSevereFirst).ToArray();
        html.Append(Inv, $"<h2 id=\"gaps\">Capacity gaps, {year}</h2>\n");
        html.Append("<p>Most severe first: the least likely to meet the NTA maximum wait, then the most extra places needed. The 95th percentile wait is the median over the runs, so a wait target can be missed in a minority of runs while the typical wait is short; the extra places (enough to admit everyone within the maximum wait, from the admissions that waited longer and those still waiting at the year's end) are given for the median run and for 90% of runs, which covers the runs that miss. Every year, area and modality is in gaps.csv.</p>\n");
        html.Append(Inv, $"<h3>{E(result.Total.Name)} by modality</h3>\n");
        GapTable(html, england);
        html.Append(Inv, $"<h3>The {GapRows} most severe gaps by DAT and modality</h3>\n");
        GapTable(html, rows);
    }

    private static void GapTable(StringBuilder html, IEnumerable<CapacityGap> rows)
    {
        TableHead(html, "Area", "Modality", "Referrals (mean)", "Places (mean)", "Waiting at year end (mean)", "95% waited at most, weeks (median)", "Maximum, weeks", "Wait target met", "Extra places: median run", "90% of runs");
        foreach (var g in rows)
            html.Append(Inv, $"<tr><td>{E(g.Area.Name)}</td><td>{E(Words.Of(g.Modality))}</td><td class=\"n\">{F(g.Demand)}</td><td class=\"n\">{F(g.Places)}</td><td class=\"n\">{F(g.Waiting)}</td><td class=\"n\">{Weeks(g.P95WaitWeeks)}</td><td class=\"n\">{Weeks(g.TargetWeeks)}</td><td class=\"n {Tone(g.PTargetMet)}\">{Rounding.Percent(g.PTargetMet)}</td><td class=\"n\">{F(g.ExtraPlacesMedian)}</td><td class=\"n\">{F(g.ExtraPlacesP90)}</td></tr>\n");
        TableEnd(html);
    }

    private static void Outcomes(StringBuilder html, EnsembleResult result)
    {
        var s = result.Scenario;
        html.Append(Inv, $"<h2 id=\"outcomes\">Outcomes for {E(result.Total.Name)}</h2>\n");
        html.Append(Inv, $"<p>Crimes: {Num(s[ParameterId.CrimesPerWeekUntreated].Mean)} offences per problem-drug-user week untreated or waiting and {Num(s[ParameterId.CrimesPerWeekInTreatment].Mean)} in treatment (NTORS, Gossop et al. 1998, 2002). Deaths: mortality {Num(s[ParameterId.MortalityUntreatedPerYear].Mean)} a year untreated, {Num(s[ParameterId.MortalityTreatedPerYear].Mean)} in treatment (NTORS). Treatment cost: places occupied times each modality's cost per place-week. Testing cost: £{F(s[ParameterId.TestingCostPerBcuYear].Mean)} per testing BCU a year (seed 004).</p>\n");
        html.Append(Inv, $"<p>Drug-related deaths: every excess death in the four weeks after release from prison (×{Num(s[ParameterId.PostReleaseDeathMultiplierWeeks1To2].Mean)} the untreated rate in weeks 1-2) or after leaving treatment (×{Num(s[ParameterId.PostTreatmentDeathMultiplierWeeks1To2].Mean)}), and {Num(s[ParameterId.DrugRelatedDeathShare].Mean)} of other deaths outside prison; the target is 20% fewer than in 1999 (seed 000), so compare each year with 1999/00. Programme cost: the cost lines of programme_cost_gbp in annual.csv (treatment, testing, arrest referral at £{F(s[ParameterId.ArrestReferralCostPerReferral].Mean)} a referral, DTTOs at £{F(s[ParameterId.DttoCostPerOrder].Mean)} an order, remand, aftercare at £{F(s[ParameterId.AftercareCostPerDatYear].Mean)} a DAT-year and capacity building at £{F(s[ParameterId.CapacityBuildingCostPerDat].Mean)} a DAT in its first year of testing).</p>\n");
        var crimes = result.Annual(result.Total, Metric.Crimes);
        var deaths = result.Annual(result.Total, Metric.Deaths);
        var drugRelated = result.Annual(result.Total, Metric.DrugRelatedDeaths);
        var treatment = result.Annual(result.Total, Metric.TreatmentCostGbp);
        var testing = result.Annual(result.Total, Metric.TestingCostGbp);
        var programme = result.Annual(result.Total, Metric.ProgrammeCostGbp);
        YearTable(html, result, ["Crimes (mean)", "Deaths, median (5-95%)", "Drug-related deaths, median (5-95%)", "Treatment cost, £m (mean)", "Testing cost, £m (mean)", "Programme cost, £m, median (5-95%)"],
            y => $"<td class=\"n\">{F(crimes[y].Mean)}</td><td class=\"n\">{F(deaths[y].P50)} ({F(deaths[y].P05)}–{F(deaths[y].P95)})</td><td class=\"n\">{F(drugRelated[y].P50)} ({F(drugRelated[y].P05)}–{F(drugRelated[y].P95)})</td><td class=\"n\">{F(treatment[y].Mean / 1e6)}</td><td class=\"n\">{F(testing[y].Mean / 1e6)}</td><td class=\"n\">{F(programme[y].P50 / 1e6)} ({F(programme[y].P05 / 1e6)}–{F(programme[y].P95 / 1e6)})</td>");
    }

    /// <summary>What the figures rest on: the model's main structural assumptions, the calibration fit (when supplied), the parameter assumptions and the sources.</summary>
    private static void RestsOn(StringBuilder html, EnsembleResult result, CalibrationFit? calibration)
    {
        var s = result.Scenario;
        html.Append("<h2 id=\"rests-on\">What this rests on</h2>\n");
        html.Append("<h3>The model</h3>\n<ul class=\"assumptions\">\n");
        foreach (var line in StructuralAssumptions) html.Append("<li><span class=\"badge\">assumption</span> ").Append(E(line)).Append("</li>\n");
        html.Append("</ul>\n");

        html.Append("<h3 id=\"calibration\">Calibration</h3>\n");
        if (calibration is null)
            html.Append("<p>The calibration's fit, each published figure beside the model, is under <a href=\"#trust\">How far to trust it</a>; the posterior and its reports are in scenarios/calibration/. Parameters it does not fit are set from the sources cited or assumed.</p>\n");
        else
        {
            html.Append(Inv, $"<p>{E(calibration.Method)}. {E(calibration.Summary)}{(calibration.Source is { } file ? $" Full fit: {E(file)}." : "")}</p>\n");
            TableHead(html, "Observed", "Period", "Published (range)", "Model median (5-95%)", "Consistent", "Source");
            foreach (var c in calibration.Checks)
                html.Append(Inv, $"<tr><td>{E(c.Observation)}</td><td>{E(c.Period)}</td><td class=\"n\">{F(c.Observed)} ({F(c.ObservedLow)}–{F(c.ObservedHigh)})</td><td class=\"n\">{F(c.ModelMedian)} ({F(c.ModelP05)}–{F(c.ModelP95)})</td><td class=\"{(c.Consistent ? "good" : "bad")}\">{(c.Consistent ? "yes" : "no")}</td><td>{E(c.Source)}</td></tr>\n");
            TableEnd(html);
        }

        var assumed = Enumerable.Range(0, s.Parameters.Length).Select(i => (ParameterId)i).Where(ParameterSources.IsAssumption).ToList();
        html.Append(Inv, $"<h3>Parameters that are assumptions</h3>\n<p>{assumed.Count} of the {s.Parameters.Length} scalar parameters have no published value behind their default: the results rest on these assumptions as well as on the evidence. Vary them in a scenario (or the explorer's levers) to see how much they matter.</p>\n");
        TableHead(html, "Parameter", "Value in this run", "Meaning", "Note beside the default");
        foreach (var id in assumed)
        {
            var info = ParameterCatalog.Scalars[(int)id];
            html.Append(Inv, $"<tr><td>{E(info.Name)}</td><td>{E(Describe(s[id]))} <span class=\"unit\">{E(info.Unit)}</span></td><td>{E(info.Description)}</td><td>{E(ParameterSources.Of(id) ?? "")}</td></tr>\n");
        }
        TableEnd(html);
        html.Append("<h3>Sources</h3>\n<p>Every default value cites its source beside it in the embedded default scenario (scenarios/default.json); scenarios/README.md tabulates them with notes, and the published figures are listed in shared/data/LITERATURE.md. The resolved scenario of this run, with every value it used, is scenario.resolved.json in this folder.</p>\n");
    }

    /// <summary>The model's structural assumptions a reader should know before trusting a figure.</summary>
    private static readonly string[] StructuralAssumptions =
    [
        "Places come from money: each DAT's pooled treatment budget for the year, its spending mix and a unit cost per place-week for each modality.",
        "Each DAT is its own population of problem drug users; people do not move between DATs.",
        "Drug testing reaches a DAT's arrests in proportion to the share of its arrests made in the BCUs that test.",
        "Every uncertain parameter is drawn once per run and held for the whole run, so runs differ in their parameters as well as by chance.",
        "Participation counts everyone in treatment on 1 April plus the year's treatment starts, as the targets' NDTMS count does.",
    ];

    private static void Parameters(StringBuilder html, EnsembleResult result)
    {
        var s = result.Scenario;
        // A run of some DATs is never called England (issue 16): the catalogue's national figures are said to be national.
        bool england = result.Total.Name == "England";
        string N(string text) => england ? text : text.Replace("in England", "nationally", StringComparison.Ordinal).Replace("England", "national", StringComparison.Ordinal);
        html.Append("<h2 id=\"parameters\">Parameters</h2>\n<p>Values after every overlay (scenario.resolved.json), with the source beside each default.</p>\n");
        TableHead(html, "Parameter", "Value", "Unit", "Meaning", "Source of the default");
        for (int i = 0; i < s.Parameters.Length; i++)
        {
            var info = ParameterCatalog.Scalars[i];
            var id = (ParameterId)i;
            string badge = ParameterSources.IsAssumption(id) ? " <span class=\"badge\">assumption</span>" : "";
            html.Append(Inv, $"<tr><td>{E(info.Name)}{badge}</td><td>{E(Describe(s.Parameters[i]))}</td><td>{E(info.Unit)}</td><td>{E(N(info.Description))}</td><td>{E(N(ParameterSources.Of(id) ?? ""))}</td></tr>\n");
        }
        foreach (var m in Modalities.All)
            for (int i = 0; i < ParameterCatalog.PerModality.Count; i++)
            {
                var info = ParameterCatalog.PerModality[i];
                html.Append(Inv, $"<tr><td>{E(m.ToString())}.{E(info.Name)}</td><td>{E(Describe(s.ModalityParameters[(int)m][i]))}</td><td>{E(info.Unit)}</td><td>{E(N(info.Description))}</td><td>see scenarios/default.json (Modalities)</td></tr>\n");
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

    /// <summary>A figure to three significant figures (see <see cref="Rounding.Figure"/>).</summary>
    private static string F(double x) => Rounding.Figure(x);

    /// <summary>Weeks to a tenth, "nobody admitted" when undefined.</summary>
    private static string Weeks(double x) => double.IsFinite(x) ? x.ToString("0.#", Inv) : "–";

    /// <summary>A parameter value as written (up to four decimals; thousands separated).</summary>
    private static string Num(double x) => !double.IsFinite(x) ? "–" : Math.Abs(x) >= 1000 ? x.ToString("N0", Inv) : x.ToString("0.####", Inv);

    private const string Css = """
        body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; color: #222; background: #fff; margin: 0; }
        main { max-width: 1000px; margin: 0 auto; padding: 24px; }
        h1 { margin-bottom: 4px; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: 4px; margin-top: 36px; }
        .purpose { color: #555; margin-top: 0; }
        .headline { font-size: 1.3em; font-weight: 600; background: #eef5fb; border-left: 6px solid #0072B2; padding: 12px 16px; }
        .facts, .note { color: #555; font-size: 0.9em; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin: 8px 0 16px; }
        th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.good { color: #006d2c; font-weight: 600; } td.bad { color: #b30000; font-weight: 600; }
        .weeks, .unit { color: #777; font-weight: normal; font-size: 0.85em; }
        .badge { display: inline-block; font-size: 0.75em; padding: 0 6px; border-radius: 8px; background: #fff1d6; color: #8a5a00; border: 1px solid #e6c27a; }
        ul.assumptions { padding-left: 20px; } ul.assumptions li { margin: 4px 0; }
        figure { margin: 16px 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #555; font-size: 0.9em; }

        """;
}
