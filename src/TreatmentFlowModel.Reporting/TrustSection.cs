using System.Globalization;
using System.Net;
using System.Text;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Reporting;

/// <summary>
/// The report's "How far to trust it" section (issue 15 item 8): each calibration observation beside the model (from the
/// fit report beside the scenario's posterior), the out-of-sample check (the calibration on data up to 2000/01 predicting
/// what came after), and the assumptions that matter most, marked as assumptions with their values in this run.
/// </summary>
public static class TrustSection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The assumptions that move the forecasts most and that no observation before 2003 can inform (issue 15 evidence 8b-8c),
    /// with why they matter; each is shown with its value in the run.
    /// </summary>
    private static readonly (string Parameter, string Why)[] Assumptions =
    [
        ("MainstreamGrowthPerYear", "Growth of mainstream (non-pooled) treatment spending: 0% instead of 3% a year moves participation in 2004/05 by about 11 points and in 2008/09 by about 20 (evidence 8b); nothing after 2002/03 was known."),
        ("BudgetGrowthAfter2005PerYear", "Pooled budgets after 2005/06: nothing was known in spring 2003; 0% to 10% moves 2008/09 participation from about +74% to +101%."),
        ("MainstreamSpend2002", "Mainstream spending in 2002/03 (Table A less the pooled budget): it sets how many places the money buys alongside the pooled budget."),
        ("AssessmentUptake", "Share of positive testers who take up treatment: it decides criminal-justice entrants after 2003, which no pre-2003 figure informs."),
        ("NonPduReferralsPerYear", "People presenting who are not problem drug users: they use places and count in participation."),
        ("CapacityRandomEffectSd", "How much DATs' capacity varies beyond their budgets: it sets the spread of local waits."),
    ];

    /// <summary>Appends the section to <paramref name="html"/> for a run of <paramref name="scenario"/>.</summary>
    public static void Append(StringBuilder html, Scenario scenario)
    {
        html.Append("<h2 id=\"trust\">How far to trust it</h2>\n");
        var posterior = scenario.Posterior;
        if (posterior is null)
            html.Append("<p>This run does not draw from a calibration posterior: every parameter takes its scenario distribution, which no published figure has checked. Set <code>Posterior</code> to a posterior written by <code>tfm calibrate</code> to carry the calibration into the forecast.</p>\n");
        else
        {
            html.Append(Inv, $"<p>Each replicate draws {posterior.Names.Length} fitted parameters ({E(string.Join(", ", posterior.Names))}) from the calibration posterior ({posterior.Particles.Length} weighted parameter sets, {E(Path.GetFileName(posterior.Source))}); the bands include that uncertainty. Every other parameter is drawn from its scenario distribution.</p>\n");
            html.Append("<h3>Published figures beside the model</h3>\n");
            FitTable(html, posterior.FitReportCsv, "The fit report beside the posterior was not found, so the figures cannot be shown here.",
                "The calibration's posterior predictive median and 90% band (one replicate of April 1994 to March 2003 per posterior draw) beside each published figure before 2003.");
            html.Append("<h3>Out-of-sample check</h3>\n");
            FitTable(html, posterior.OutOfSampleCsv, "No out-of-sample check was found beside the posterior.",
                "A calibration on the figures up to 2000/01 only, predicting the figures of 2001/02 and 2002/03 it never saw (held out): the test of whether the model forecasts, rather than fits.");
        }
        html.Append("<h3>Assumptions that matter most</h3>\n<p>No figure before 2003 can check these; the forecasts after 2003 depend on them. <strong>They are assumptions.</strong></p>\n");
        html.Append("<table>\n<thead><tr><th>Assumption</th><th>Value in this run</th><th>Why it matters</th></tr></thead>\n<tbody>\n");
        foreach (var (name, why) in Assumptions)
        {
            var id = ParameterCatalog.FindScalar(name);
            string value = id is { } p ? Describe(scenario[p]) : "–";
            html.Append(Inv, $"<tr><td>{E(name)} (assumption)</td><td class=\"n\">{E(value)}</td><td>{E(why)}</td></tr>\n");
        }
        html.Append(Inv, $"<tr><td>DTTO caps (input)</td><td class=\"n\">{E(string.Join(", ", scenario.Policy.DttoCaps.Select(kv => $"{kv.Key}: {kv.Value.ToString("N0", Inv)}")))}</td><td>Orders are capped by year; the caps after 2002/03 are plans (seed 004), not observations.</td></tr>\n");
        html.Append("</tbody>\n</table>\n");
    }

    private static void FitTable(StringBuilder html, string? csv, string missing, string caption)
    {
        if (csv is null)
        {
            html.Append(Inv, $"<p>{E(missing)}</p>\n");
            return;
        }
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Cells).ToList();
        if (rows.Count < 2)
        {
            html.Append(Inv, $"<p>{E(missing)}</p>\n");
            return;
        }
        var header = rows[0];
        int Col(string name) => Array.IndexOf(header, name);
        int summary = Col("summary"), use = Col("use"), observed = Col("observed_natural"), median = Col("median_natural"), lower = Col("lower_natural"), upper = Col("upper_natural"), inside = Col("inside");
        if (new[] { summary, use, observed, median, lower, upper, inside }.Any(i => i < 0))
        {
            html.Append("<p>The fit report is not in the format this version reads.</p>\n");
            return;
        }
        var data = rows.Skip(1).Where(r => r.Length == header.Length).ToList();
        int fitted = data.Count(r => r[use] == "fitted"), fittedIn = data.Count(r => r[use] == "fitted" && r[inside] == "yes");
        int heldOut = data.Count(r => r[use] != "fitted"), heldOutIn = data.Count(r => r[use] != "fitted" && r[inside] == "yes");
        html.Append(Inv, $"<p>{E(caption)} Inside the band: {fittedIn} of {fitted} fitted summaries{(heldOut > 0 ? $", {heldOutIn} of {heldOut} held out or checks" : "")}. Waits by modality are compared as a block: the modalities' geometric mean, then each modality's ratio to it.</p>\n");
        html.Append("<table>\n<thead><tr><th>Figure</th><th>Use</th><th>Published</th><th>Model median</th><th>5%</th><th>95%</th><th>Inside?</th></tr></thead>\n<tbody>\n");
        foreach (var r in data)
            html.Append(Inv, $"<tr><td>{E(r[summary])}</td><td>{E(r[use])}</td><td class=\"n\">{Num(r[observed])}</td><td class=\"n\">{Num(r[median])}</td><td class=\"n\">{Num(r[lower])}</td><td class=\"n\">{Num(r[upper])}</td><td class=\"{(r[inside] == "yes" ? "good" : "bad")}\">{E(r[inside])}</td></tr>\n");
        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>One CSV line's cells (quoted cells may hold commas and doubled quotes).</summary>
    private static string[] Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c != '\r') cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }

    private static string Num(string text) =>
        double.TryParse(text, NumberStyles.Float, Inv, out double x) && double.IsFinite(x) ? (Math.Abs(x) >= 1000 ? x.ToString("N0", Inv) : x.ToString("0.###", Inv)) : "–";

    private static string Describe(Distribution d) => d.Kind == DistributionKind.Fixed
        ? Num(d.A.ToString("R", Inv))
        : $"{d.Kind}({string.Join(", ", d.Parameters.Select(p => $"{p.Name} {Num(p.Value.ToString("R", Inv))}"))}), mean {Num(d.Mean.ToString("R", Inv))}";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
