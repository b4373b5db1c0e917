using TreatmentFlowModel.Cli;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Tests.Harness;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>
/// Issue 18, class 7: checkpoints carry a SHA-256 of their contents and a damaged one is refused (one flipped bit
/// used to resume to a different, wrong answer with exit code 0); a checkpoint that cannot be saved (a full disk)
/// stops the run with one line, no temporary file and no checkpoint folder that would block the next run; options a
/// resume cannot honour are refused by name; two resumes of one run cannot both run.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Stdout, string Stderr) Tfm(params string[] args) => TfmInProcess.Run(60, args);

    private string Tiny(int replicates = 6)
    {
        string path = Path.Combine(_dir, "tiny.json");
        File.WriteAllText(path, $$"""{ "Name": "tiny", "Areas": ["Lambeth"], "Start": "2002-04-01", "End": "2004-03-31", "Replicates": {{replicates}}, "Seed": 5 }""");
        return path;
    }

    /// <summary>A checkpoint holding every replicate of the tiny scenario, saved by the library.</summary>
    private string SavedCheckpoint(out TreatmentFlowModel.Scenarios.Scenario scenario)
    {
        scenario = TreatmentFlowModel.Scenarios.ScenarioLoader.Load([Tiny()], [], useEnvironment: false);
        string file = Path.Combine(_dir, "checkpoint.bin");
        Simulation.Run(scenario, new RunOptions { Threads = 1, CheckpointFile = file, CheckpointEvery = 2 });
        return file;
    }

    [Fact]
    public void ACheckpoint_ResumesToTheSameAnswer_WhenUntouched()
    {
        string file = SavedCheckpoint(out var scenario);
        var first = Simulation.Run(scenario, new RunOptions { Threads = 1 });
        var resumed = Simulation.Run(scenario, new RunOptions { Threads = 1, CheckpointFile = file });
        Assert.Equal(first.Annual(AreaId.England, TreatmentFlowModel.Model.Metric.TreatmentStarts), resumed.Annual(AreaId.England, TreatmentFlowModel.Model.Metric.TreatmentStarts));
        Assert.Equal([Path.GetFileName(file)], Directory.GetFiles(_dir, "checkpoint*").Select(Path.GetFileName)); // no temporary file left
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)] // the last byte: the checksum itself
    public void OneFlippedBit_AnywhereInTheBodyOrItsChecksum_IsRefusedAsDamaged(double where)
    {
        string file = SavedCheckpoint(out var scenario);
        var bytes = File.ReadAllBytes(file);
        bytes[Math.Min(bytes.Length - 1, (int)(bytes.Length * where))] ^= 0x10;
        File.WriteAllBytes(file, bytes);
        var e = Assert.Throws<CheckpointException>(() => Simulation.Run(scenario, new RunOptions { Threads = 1, CheckpointFile = file }));
        Assert.Equal($"the checkpoint '{file}' is damaged: its contents do not match the checksum saved with them", e.Message);
        Assert.Equal(file, e.Path);
    }

    [Fact]
    public void ATruncatedCheckpoint_IsRefused()
    {
        string file = SavedCheckpoint(out var scenario);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<CheckpointException>(() => Simulation.Run(scenario, new RunOptions { Threads = 1, CheckpointFile = file }));
        Assert.Equal($"the checkpoint '{file}' is truncated", e.Message);
    }

    [Fact]
    public void ACheckpointOfTheFormatBeforeChecksums_IsRefusedNamingItsFormat()
    {
        string file = SavedCheckpoint(out var scenario);
        // Format 2 had the same header and no checksum: rewrite the format number the way format 2 wrote it.
        var bytes = File.ReadAllBytes(file);
        int version = 1 + "TFM-ENSEMBLE".Length;
        Assert.Equal(3, BitConverter.ToInt32(bytes, version));
        BitConverter.GetBytes(2).CopyTo(bytes, version);
        File.WriteAllBytes(file, bytes);
        var e = Assert.Throws<CheckpointException>(() => Simulation.Run(scenario, new RunOptions { Threads = 1, CheckpointFile = file }));
        Assert.Equal($"the checkpoint '{file}' cannot be used: it was saved by an older version of TreatmentFlowModel (format 2, without a checksum); this version reads format 3", e.Message);
    }

    [Fact]
    public void AnAccumulator_CrossesAStreamThatCannotSeek_AndIsCheckedThereToo()
    {
        // Shards and cluster nodes send accumulators through compressed streams, which cannot seek back.
        var scenario = TreatmentFlowModel.Scenarios.ScenarioLoader.Load([Tiny()], [], useEnvironment: false);
        var plan = SimulationPlan.Prepare(scenario);
        var part = plan.RunReplicates(0, 3);
        var packed = new MemoryStream();
        using (var brotli = new System.IO.Compression.BrotliStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) part.WriteTo(brotli);
        EnsembleAccumulator Unpack(byte[] bytes)
        {
            using var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            return plan.ReadAccumulator(brotli);
        }
        var back = Unpack(packed.ToArray());
        back.Merge(plan.RunReplicates(3, 6));
        Assert.Equal(Simulation.Run(scenario, new RunOptions { Threads = 1 }).Annual(AreaId.England, TreatmentFlowModel.Model.Metric.TreatmentStarts),
            plan.ToResult(back).Annual(AreaId.England, TreatmentFlowModel.Model.Metric.TreatmentStarts));
        // The same bytes with one bit flipped inside, recompressed: refused.
        var raw = new MemoryStream();
        part.WriteTo(raw);
        var damaged = raw.ToArray();
        damaged[damaged.Length / 2] ^= 0x01;
        var repacked = new MemoryStream();
        using (var brotli = new System.IO.Compression.BrotliStream(repacked, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) brotli.Write(damaged);
        Assert.Equal("its contents do not match the checksum saved with them", Assert.Throws<InvalidDataException>(() => Unpack(repacked.ToArray())).Message);
    }

    [Fact]
    public void ResumingADamagedCheckpoint_ExitCode2_NamesTheFile_WritesNothing()
    {
        if (OperatingSystem.IsWindows()) return;
        string outDir = Path.Combine(_dir, "out");
        // Stopped while writing: the checkpoint holds every replicate.
        using (var tfm = TfmProcess.Start(_dir, new Dictionary<string, string?> { [Interruption.PauseVariable] = "writing" },
                   "run", Tiny(), "--out", outDir, "--quiet", "--threads", "1", "--checkpoint", "2"))
        {
            Assert.True(tfm.WaitUntil(() => tfm.Stderr.Contains("paused at writing"), 120), tfm.Stderr);
            tfm.Signal("TERM");
            Assert.Equal(130, tfm.Exit());
        }
        string checkpoint = Path.Combine(outDir + ".partial", "checkpoint.bin");
        var bytes = File.ReadAllBytes(checkpoint);
        bytes[bytes.Length / 3] ^= 0x01;
        File.WriteAllBytes(checkpoint, bytes);
        var (code, stdout, stderr) = Tfm("run", "--resume", outDir, "--quiet");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"tfm: the checkpoint '{checkpoint}' is damaged: its contents do not match the checksum saved with them", stderr.Trim());
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("--trajectories", "3")]
    [InlineData("--seed", "9")]
    public void Resume_WithAnOptionItCannotHonour_IsRefusedNamingIt(string option, string value)
    {
        string outDir = Path.Combine(_dir, "out");
        Directory.CreateDirectory(outDir + ".partial");
        File.WriteAllText(Path.Combine(outDir + ".partial", "checkpoint.bin"), "x");
        File.WriteAllText(Path.Combine(outDir + ".partial", "run.json"), """{ "Trajectories": 0, "CheckpointEvery": 2 }""");
        var (code, _, stderr) = Tfm("run", "--resume", outDir, option, value);
        Assert.Equal(2, code);
        Assert.StartsWith($"tfm: --resume continues a run exactly as it was started, so it cannot honour {option}: ", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void TwoResumesOfOneRun_TheSecondIsRefused()
    {
        string outDir = Path.Combine(_dir, "out");
        Directory.CreateDirectory(outDir + ".partial");
        File.WriteAllText(Path.Combine(outDir + ".partial", "checkpoint.bin"), "x");
        File.WriteAllText(Path.Combine(outDir + ".partial", "run.json"), """{ "Trajectories": 0, "CheckpointEvery": 2 }""");
        File.WriteAllText(Path.Combine(outDir + ".partial", "scenario.resolved.json"),
            TreatmentFlowModel.Scenarios.ScenarioWriter.ToJson(TreatmentFlowModel.Scenarios.ScenarioLoader.Load([Tiny()], [], useEnvironment: false)));
        using var first = OutputFolder.Reserve(outDir, force: false); // the first resume, holding the run
        var (code, _, stderr) = Tfm("run", "--resume", outDir, "--quiet");
        Assert.Equal(1, code);
        Assert.Equal($"tfm: --resume = '{outDir}': another tfm process is writing this folder (or its checkpoint); wait for it to finish", stderr.Trim());
        Assert.DoesNotContain("--out", stderr); // which a resumed run cannot take
    }

    [Fact]
    public void AResumeWhoseOutputFolderNowExists_IsRefused_NamingOnlyWhatAResumeCanDo()
    {
        // Class 10: the advice was "choose another with --out", which --resume refuses.
        string outDir = Path.Combine(_dir, "out");
        Directory.CreateDirectory(outDir + ".partial");
        File.WriteAllText(Path.Combine(outDir + ".partial", "checkpoint.bin"), "x");
        File.WriteAllText(Path.Combine(outDir + ".partial", "run.json"), """{ "Trajectories": 0, "CheckpointEvery": 2 }""");
        File.WriteAllText(Path.Combine(outDir + ".partial", "scenario.resolved.json"),
            TreatmentFlowModel.Scenarios.ScenarioWriter.ToJson(TreatmentFlowModel.Scenarios.ScenarioLoader.Load([Tiny()], [], useEnvironment: false)));
        Directory.CreateDirectory(outDir);
        var (code, _, stderr) = Tfm("run", "--resume", outDir, "--quiet");
        Assert.Equal(2, code);
        Assert.Equal($"tfm: --resume = '{outDir}': the folder exists; replace it with --force (a resumed run writes the folder it was started with)", stderr.Trim());
    }

    [Fact]
    public void ACheckpointOnAFullDisk_ExitCode1_OneLine_NoTemporary_AndTheNextRunIsNotBlocked()
    {
        if (!TinyDisk.Available) return; // no user namespaces here
        string disk = Directory.CreateDirectory(Path.Combine(_dir, "disk")).FullName;
        string scenario = Tiny(20);
        // 256 KB holds the checkpoint folder's small files but not one checkpoint (megabytes of summaries).
        using var tfm = TinyDisk.Start(disk, 256, "true", "ls -A", "run", scenario, "--out", "results", "--quiet", "--threads", "1", "--checkpoint", "1");
        int code = tfm.Exit();
        Assert.Equal(1, code);
        string stderr = tfm.Stderr;
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Matches(@"^tfm: cannot save the checkpoint 'results\.partial/checkpoint\.bin': No space left on device[^\n]*; the run stopped after \d+ of 20 replicates and nothing was written to results\.$", stderr.Trim());
        Assert.DoesNotContain("AggregateException", stderr);
        // Nothing left: no results, no temporary file, no checkpoint folder to block the next run, no lock.
        Assert.Equal("", tfm.Stdout.Split("--inspect--\n")[1].Trim());
    }
}
