using TreatmentFlowModel.Cli;
using static TreatmentFlowModel.Tests.Cli.TfmRun;

namespace TreatmentFlowModel.Tests.Cli;

/// <summary><c>tfm run --observed</c>: tracking.csv and the tracking charts, or exit code 2 and nothing written for a bad file.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ObservedOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-observed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);


    private string File(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private string SmallScenario() => File("small.json", """
        { "Name": "small", "Areas": ["Lambeth", "Bristol"], "Start": "2002-04-01", "End": "2004-03-31", "Replicates": 4, "BurnInYears": 1 }
        """);

    [Fact]
    public void AGoodFile_WritesTrackingCsv_TheTrackingCharts_AndSaysHowManyAreInside()
    {
        string observed = File("observed.csv", "# invented\nperiod,area,metric,value\n2003-06,2 DATs,tests,100\n2003Q2,2 DATs,in_treatment,900\n2003/04,Bristol,treatment_starts,400\n");
        string outDir = Path.Combine(_dir, "out");
        var (code, stdout, stderr) = Tfm("run", SmallScenario(), "--observed", observed, "--out", outDir, "--threads", "1");
        Assert.True(code == 0, stderr);
        Assert.Contains("tracking.csv", stdout);
        Assert.Matches("Tracking: [0-3] of 3 observed figures inside the forecast's 5-95% band", stdout);
        Assert.Equal(4, System.IO.File.ReadAllLines(Path.Combine(outDir, "tracking.csv")).Length);
        Assert.Equal(["tracking-in_treatment-quarter-2-dats.png", "tracking-tests-month-2-dats.png", "tracking-treatment_starts-financial_year-bristol.png"],
            Directory.GetFiles(Path.Combine(outDir, "charts"), "tracking-*").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("Forecast against returns", System.IO.File.ReadAllText(Path.Combine(outDir, "report.html")));
    }

    [Fact]
    public void ABadFile_ExitsWithTwo_NamesFileLineColumnAndValue_AndWritesNothing()
    {
        string observed = File("bad.csv", "period,area,metric,value\n2003-06,2 DATs,tets,100\n2003-14,2 DATs,tests,1\n");
        string outDir = Path.Combine(_dir, "never");
        var (code, _, stderr) = Tfm("run", SmallScenario(), "--observed", observed, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("The observation file has 2 problems:", stderr);
        Assert.Contains($"{observed}: line 2, column metric = 'tets': not a metric", stderr);
        Assert.Contains($"{observed}: line 3, column period = '2003-14': not a period", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void AMissingFile_ExitsWithTwo()
    {
        var (code, _, stderr) = Tfm("run", SmallScenario(), "--observed", Path.Combine(_dir, "missing.csv"), "--out", Path.Combine(_dir, "none"));
        Assert.Equal(2, code);
        Assert.Contains("missing.csv: file:", stderr);
    }

    [Fact]
    public void WithAShard_ItIsRefused()
    {
        var (code, _, stderr) = Tfm("run", SmallScenario(), "--observed", File("o.csv", "period,area,metric,value\n2003-06,2 DATs,tests,1\n"), "--shard", "0/2", "--out", Path.Combine(_dir, "s"));
        Assert.Equal(2, code);
        Assert.Contains("--observed", stderr);
    }
}
