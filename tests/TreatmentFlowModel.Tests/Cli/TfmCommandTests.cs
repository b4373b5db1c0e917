using TreatmentFlowModel.Cli;
using static TreatmentFlowModel.Tests.Cli.TfmRun;

namespace TreatmentFlowModel.Tests.Cli;

[Collection(EnvironmentCollection.Name)]
public sealed class TfmCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);


    private string SmallScenario()
    {
        string path = Path.Combine(_dir, "small.json");
        File.WriteAllText(path, """
            { "Name": "small", "Areas": ["Lambeth", "Bristol"], "Start": "1998-04-01", "End": "2005-03-31", "Replicates": 6,
              "Output": { "WeeklyAreas": ["Lambeth"] } }
            """);
        return path;
    }

    [Theory]
    [InlineData("--port", "70000", "--port = '70000': must be a port number from 1 to 65535 (or 0 for any free port)")]
    [InlineData("--threads", "0", "--threads = '0': must be at least 1")]
    [InlineData("--scenarios", "no-such-folder", "--scenarios = 'no-such-folder': folder not found")]
    public void Serve_RefusesOptionsItCannotUse_WithExitCode2(string option, string value, string message)
    {
        var (code, _, stderr) = Tfm("serve", option, value);
        Assert.Equal(2, code);
        Assert.Equal($"tfm: {message}\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Run_WritesTheOutputContract()
    {
        string outDir = Path.Combine(_dir, "out");
        var (code, stdout, stderr) = Tfm("run", SmallScenario(), "--out", outDir, "--quiet", "--threads", "2");
        Assert.True(code == 0, stderr);
        Assert.Equal("", stdout);
        Assert.Equal(["annual.csv", "codebook.csv", "gaps.csv", "monthly.csv", "quarterly.csv", "report.html", "scenario.resolved.json", "summary.json", "targets.csv", "weekly.csv"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["cjs_starts.png", "demand_capacity.png", "participation.png", "waiting.png"],
            Directory.GetFiles(Path.Combine(outDir, "charts")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string report = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(report, "src=\"data:image/png;base64,"));
        Assert.DoesNotContain("http", report);
        // How far to trust it: the calibration's figures beside the model (the default's posterior and its fit report), the assumptions marked.
        Assert.Contains("<h2 id=\"trust\">How far to trust it</h2>", report);
        Assert.Contains("T1 presenting 2000/01", report);
        Assert.Contains("MainstreamGrowthPerYear (assumption)", report);
        Assert.Contains("<h3>Out-of-sample check</h3>", report);
        Assert.DoesNotContain("No out-of-sample check was found", report);
        var gaps = File.ReadAllLines(Path.Combine(outDir, "gaps.csv"));
        Assert.Equal("period,year,area,modality,demand,places,waiting,p95_wait_weeks,target_weeks,p_target_met,extra_places_p50,extra_places_p90", gaps[0]);
        var weekly = File.ReadAllLines(Path.Combine(outDir, "weekly.csv"));
        Assert.Equal("date,area,modality,metric,mean,sd,p05,p25,p50,p75,p95", weekly[0]);
        Assert.StartsWith("1998-04-01,2 DATs,all,untreated,", weekly[1]);
        Assert.Contains(weekly, l => l.StartsWith("1998-04-01,Lambeth,specialist_prescribing,waiting,", StringComparison.Ordinal));
        var annual = File.ReadAllLines(Path.Combine(outDir, "annual.csv"));
        Assert.Equal("period,year,area,modality,metric,mean,sd,p05,p25,p50,p75,p95", annual[0]);
        Assert.Contains(annual, l => l.StartsWith("FY2004-05,2004,2 DATs,all,participation,", StringComparison.Ordinal));
        var targets = File.ReadAllLines(Path.Combine(outDir, "targets.csv"));
        Assert.Equal("target,area,period,year,baseline,threshold,mean,p05,p50,p95,p_met", targets[0]);
        Assert.Contains(targets, l => l.StartsWith("participation_55pct,2 DATs,FY2004-05,2004,", StringComparison.Ordinal));
        foreach (string metric in new[] { "untreated", "waiting", "in_treatment", "prison", "arrests", "tests", "positive_tests", "referrals_cjs", "referrals_other",
                     "treatment_starts", "treatment_starts_cjs", "completions", "dropouts", "deaths", "retained_12wk", "mean_wait_weeks", "p95_wait_weeks",
                     "participation", "capacity", "crimes", "cost_gbp" })
            Assert.Contains(annual, l => l.StartsWith($"FY2003-04,2003,2 DATs,all,{metric},", StringComparison.Ordinal));
    }

    [Fact]
    public void ResolvedScenario_RunsAgain_ToTheSameResults()
    {
        string first = Path.Combine(_dir, "first"), second = Path.Combine(_dir, "second");
        Assert.Equal(0, Tfm("run", SmallScenario(), "--out", first, "--quiet").Code);
        var (code, _, err) = Tfm("run", Path.Combine(first, "scenario.resolved.json"), "--out", second, "--quiet");
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "annual.csv")), File.ReadAllBytes(Path.Combine(second, "annual.csv")));
    }

    [Fact]
    public void BadScenario_ExitsWithTwo_AndWritesNothing()
    {
        string path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, """{ "Replicates": -3, "Parameters": { "Typo": 1 } }""");
        string outDir = Path.Combine(_dir, "never");
        var (code, _, stderr) = Tfm("run", path, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("The scenario has 2 problems:", stderr);
        Assert.Contains("Replicates = '-3': must be from 1 to 10,000,000", stderr);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetDirectories(_dir));
    }

    [Fact]
    public void ExistingOutputFolder_IsRefusedWithoutForce_AndReplacedWithIt()
    {
        string outDir = Path.Combine(_dir, "out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "keep.txt"), "user's results");
        var refused = Tfm("run", SmallScenario(), "--out", outDir, "--quiet");
        Assert.Equal(2, refused.Code);
        Assert.Contains("the folder exists", refused.Err);
        Assert.True(File.Exists(Path.Combine(outDir, "keep.txt")));
        Assert.Equal(0, Tfm("run", SmallScenario(), "--out", outDir, "--quiet", "--force").Code);
        Assert.False(File.Exists(Path.Combine(outDir, "keep.txt")));
        Assert.True(File.Exists(Path.Combine(outDir, "weekly.csv")));
    }

    [Fact]
    public void OptionOverrides_AreValidated_AndNamed()
    {
        var (code, _, stderr) = Tfm("run", SmallScenario(), "--replicates", "0", "--out", Path.Combine(_dir, "x"));
        Assert.Equal(2, code);
        Assert.Contains("--replicates: Replicates = '0': must be from 1 to 10,000,000", stderr);
    }

    [Fact]
    public void Validate_ReportsOk_OrEveryProblem()
    {
        var ok = Tfm("validate", SmallScenario());
        Assert.Equal(0, ok.Code);
        Assert.StartsWith("OK:", ok.Out);
        var bad = Tfm("validate", SmallScenario(), "--set", "Parameters.CustodyPerArrest=2");
        Assert.Equal(2, bad.Code);
        Assert.Contains("Parameters.CustodyPerArrest = '2': must be a number from 0 to 1 (share)", bad.Err);
    }

    [Fact]
    public void UnknownOption_ExitsWithTwo()
    {
        var (code, _, stderr) = Tfm("run", "--replicatez", "5");
        Assert.Equal(2, code);
        Assert.Contains("--replicatez", stderr);
    }

    [Fact]
    public void Run_PrintsTheTableAndOneHeadline_AndTakesAJsonListInSet()
    {
        string outDir = Path.Combine(_dir, "one");
        var (code, stdout, stderr) = Tfm("run", SmallScenario(), "--deterministic", "--out", outDir, "--set", """Areas=["Lambeth"]""");
        Assert.True(code == 0, stderr);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(stdout, @"\+55% in 2004/05"));
        // A run of one DAT is headed by its name, never England.
        Assert.Single(stdout.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith("Lambeth ", StringComparison.Ordinal));
        Assert.DoesNotContain("England", stdout);
        Assert.Contains($"to {outDir} in ", stdout);
        Assert.Equal(["Lambeth"], TreatmentFlowModel.Scenarios.ScenarioLoader.Load([Path.Combine(outDir, "scenario.resolved.json")], [], useEnvironment: false).Areas.ToArray());
    }

    [Fact]
    public void Deterministic_WritesOneReplicate()
    {
        string outDir = Path.Combine(_dir, "det");
        Assert.Equal(0, Tfm("run", SmallScenario(), "--deterministic", "--out", outDir, "--quiet").Code);
        Assert.Contains("\"mode\": \"deterministic\"", File.ReadAllText(Path.Combine(outDir, "summary.json")));
    }

    [Fact]
    public void OutputFolderUnderAFile_IsRefusedBeforeTheRun_WithExitCode2_NotAStackTrace()
    {
        string blocker = Path.Combine(_dir, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var (code, _, stderr) = Tfm("run", SmallScenario(), "--out", Path.Combine(blocker, "out"), "--quiet", "--replicates", "2");
        Assert.Equal(2, code);
        Assert.Equal($"tfm: --out = '{Path.Combine(blocker, "out")}': '{blocker}' is a file, so no folder can be made inside it", stderr.Trim());
        Assert.DoesNotContain("   at ", stderr);
    }
}
