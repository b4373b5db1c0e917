using TreatmentFlowModel.Cli;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Tests.Harness;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>
/// Issue 18, class 8: real signals (kill -TERM, kill -INT) sent to real tfm processes in every phase of run (with
/// --shard too), merge, compare, calibrate, schema, validate and export. The command pauses at a named phase (Interruption.PauseVariable) and says so; the
/// test then signals it. Every time: exit code 130 within seconds, one line saying so, nothing half-written, no
/// temporary folder, no lock file; a folder that was complete before the signal stays complete.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SignalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-signal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Tiny(string name = "tiny", int replicates = 4)
    {
        string path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, $$"""{ "Name": "{{name}}", "Areas": ["Lambeth"], "Start": "2002-04-01", "End": "2004-03-31", "Replicates": {{replicates}}, "Seed": 5 }""");
        return path;
    }

    /// <summary>A scenario calibrate can fit: from 1998/99 with a one-year burn-in, on three DATs (as CalibrateCommandTests).</summary>
    private string TinyCalibration()
    {
        string path = Path.Combine(_dir, "tiny-calibration.json");
        File.WriteAllText(path, """{ "Name": "tiny", "Areas": ["Lambeth", "Bristol", "Darlington"], "Start": "1998-04-01", "BurnInYears": 1 }""");
        return path;
    }

    private string TinySpec()
    {
        string path = Path.Combine(_dir, "spec.json");
        File.WriteAllText(path, Calibration.CalibrationTests.TinySpec);
        return path;
    }

    /// <summary>Both shard files of <see cref="Tiny"/> in two, written by the library; the folder holding them.</summary>
    private string Shards()
    {
        string folder = Path.Combine(_dir, "parts");
        var plan = SimulationPlan.Prepare(ScenarioLoader.Load([Tiny()], [], useEnvironment: false));
        foreach (var shard in new[] { new Shard(0, 2), new Shard(1, 2) })
        {
            var (from, to) = shard.Range(plan.Replicates);
            ShardFile.Write(Path.Combine(folder, $"shard-{shard.Index}-of-2{ShardFile.Extension}"), plan, shard, plan.RunReplicates(from, to));
        }
        return folder;
    }

    /// <summary>The commands, each with the folder (or file) it writes.</summary>
    private (string[] Args, string Output) Command(string command)
    {
        string outDir = Path.Combine(_dir, "out");
        return command switch
        {
            "run" => (["run", Tiny(), "--out", outDir, "--quiet", "--threads", "1"], outDir),
            "run --checkpoint" => (["run", Tiny(replicates: 6), "--out", outDir, "--quiet", "--threads", "1", "--checkpoint", "2"], outDir),
            "run --shard" => (["run", Tiny(), "--shard", "1/2", "--out", outDir, "--quiet", "--threads", "1"], outDir),
            "merge" => (["merge", Shards(), "--out", outDir, "--quiet"], outDir),
            "compare" => (["compare", Tiny("a"), Tiny("b"), "--out", outDir, "--quiet", "--threads", "1"], outDir),
            "calibrate" => (["calibrate", TinyCalibration(), "--spec", TinySpec(), "--out", outDir + ".csv", "--population", "10", "--max-simulations", "20", "--draws", "20", "--threads", "1"], outDir + ".csv"),
            "schema" => (["schema", "--out", Path.Combine(_dir, "schema.json")], Path.Combine(_dir, "schema.json")),
            "validate" => (["validate", Tiny()], ""),
            "export" => (["export", RunFolder(), "--xlsx", "--out", Path.Combine(_dir, "results.xlsx"), "--force"], Path.Combine(_dir, "results.xlsx")),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
    }

    /// <summary>A finished run's folder, for export (made in-process: the signal goes to the export alone).</summary>
    private string RunFolder()
    {
        string folder = Path.Combine(_dir, "run");
        int code = TfmCommand.Invoke(["run", Tiny("r"), "--out", folder, "--quiet", "--threads", "1"], TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, code);
        return folder;
    }

    public static TheoryData<string, string, string> Phases() => new()
    {
        { "run", "loaded", "TERM" },
        { "run", "writing", "TERM" },
        { "run", "writing", "INT" },
        { "run", "written", "TERM" },
        { "run --checkpoint", "writing", "TERM" },
        { "run --shard", "loaded", "INT" },
        { "run --shard", "writing", "TERM" },
        { "merge", "loaded", "TERM" },
        { "merge", "writing", "INT" },
        { "merge", "written", "TERM" },
        { "compare", "loaded", "INT" },
        { "compare", "writing", "TERM" },
        { "calibrate", "loaded", "TERM" },
        { "calibrate", "fitted", "TERM" },
        { "calibrate", "writing", "INT" },
        { "schema", "writing", "TERM" },
        { "validate", "loaded", "TERM" },
        { "export", "writing", "TERM" },
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public void ASignalInAnyPhase_Exits130_WithOneLine_AndLeavesNothingHalfWritten(string command, string phase, string signal)
    {
        if (OperatingSystem.IsWindows()) return;
        var (args, output) = Command(command);
        bool singleFile = command is "schema" or "export";
        if (singleFile) File.WriteAllText(output, "old " + command);
        using var tfm = TfmProcess.Start(_dir, new Dictionary<string, string?> { [Interruption.PauseVariable] = phase }, args);
        Assert.True(tfm.WaitUntil(() => tfm.Stderr.Contains($"tfm: paused at {phase}"), 120), $"never reached {phase}: {tfm.Stderr}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        tfm.Signal(signal);
        int code = tfm.Exit(30);
        Assert.True(clock.Elapsed.TotalSeconds < 10, $"took {clock.Elapsed.TotalSeconds:0.0} s to stop");
        Assert.Equal(130, code);
        string last = tfm.Stderr.TrimEnd().Split('\n')[^1];
        Assert.StartsWith($"tfm: interrupted by {(signal == "INT" ? "Ctrl+C (SIGINT)" : "SIGTERM")}; ", last);
        Assert.DoesNotContain("Exception", tfm.Stderr);
        Assert.Equal("", tfm.Stdout);

        string name = Path.GetFileName(output);
        if (singleFile) Assert.Equal("old " + command, File.ReadAllText(output));
        else if (phase == "written") Assert.True(File.Exists(Path.Combine(output, "summary.json")), "the results were complete before the signal");
        else if (output.Length > 0) Assert.False(Directory.Exists(output) || File.Exists(output), "an output folder (or posterior file) was written");
        // No temporary folder or file, no old folder, no lock: only the inputs and what the command completed.
        var leftovers = Directory.GetFileSystemEntries(_dir, "." + name + "*").Concat(Directory.GetFileSystemEntries(_dir, "*.tmp-*")).ToList();
        Assert.True(leftovers.Count == 0, "left behind: " + string.Join(", ", leftovers));
        if (command == "run --checkpoint")
        {
            // Interrupted while writing, the checkpoint holds every replicate: --resume writes the results.
            Assert.Contains($"'tfm run --resume {output}' continues", last);
            var (resumed, _, err) = TfmProcess.Run(_dir, "run", "--resume", output, "--quiet");
            Assert.True(resumed == 0, err);
            Assert.True(File.Exists(Path.Combine(output, "summary.json")));
            Assert.False(Directory.Exists(output + ".partial"));
        }
        else Assert.False(Directory.Exists(output + ".partial"));
    }

    [Theory]
    [InlineData("compare", "TERM")]
    [InlineData("calibrate", "INT")]
    public void ASignalWhileSimulatingOrFitting_Exits130_AndWritesNothing(string command, string signal)
    {
        if (OperatingSystem.IsWindows()) return;
        string outDir = Path.Combine(_dir, "busy");
        string[] args = command == "compare"
            ? ["compare", Tiny("a", 100_000), Tiny("b", 100_000), "--out", outDir, "--quiet", "--threads", "1"]
            : ["calibrate", TinyCalibration(), "--spec", TinySpec(), "--out", outDir + ".csv", "--population", "10", "--max-simulations", "100000", "--budget-minutes", "0", "--threads", "1"];
        using var tfm = TfmProcess.Start(_dir, null, args);
        // compare locks its output folder first; calibrate writes one file at the end and says when it starts sampling.
        Assert.True(tfm.WaitUntil(() => command == "compare" ? File.Exists(OutputFolder.LockPath(outDir)) : tfm.Stderr.Contains("tfm: calibrating"), 60), "never started: " + tfm.Stderr);
        Thread.Sleep(1500); // in the middle of the work
        Assert.False(tfm.HasExited, tfm.Stderr);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        tfm.Signal(signal);
        Assert.Equal(130, tfm.Exit(30));
        Assert.True(clock.Elapsed.TotalSeconds < 10, $"took {clock.Elapsed.TotalSeconds:0.0} s to stop");
        Assert.StartsWith("tfm: interrupted by ", tfm.Stderr.TrimEnd().Split('\n')[^1]);
        Assert.False(Directory.Exists(outDir) || File.Exists(outDir + ".csv"));
        Assert.Empty(Directory.GetFileSystemEntries(_dir, ".busy*"));
    }
}
