using TreatmentFlowModel.Cli;
using TreatmentFlowModel.Tests.Harness;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>
/// Issue 18, class 10: a message names the actual cause, once. 'compare -n 0' printed the same line for each
/// scenario; 'run' blamed --resume for a scenario it could not read although --resume was not given.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class MessageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-message-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Stdout, string Stderr) Tfm(params string[] args) => TfmInProcess.Run(30, args);

    private string Scenario(string name)
    {
        string path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, $$"""{ "Name": "{{name}}", "Areas": ["Lambeth"] }""");
        return path;
    }

    [Fact]
    public void Compare_WithAnOptionEveryScenarioRefuses_SaysSoOnce()
    {
        var (code, _, stderr) = Tfm("compare", Scenario("a"), Scenario("b"), Scenario("c"), "-n", "0", "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, code);
        Assert.Equal(["The scenario has 1 problem:", "  --replicates: Replicates = '0': must be from 1 to 10,000,000"], stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Run_OfAScenarioThatCannotBeRead_NamesTheFile_NotResume()
    {
        if (!OperatingSystem.IsLinux()) return;
        var (code, _, stderr) = Tfm("run", SpecialFiles.ProcessMemory, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, code);
        Assert.DoesNotContain("--resume", stderr);
        Assert.Equal(["The scenario has 1 problem:", "  command line: scenario file = '/proc/self/mem': cannot read the file: Input/output error"], stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Calibrate_OfACalibrationFileThatCannotBeRead_BlamesTheCalibrationFile_NotTheScenario()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_dir, "calibration.json")).FullName;
        var (code, _, stderr) = Tfm("calibrate", "--spec", folder, "--out", Path.Combine(_dir, "posterior.csv"));
        Assert.Equal(2, code);
        Assert.Equal(["The calibration file has 1 problem:", $"  command line: calibration file = '{folder}': is a folder, not a file"], stderr.TrimEnd().Split('\n'));
        Assert.Empty(Directory.GetFiles(_dir, "posterior*"));
    }

    [Fact]
    public void OptionProblems_AreOneLineEach_NeverAStackTrace()
    {
        // --threads 0 is caught by the option checks, a negative --seed by the parser: one line each, exit code 2.
        var (code, _, stderr) = Tfm("run", Scenario("a"), "--threads", "0", "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, code);
        Assert.Equal("tfm: --threads = '0': must be a whole number >= 1", stderr.Trim());
        (code, _, stderr) = Tfm("compare", Scenario("a"), Scenario("b"), "--seed", "-1");
        Assert.Equal(2, code);
        Assert.DoesNotContain(" at ", stderr);
    }
}
