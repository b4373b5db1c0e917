using System.Text.RegularExpressions;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Reporting;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Tests.Reporting;

public sealed partial class HtmlReportTests
{
    private static readonly Lazy<EnsembleResult> Run = new(() => Simulation.Run(TestScenarios.Small(20) with
    {
        Description = "Three DATs & the top-30 BCUs",
        Start = new DateOnly(1998, 4, 1),
    }));

    private static string Html(ReportSupplements? supplements = null) => HtmlReport.Render(Run.Value, [], supplements);

    [Fact]
    public void TheTitle_IsTheDescription_AndTheScenarioNameFollows()
    {
        string html = Html();
        Assert.Contains("<title>Three DATs &amp; the top-30 BCUs: TreatmentFlowModel report</title>", html);
        Assert.Contains("<h1>Three DATs &amp; the top-30 BCUs</h1>", html);
        Assert.Contains("Scenario <code>small</code>: 20 runs", html);
    }

    [Fact]
    public void TheHeadline_SaysHowFarAndHowSure_Once()
    {
        string html = Html();
        Assert.Contains($"<p class=\"headline\">{System.Net.WebUtility.HtmlEncode(Run.Value.Verdict)}</p>", html);
        Assert.Matches("^3 DATs (misses|reaches) \\+55% in 2003/04 .*(misses|reaches) \\+55% in 2004/05 (by|with) about [0-9,.]+ \\([0-9.]+%\\)", Run.Value.Verdict);
        Assert.Contains("in the median run; met in", Run.Value.Verdict);
        Assert.Single(Regex.Matches(html, "class=\"headline\""));
    }

    [Fact]
    public void Targets_AreGroupedByKind_WithReadableNames()
    {
        string html = Html();
        foreach (var kind in Run.Value.Targets.Where(t => t.Area.IsTotal).Select(t => t.Target.Kind).Distinct())
            Assert.Contains($"<h3>{System.Net.WebUtility.HtmlEncode(Words.Heading(kind))}</h3>", html);
        Assert.Contains("+55% people in treatment by 2004/05 (over 1998/99)", html);
        Assert.DoesNotContain(">max_wait_", html);
        Assert.DoesNotContain(">participation_55pct", html);
    }

    [Fact]
    public void TheGapTable_ListsTheMostSevereFirst()
    {
        string html = Html();
        int start = html.IndexOf("most severe gaps by DAT and modality", StringComparison.Ordinal);
        var metCells = CellOf8().Matches(html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)])
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Math.Min(HtmlReport.GapRows, Run.Value.Gaps.Count(g => g.Area.IsDat && g.Year == DrugStrategy.Participation55.Year)), metCells.Count);
        Assert.Equal(metCells.Order(), metCells);
    }

    [Fact]
    public void Figures_AreRoundedToThreeSignificantFigures()
    {
        string html = Html();
        var part = Run.Value.Annual(AreaId.England, Metric.Participation)[0];
        Assert.Contains($"<td class=\"n\">{Rounding.Figure(part.P50)} ({Rounding.Figure(part.P05)}–{Rounding.Figure(part.P95)})</td>", html);
        int start = html.IndexOf("id=\"key-figures\"", StringComparison.Ordinal);
        string table = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        foreach (Match m in NumberCell().Matches(table))
            Assert.True(m.Groups[1].Value.Count(char.IsAsciiDigit) - (m.Groups[1].Value.StartsWith("0.", StringComparison.Ordinal) ? 1 : 0) <= 3
                || m.Groups[1].Value.EndsWith('0'), $"'{m.Groups[1].Value}' has more than three significant figures");
    }

    [Fact]
    public void WhatThisRestsOn_MarksTheAssumptions_AndPointsToTheCalibrationsFit()
    {
        string html = Html();
        Assert.Contains("<h2 id=\"rests-on\">What this rests on</h2>", html);
        Assert.Contains("is under <a href=\"#trust\">How far to trust it</a>", html);
        Assert.Contains("<h2 id=\"trust\">How far to trust it</h2>", html);
        int assumed = Enum.GetValues<ParameterId>().Count(TreatmentFlowModel.Scenarios.ParameterSources.IsAssumption);
        Assert.Contains($"{assumed} of the {Enum.GetValues<ParameterId>().Length} scalar parameters have no published value", html);
        Assert.Contains("<td>CessationPerYear</td>", html);
    }

    [Fact]
    public void ASuppliedCalibrationFit_IsShownObservationByObservation()
    {
        var fit = new CalibrationFit("ABC-SMC, 200 particles", "Fitted to presentations and the treated share.",
            [new CalibrationCheck("People presenting, England", "2001/02", 71000, 68000, 74000, 70400, 65100, 75900, "seed 004"),
             new CalibrationCheck("Share of PDUs in treatment", "2001/02", 0.5, 0.45, 0.55, 0.31, 0.28, 0.34, "seed 000")],
            "calibration/posterior.csv");
        string html = Html(new ReportSupplements { Calibration = fit });
        Assert.DoesNotContain("No calibration fit was supplied", html);
        Assert.Contains("ABC-SMC, 200 particles. Fitted to presentations and the treated share. Full fit: calibration/posterior.csv.", html);
        Assert.Contains("<td class=\"n\">71,000 (68,000–74,000)</td><td class=\"n\">70,400 (65,100–75,900)</td><td class=\"good\">yes</td>", html);
        Assert.Contains("<td class=\"bad\">no</td>", html);
    }

    [GeneratedRegex("<td class=\"n (?:good|bad|)\">([0-9.]+)%</td><td class=\"n\">[^<]*</td><td class=\"n\">[^<]*</td></tr>")]
    private static partial Regex CellOf8();

    [GeneratedRegex("<td class=\"n\">([0-9][0-9,.]*)")]
    private static partial Regex NumberCell();
}
