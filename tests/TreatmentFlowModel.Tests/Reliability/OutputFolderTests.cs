using TreatmentFlowModel.Cli;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Tests.Harness;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>
/// Issue 18, classes 5, 6 and 9: output problems are found before the work, not after it; names used as folder
/// names are made safe; one folder has one writer at a time; a single file is replaced by writing beside it.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class OutputFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-outdir-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Scenario(string name = "small", int replicates = 4, string? json = null)
    {
        string path = Path.Combine(_dir, $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json ?? $$"""{ "Name": {{System.Text.Json.JsonSerializer.Serialize(name)}}, "Areas": ["Lambeth"], "Start": "2002-04-01", "End": "2004-03-31", "Replicates": {{replicates}} }""");
        return path;
    }

    /// <summary>A refusal must come before any simulating: a command that simulated first would still be running when the guard fails the test.</summary>
    private static (int Code, string Stdout, string Stderr) Tfm(params string[] args) => TfmInProcess.Run(30, args);

    /// <summary>Why <see cref="OutputFolder.Check"/> refuses <paramref name="folder"/>: the problem and the message, or null when it accepts it.</summary>
    private static (OutputFolderProblem Problem, string Message)? Refusal(string folder, bool force)
    {
        try
        {
            OutputFolder.Check(folder, force);
            return null;
        }
        catch (OutputFolderException e)
        {
            return (e.Problem, e.Message);
        }
    }

    [Fact]
    public void Check_NamesEachUnusableFolder_InTheLibrarysOwnWords()
    {
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "x");
        string existing = Directory.CreateDirectory(Path.Combine(_dir, "existing")).FullName;
        Assert.Equal((OutputFolderProblem.IsAFile, "is a file, not a folder"), Refusal(file, force: true));
        Assert.Equal((OutputFolderProblem.UnderAFile, $"'{file}' is a file, so no folder can be made inside it"), Refusal(Path.Combine(file, "below", "out"), force: false));
        Assert.Equal((OutputFolderProblem.NameTooLong, "the folder name is 300 bytes long; at most 200 are allowed (file systems allow 255, and tfm names its checkpoint and temporary folders after it)"),
            Refusal(Path.Combine(_dir, new string('x', 300)), force: false));
        Assert.Equal(OutputFolderProblem.Exists, Refusal(existing, force: false)?.Problem);
        Assert.IsType<OutputFolderExistsException>(Assert.ThrowsAny<OutputFolderException>(() => OutputFolder.Check(existing, force: false)));
        Assert.Null(Refusal(existing, force: true));
        Assert.Null(Refusal(Path.Combine(_dir, "new", "deeper"), force: false));
        Assert.Equal((OutputFolderProblem.NotAFolderPath, "is empty; give a folder name"), Refusal(" ", force: false));
        // The library speaks no command line; the command line adds the options that get round each problem.
        foreach (var folder in new[] { file, Path.Combine(file, "below"), existing, " " })
            Assert.DoesNotContain("--", Refusal(folder, force: false)!.Value.Message);
        Assert.Equal($"--out = '{file}': is a file, not a folder; choose a folder with --out", TreatmentFlowModel.Cli.OptionChecks.OutputFolder(file, force: false));
        Assert.Equal($"--out = '{existing}': the folder exists; choose another with --out or replace it with --force", TreatmentFlowModel.Cli.OptionChecks.OutputFolder(existing, force: false));
    }

    [Theory]
    [InlineData("small", "small")]
    [InlineData("top 30 from 2003", "top_30_from_2003")]
    [InlineData("bell\a tab\t newline\n nul\0 del\u007f", "bell__tab__newline__nul__del")]
    [InlineData("right-to-left \u202Eevil", "right-to-left__evil")]
    [InlineData("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j")]
    [InlineData("..", "run")]
    [InlineData("", "run")]
    [InlineData("CON", "CON_")]
    [InlineData("lpt1.txt", "lpt1.txt_")]
    [InlineData("Brent é ü 東京", "Brent_é_ü_東京")]
    public void SafeName_MakesAFolderNameEveryFileSystemAccepts(string name, string folder) => Assert.Equal(folder, OutputFolder.SafeName(name));

    [Fact]
    public void SafeName_ShortensLongNames_AndKeepsTwoLongNamesApart()
    {
        string a = OutputFolder.SafeName(new string('a', 300) + "1"), b = OutputFolder.SafeName(new string('a', 300) + "2");
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(a) <= OutputFolder.SafeNameBytes, a);
        Assert.NotEqual(a, b);
        string wide = OutputFolder.SafeName(string.Concat(Enumerable.Repeat("東", 200)));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(wide) <= OutputFolder.SafeNameBytes, wide);
        Assert.StartsWith("東東", wide);
    }

    [Fact]
    public void Run_ToAnOutThatIsAFile_IsRefusedBeforeSimulating_AndTheFileIsUntouched()
    {
        string file = Path.Combine(_dir, "results");
        File.WriteAllText(file, "keep me");
        // A million replicates: had it simulated first, it would still be running when the 30 s guard fails the test.
        var (code, stdout, stderr) = Tfm("run", Scenario(), "--out", file, "--replicates", "1000000", "--quiet");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"tfm: --out = '{file}': is a file, not a folder; choose a folder with --out\n", stderr.ReplaceLineEndings("\n"));
        Assert.Equal("keep me", File.ReadAllText(file));
        Assert.Equal(["results", .. Directory.GetFiles(_dir, "scenario-*").Select(Path.GetFileName)], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("compare")]
    [InlineData("calibrate")]
    public void EveryCommand_UnderAParentThatIsAFile_IsRefusedBeforeWorking_WithExitCode2(string command)
    {
        string file = Path.Combine(_dir, "parent-file");
        File.WriteAllText(file, "x");
        string outDir = Path.Combine(file, "results");
        string[] args = command switch
        {
            "run" => ["run", Scenario(replicates: 1_000_000), "--out", outDir, "--quiet"],
            "compare" => ["compare", Scenario(replicates: 1_000_000), Scenario(replicates: 1_000_000), "--out", outDir, "--quiet"],
            _ => ["calibrate", Scenario(), "--out", outDir = Path.Combine(file, "posterior.csv")],
        };
        var (code, _, stderr) = Tfm(args);
        Assert.Equal(2, code);
        Assert.Equal($"tfm: --out = '{outDir}': '{file}' is a file, so no folder can be made inside it", stderr.Trim());
    }

    [Fact]
    public void Run_WithANameTooLongForAFolder_WritesToAShortSafeDefaultFolder()
    {
        if (OperatingSystem.IsWindows()) return;
        string name = "Scenario\twith\ncontrols " + new string('x', 300);
        var (code, _, stderr) = TfmProcess.Run(_dir, "run", Scenario(name, replicates: 2), "--quiet", "--threads", "1");
        Assert.True(code == 0, stderr);
        string folder = Assert.Single(Directory.GetDirectories(Path.Combine(_dir, "out")));
        Assert.Equal(OutputFolder.SafeName(name), Path.GetFileName(folder));
        Assert.StartsWith("Scenario_with_controls_xxx", Path.GetFileName(folder));
        Assert.True(File.Exists(Path.Combine(folder, "summary.json")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "out"), ".*"));
    }

    [Fact]
    public void Run_ToAnOutWhoseNameIsTooLong_IsRefusedBeforeSimulating()
    {
        string outDir = Path.Combine(_dir, new string('r', 250));
        var (code, _, stderr) = Tfm("run", Scenario(replicates: 1_000_000), "--out", outDir, "--quiet");
        Assert.Equal(2, code);
        Assert.EndsWith("the folder name is 250 bytes long; at most 200 are allowed (file systems allow 255, and tfm names its checkpoint and temporary folders after it)", stderr.Trim());
    }

    [Fact]
    public void Reserve_HoldsTheFolder_UntilReleased_ThenRemovesItsLockFile()
    {
        string outDir = Path.Combine(_dir, "held");
        using (var first = OutputFolder.Reserve(outDir, force: false))
        {
            Assert.True(File.Exists(first.LockFile));
            var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Reserve(outDir, force: false));
            Assert.True(e.Busy);
            Assert.Equal(OutputFolderProblem.InUse, e.Problem);
            Assert.Equal("another tfm process is writing this folder (or its checkpoint)", e.Message);
        }
        Assert.Empty(Directory.GetFileSystemEntries(_dir, ".held*"));
        using var again = OutputFolder.Reserve(outDir, force: false);
    }

    [Fact]
    public void Reserve_TakesOverALockFileLeftByAKilledProcess()
    {
        string outDir = Path.Combine(_dir, "stale");
        File.WriteAllText(OutputFolder.LockPath(outDir), "tfm process 1 is writing stale\n");
        using (var held = OutputFolder.Reserve(outDir, force: false))
        {
            Assert.Equal(OutputFolder.LockPath(outDir), held.LockFile);
            Assert.True(Assert.Throws<OutputFolderException>(() => OutputFolder.Reserve(outDir, force: false)).Busy);
        }
        Assert.False(File.Exists(OutputFolder.LockPath(outDir)));
    }

    [Fact]
    public void Reserve_RemovesTheTemporaryFoldersAKilledWriterLeft_AndNothingElse()
    {
        string outDir = Path.Combine(_dir, "results");
        string killed = Directory.CreateDirectory(Path.Combine(_dir, $".results.tmp-{Guid.NewGuid():N}")).FullName;
        string other = Directory.CreateDirectory(Path.Combine(_dir, ".results.tmp-not-ours")).FullName;
        string sibling = Directory.CreateDirectory(Path.Combine(_dir, $".results2.tmp-{Guid.NewGuid():N}")).FullName;
        using (OutputFolder.Reserve(outDir, force: false))
        {
            Assert.False(Directory.Exists(killed));
            Assert.True(Directory.Exists(other));
            Assert.True(Directory.Exists(sibling));
        }
    }

    [Fact]
    public void Reserve_RemovesTheParentFoldersItMade_WhenNothingWasWritten()
    {
        string outDir = Path.Combine(_dir, "made", "for", "nothing");
        OutputFolder.Reserve(outDir, force: false).Dispose();
        Assert.False(Directory.Exists(Path.Combine(_dir, "made")));
    }

    [Fact]
    public void TwoConcurrentRunsToOneFolder_TheSecondIsRefusedClearly_AndTheFirstWritesItsResults()
    {
        if (OperatingSystem.IsWindows()) return;
        string outDir = Path.Combine(_dir, "shared");
        string slow = Scenario("slow", replicates: 400);
        using var first = TfmProcess.Start(_dir, null, "run", slow, "--out", outDir, "--quiet", "--threads", "1");
        Assert.True(first.WaitUntil(() => File.Exists(OutputFolder.LockPath(outDir))), "the first run never took the folder: " + first.Stderr);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, stdout, stderr) = TfmProcess.Run(_dir, "run", Scenario("fast", replicates: 2), "--out", outDir, "--quiet");
        double refusedAfter = clock.Elapsed.TotalSeconds;
        Assert.False(first.HasExited, "the first run ended before the second was refused: make it slower");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal($"tfm: --out = '{outDir}': another tfm process is writing this folder (or its checkpoint); wait for it to finish, or choose another folder with --out", stderr.Trim());
        Assert.Equal(0, first.Exit(120));
        Assert.Contains("\"scenario\": \"slow\"", File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Empty(Directory.GetFileSystemEntries(_dir, ".shared*"));
        Assert.True(refusedAfter < 30, $"refused after {refusedAfter:0.0} s");
    }

    [Fact]
    public void AtomicFile_WhenTheWriteFails_KeepsTheOldFile_AndLeavesNoTemporary()
    {
        string file = Path.Combine(_dir, "schema.json");
        File.WriteAllText(file, "old");
        // The failing writer stands in for a full disk: it writes part of the file, then fails as ENOSPC would.
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(file, s => { s.Write(new byte[1000]); throw new IOException("No space left on device"); }));
        Assert.Equal("No space left on device", e.Message);
        Assert.Equal("old", File.ReadAllText(file));
        Assert.Equal(["schema.json"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
        AtomicFile.WriteText(file, "new");
        Assert.Equal("new", File.ReadAllText(file));
        Assert.Equal(["schema.json"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Schema_OnAFullDisk_KeepsTheOldFile_ExitCode1_OneLine()
    {
        if (!TinyDisk.Available) return; // no user namespaces here: AtomicFile_WhenTheWriteFails_KeepsTheOldFile covers the logic
        string disk = Directory.CreateDirectory(Path.Combine(_dir, "disk")).FullName;
        // 32 KB, of which the old schema file and a filler take all but a few kilobytes: the new schema (~40 KB) cannot fit.
        using var p = TinyDisk.Start(disk, 32, "printf old > schema.json && head -c 28000 /dev/zero > filler", "ls -A; cat schema.json", "schema", "--out", "schema.json");
        int code = p.Exit();
        var (stdout, inspect) = (p.Stdout.Split("--inspect--\n")[0], p.Stdout.Split("--inspect--\n")[1]);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Matches(@"^tfm: --out = 'schema\.json': cannot write: No space left on device.*; the existing file is unchanged\n$", p.Stderr);
        Assert.Equal("filler\nschema.json\nold", inspect.Trim());
    }

    [Fact]
    public void Run_OnAFullDisk_ExitCode1_OneLine_NothingHalfWritten()
    {
        if (!TinyDisk.Available) return;
        string disk = Directory.CreateDirectory(Path.Combine(_dir, "disk")).FullName;
        File.Copy(Scenario("full", replicates: 2), Path.Combine(_dir, "full.json"));
        using var p = TinyDisk.Start(disk, 48, "true", "ls -A", "run", Path.Combine(_dir, "full.json"), "--out", "results", "--quiet", "--threads", "1");
        int code = p.Exit();
        Assert.Equal(1, code);
        Assert.Matches(@"^tfm: cannot write the results to 'results': No space left on device[^\n]*\n$", p.Stderr);
        Assert.Equal("", p.Stdout.Split("--inspect--\n")[1].Trim()); // no results, no temporary folder, no lock file
    }
}
