using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Reporting;
using TreatmentFlowModel.Tracking;

namespace TreatmentFlowModel.Tests.Tracking;

/// <summary>Forecast against returns: an observation inside the band and one outside, tracking.csv, the charts and the report's section.</summary>
public sealed class TrackingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-tracking-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Lazy<EnsembleResult> Run = new(() => Simulation.Run(TestScenarios.Small(20) with { WeeklyAreas = ["Lambeth"] }));

    [Fact]
    public void InsideTheBand_AndZ_FollowTheFormula()
    {
        var observation = new Observation(2, "2003-04", PeriodKind.Month, new DateOnly(2003, 4, 1), AreaId.England, Metric.Tests, 100);
        var band = new Summary(20, 100, 5, 90, 95, 100, 105, 110);
        var inside = new TrackingRow(observation, band);
        Assert.True(inside.InsideBand);
        Assert.Equal(0, inside.Z);
        var outside = new TrackingRow(observation with { Value = 130 }, band);
        Assert.False(outside.InsideBand);
        Assert.Equal(30 / (20 / 3.29), outside.Z, 12);
        // At the band's edge z is 1.645: inside, just.
        var edge = new TrackingRow(observation with { Value = 110 }, band);
        Assert.True(edge.InsideBand);
        Assert.Equal(1.645, edge.Z, 12);
        // No band (the deterministic mode): z undefined.
        Assert.True(double.IsNaN(new TrackingRow(observation, new Summary(1, 100, 0, 100, 100, 100, 100, 100)).Z));
    }

    [Fact]
    public void AnObservationAtTheMedian_IsInside_AndOneFarAbove_IsOutside()
    {
        var result = Run.Value;
        var months = result.Monthly(result.Total, Metric.TreatmentStarts);
        var quarters = result.Quarterly("Lambeth", Metric.InTreatment);
        var model = Setup.FrozenModel.From(result.Scenario);
        var observations = ObservationFile.Parse(
            $"period,area,metric,value\n2003-05,3 DATs,treatment_starts,{months[13].P50.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n" +
            $"FY2003-04-Q2,Lambeth,in_treatment,{(3 * quarters[5].P95).ToString(System.Globalization.CultureInfo.InvariantCulture)}\n", "obs.csv", model);
        var rows = Tracker.Compare(observations, result);
        Assert.True(months[13].P95 > months[13].P05, "the band has no width");
        Assert.True(rows[0].InsideBand);
        Assert.Equal(0, rows[0].Z, 9);
        Assert.Equal(months[13], rows[0].Forecast);
        Assert.False(rows[1].InsideBand);
        Assert.True(rows[1].Z > 1.645);
        Assert.Equal(quarters[5], rows[1].Forecast); // 2002Q2 is quarter 0 of this run, so 2003Q3 is 5

        string folder = Path.Combine(_dir, "run");
        ResultWriter.Write(result, folder, extra: temp => HtmlReport.Write(result, temp, new ReportSupplements { Tracking = rows }), tracking: rows);
        var tracking = File.ReadAllLines(Path.Combine(folder, "tracking.csv"));
        Assert.Equal(OutputColumns.Header("tracking.csv"), tracking[0]);
        Assert.StartsWith("2003-05,month,3 DATs,treatment_starts,", tracking[1]);
        Assert.EndsWith(",true,0", tracking[1]);
        Assert.StartsWith("2003Q3,quarter,Lambeth,in_treatment,", tracking[2]);
        Assert.Contains(",false,", tracking[2]);
        Assert.Contains("column,tracking.csv,z,", File.ReadAllText(Path.Combine(folder, Codebook.FileName)));
        Assert.True(new FileInfo(Path.Combine(folder, "charts", "tracking-treatment_starts-month-3-dats.png")).Length > 10_000);
        Assert.True(new FileInfo(Path.Combine(folder, "charts", "tracking-in_treatment-quarter-lambeth.png")).Length > 10_000);
        string html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains("<h2 id=\"tracking\">Forecast against returns</h2>", html);
        Assert.Contains("1 of the 2 observed figures lie inside the forecast's 5-95% band", html);
        Assert.Contains("id=\"chart-tracking-in_treatment-quarter-lambeth\"", html);
    }

    [Fact]
    public void WithoutObservations_ThereIsNoTrackingFileSectionOrChart()
    {
        string folder = Path.Combine(_dir, "plain");
        ResultWriter.Write(Run.Value, folder, extra: temp => HtmlReport.Write(Run.Value, temp));
        Assert.False(File.Exists(Path.Combine(folder, "tracking.csv")));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "charts"), "tracking-*"));
        Assert.DoesNotContain("id=\"tracking\"", File.ReadAllText(Path.Combine(folder, "report.html")));
    }
}
