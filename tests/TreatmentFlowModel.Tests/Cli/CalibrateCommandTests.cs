using TreatmentFlowModel.Calibration.Abc;
using TreatmentFlowModel.Cli;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Tests.Calibration;

using static TreatmentFlowModel.Tests.Cli.TfmRun;

namespace TreatmentFlowModel.Tests.Cli;

[Collection(EnvironmentCollection.Name)]
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-calibrate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);


    /// <summary>Three DATs with a one-year burn-in, and the tiny spec: a calibration in seconds.</summary>
    private (string Scenario, string Spec) Files()
    {
        string scenario = Path.Combine(_dir, "tiny.json"), spec = Path.Combine(_dir, "spec.json");
        File.WriteAllText(scenario, """{ "Name": "tiny", "Areas": ["Lambeth", "Bristol", "Darlington"], "Start": "1998-04-01", "BurnInYears": 1 }""");
        File.WriteAllText(spec, CalibrationTests.TinySpec);
        return (scenario, spec);
    }

    [Fact]
    public void Calibrate_WritesThePosteriorAndItsFitReport_WhichAScenarioCanForecastFrom()
    {
        var (scenario, spec) = Files();
        string posterior = Path.Combine(_dir, "cal", "posterior.csv");
        var (code, stdout, stderr) = Tfm("calibrate", scenario, "--spec", spec, "--out", posterior, "--population", "10", "--max-simulations", "30", "--draws", "20", "--threads", "2", "--kernel", "beaumont");
        Assert.True(code == 0, stderr);
        Assert.Contains("perturbation kernel TwiceWeightedCovariance", stdout);
        Assert.Contains("generation 0 done", stderr);
        Assert.Contains("| presenting 2000/01 | fitted |", stdout);
        var read = AbcPosteriorCsv.Load(posterior);
        Assert.Equal(["OtherReferralPerYear", "SpecialistPrescribing.ExitHazardMultiplier"], read.ParameterNames.ToArray());
        Assert.Equal(10, read.Particles.Length);
        var fit = File.ReadAllLines(Path.Combine(_dir, "cal", "posterior-fit.csv"));
        Assert.Equal(TreatmentFlowModel.Calibration.FitReport.CsvHeader, fit[0]);
        Assert.Equal(1 + 1 + 1 + 7 + 1, fit.Length); // header, value, ratio, block of 7, check
        Assert.True(File.Exists(Path.Combine(_dir, "cal", "posterior-fit.md")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "cal"), "*.tmp"));

        // The posterior drives a forecast: a scenario naming it loads it with its fit report.
        File.WriteAllText(Path.Combine(_dir, "cal", "forecast.json"), """{ "Areas": ["Lambeth"], "Posterior": "posterior.csv" }""");
        var loaded = ScenarioLoader.Load([Path.Combine(_dir, "cal", "forecast.json")], [], useEnvironment: false);
        Assert.Equal(10, loaded.Posterior!.Particles.Length);
        Assert.NotNull(loaded.Posterior.FitReportCsv);

        // Existing files are kept unless --force.
        var again = Tfm("calibrate", scenario, "--spec", spec, "--out", posterior, "--population", "10", "--max-simulations", "30", "--draws", "20");
        Assert.Equal(2, again.Code);
        Assert.Contains("--force", again.Err);
    }

    [Theory]
    [InlineData("--population", "3", "--population = '3'")]
    [InlineData("--max-simulations", "5", "--max-simulations = '5'")]
    [InlineData("--fit-until", "2000-01", "--fit-until = '2000-01'")]
    [InlineData("--draws", "5", "--draws = '5'")]
    [InlineData("--kernel", "gaussian", "--kernel = 'gaussian': must be olcm or beaumont")]
    [InlineData("--min-ess", "1", "--min-ess = '1': must be a fraction")]
    [InlineData("--recovery", "-1", "--recovery = '-1'")]
    [InlineData("--out", "posterior.txt", "must be a .csv file")]
    public void Calibrate_WithABadOption_ExitsWith2AndSaysWhatIsAllowed(string option, string value, string message)
    {
        var (scenario, spec) = Files();
        string[] args = ["calibrate", scenario, "--spec", spec, "--out", Path.Combine(_dir, option == "--out" ? value : "p.csv"), .. option == "--out" ? Array.Empty<string>() : [option, value]];
        var (code, stdout, stderr) = Tfm(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "p.csv")));
    }

    [Fact]
    public void Calibrate_WithABadSpec_ExitsWith2NamingTheFileAndKey()
    {
        var (scenario, _) = Files();
        string spec = Path.Combine(_dir, "bad.json");
        File.WriteAllText(spec, """{ "Parameters": { "Nope": { "Prior": "Uniform", "Lower": 0, "Upper": 1, "Source": "s" } }, "Observations": [] }""");
        var (code, _, stderr) = Tfm("calibrate", scenario, "--spec", spec, "--out", Path.Combine(_dir, "p.csv"));
        Assert.Equal(2, code);
        Assert.Contains($"{spec}: Parameters.Nope: not a scalar parameter", stderr);
        Assert.Contains($"{spec}: Observations: an array of at least one observation", stderr);
    }
}
