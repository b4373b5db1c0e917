using TreatmentFlowModel.Cli;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Tests.Cluster;

using static TreatmentFlowModel.Tests.Cli.TfmRun;

namespace TreatmentFlowModel.Tests.Cli;

/// <summary><c>tfm run --shard</c> and <c>tfm merge</c> as a user runs them: the merged folder is the single run's, byte for byte.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ShardMergeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-shard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);


    private string SmallScenario()
    {
        string path = Path.Combine(_dir, "small.json");
        File.WriteAllText(path, """
            { "Name": "small", "Areas": ["Lambeth", "Bristol"], "Start": "1998-04-01", "End": "2005-03-31", "Replicates": 7,
              "Output": { "WeeklyAreas": ["Lambeth"] } }
            """);
        return path;
    }

    /// <summary>Runs shards <paramref name="indices"/> of <paramref name="count"/> into <paramref name="folder"/>.</summary>
    private void RunShards(string scenario, string folder, int count, IEnumerable<int> indices, params string[] extra)
    {
        foreach (int i in indices)
        {
            var (code, _, err) = Tfm(["run", scenario, "--shard", $"{i}/{count}", "--out", folder, "--quiet", "--threads", "2", .. extra]);
            Assert.True(code == 0, err);
        }
    }

    [Fact]
    public void ShardsRunApart_AndMerged_WriteTheSingleRunsFiles_ByteForByte()
    {
        string scenario = SmallScenario(), single = Path.Combine(_dir, "single"), parts = Path.Combine(_dir, "parts"), merged = Path.Combine(_dir, "merged");
        Assert.Equal(0, Tfm("run", scenario, "--out", single, "--quiet", "--threads", "2").Code);
        RunShards(scenario, parts, 3, [2, 0, 1]);
        Assert.Equal(["shard-0000-of-0003.tfmshard", "shard-0001-of-0003.tfmshard", "shard-0002-of-0003.tfmshard"],
            Directory.GetFiles(parts).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var (code, stdout, stderr) = Tfm("merge", parts, "-o", merged);
        Assert.True(code == 0, stderr);
        Assert.Contains("Merged 3 shard files (7 replicates)", stdout);
        // Every file, the report and the charts included: the merge is the single run, not a run like it.
        OutputFiles.AssertSame(OutputFiles.Read(single), OutputFiles.Read(merged), "3 shards merged by tfm merge");
    }

    [Fact]
    public void AutoShard_TakesItsIndexFromTheSchedulersVariable()
    {
        string scenario = SmallScenario(), parts = Path.Combine(_dir, "parts");
        string? before = Environment.GetEnvironmentVariable("JOB_COMPLETION_INDEX");
        try
        {
            Environment.SetEnvironmentVariable("JOB_COMPLETION_INDEX", "1");
            var (code, _, err) = Tfm("run", scenario, "--shard", "auto/2", "--out", parts, "--quiet");
            Assert.True(code == 0, err);
        }
        finally
        {
            Environment.SetEnvironmentVariable("JOB_COMPLETION_INDEX", before);
        }
        Assert.Equal(["shard-0001-of-0002.tfmshard"], Directory.GetFiles(parts).Select(Path.GetFileName));
    }

    [Fact]
    public void AutoShard_WithNeitherVariable_NamesBoth()
    {
        var shard = ShardOption.Parse("auto/8", _ => null, out string? error);
        Assert.Null(shard);
        Assert.Equal("--shard = 'auto/8': neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give the shard as I/8", error);
    }

    [Fact]
    public void AutoShard_PrefersSlurm_AndRefusesAnIndexOutsideTheShards()
    {
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "3", ["JOB_COMPLETION_INDEX"] = "0" };
        Assert.Equal(new Shard(3, 4), ShardOption.Parse("auto/4", env.GetValueOrDefault, out string? none));
        Assert.Null(none);
        Assert.Null(ShardOption.Parse("auto/3", env.GetValueOrDefault, out string? error));
        Assert.Equal("--shard = 'auto/3': SLURM_ARRAY_TASK_ID = '3' is not a shard of 3 (0 to 2); submit the array with --array=0-2", error);
    }

    [Theory]
    [InlineData("3", "expected I/N")]
    [InlineData("3/3", "the shard must be a whole number from 0 to 2")]
    [InlineData("-1/3", "the shard must be a whole number from 0 to 2")]
    [InlineData("1/0", "expected I/N")]
    [InlineData("a/b", "expected I/N")]
    public void BadShard_ExitsWithTwo_NamingTheValue_AndWritesNothing(string value, string why)
    {
        string parts = Path.Combine(_dir, "parts");
        var (code, _, stderr) = Tfm("run", SmallScenario(), "--shard", value, "--out", parts);
        Assert.Equal(2, code);
        Assert.StartsWith($"tfm: --shard = '{value}': {why}", stderr);
        Assert.False(Directory.Exists(parts));
    }

    [Theory]
    [InlineData("--cluster", "localhost", "cannot be combined")]
    [InlineData("--checkpoint", "2", "--shard cannot be combined with --checkpoint")]
    public void Shard_RefusesOptionsItCannotHonour(string option, string value, string message)
    {
        var (code, _, stderr) = Tfm("run", SmallScenario(), "--shard", "0/2", option, value, "--out", Path.Combine(_dir, "parts"));
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void BadClusterConnection_ExitsWithTwo_SayingWhatIsAllowed()
    {
        var (code, _, stderr) = Tfm("run", SmallScenario(), "--cluster", "mongodb://x", "--out", Path.Combine(_dir, "never"));
        Assert.Equal(2, code);
        Assert.StartsWith("tfm: --cluster = ", stderr);
        Assert.Contains("redis:HOST:PORT", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "never")));
    }

    [Theory]
    [InlineData(new[] { "--min-batch", "4" }, "--min-batch = '4': only a cluster run (--cluster) has batches to size")]
    [InlineData(new[] { "--min-batch", "0", "--cluster", "localhost" }, "--min-batch = '0': must be a whole number of replicates >= 1")]
    public void MinBatch_IsRefusedWithoutAClusterOrBelowOne(string[] options, string message)
    {
        var (code, _, stderr) = Tfm(["run", SmallScenario(), "--out", Path.Combine(_dir, "never"), .. options]);
        Assert.Equal(2, code);
        Assert.Equal($"tfm: {message}", stderr.TrimEnd());
        Assert.False(Directory.Exists(Path.Combine(_dir, "never")));
    }

    [Fact]
    public void Merge_RefusesAMissingShard_WithExitTwo_AndWritesNothing()
    {
        string scenario = SmallScenario(), parts = Path.Combine(_dir, "parts"), merged = Path.Combine(_dir, "merged");
        RunShards(scenario, parts, 3, [0, 2]);
        var (code, _, stderr) = Tfm("merge", parts, "-o", merged);
        Assert.Equal(2, code);
        Assert.Contains("missing: shard 1/3", stderr);
        Assert.False(Directory.Exists(merged));
    }

    [Fact]
    public void Merge_RefusesShardsOfTwoRuns_AndOverlaps_AndAFileGivenTwice()
    {
        string scenario = SmallScenario(), parts = Path.Combine(_dir, "parts"), other = Path.Combine(_dir, "other"), merged = Path.Combine(_dir, "merged");
        RunShards(scenario, parts, 2, [0, 1]);
        RunShards(scenario, other, 2, [1], "--seed", "99");
        string first = Path.Combine(parts, "shard-0000-of-0002.tfmshard");

        var (code, _, stderr) = Tfm("merge", first, Path.Combine(other, "shard-0001-of-0002.tfmshard"), "-o", merged);
        Assert.Equal(2, code);
        Assert.Contains("seed", stderr);

        RunShards(scenario, other, 3, [0]);
        (code, _, stderr) = Tfm("merge", parts, Path.Combine(other, "shard-0000-of-0003.tfmshard"), "-o", merged);
        Assert.Equal(2, code);

        (code, _, stderr) = Tfm("merge", parts, first, "-o", merged);
        Assert.Equal(2, code);
        Assert.Contains("is given twice", stderr);
        Assert.False(Directory.Exists(merged));
    }

    [Fact]
    public void Merge_RefusesADamagedShard_AndANameThatIsNotThere()
    {
        string scenario = SmallScenario(), parts = Path.Combine(_dir, "parts"), merged = Path.Combine(_dir, "merged");
        RunShards(scenario, parts, 2, [0, 1]);
        string file = Path.Combine(parts, "shard-0001-of-0002.tfmshard");
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(file, bytes);
        var (code, _, stderr) = Tfm("merge", parts, "-o", merged);
        Assert.Equal(2, code);
        Assert.Contains(file, stderr);

        (code, _, stderr) = Tfm("merge", Path.Combine(_dir, "nowhere"), "-o", merged);
        Assert.Equal(2, code);
        Assert.Contains("does not exist", stderr);
        Assert.False(Directory.Exists(merged));
    }
}
