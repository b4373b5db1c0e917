using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Tests.Cluster;

namespace TreatmentFlowModel.Tests.Ensemble;

/// <summary>Shards of a run, written to files and merged, give the bytes of the whole run in one process; merging refuses sets that are not one whole run, naming what is wrong.</summary>
public sealed class ShardTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tfm-shards-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Scenario Small(int replicates) => TestScenarios.Small(replicates) with { WeeklyAreas = ["Bristol"] };

    private List<string> WriteShards(Scenario scenario, int count, int trajectories = 0, string folder = "parts")
    {
        var plan = SimulationPlan.Prepare(scenario, trajectories: trajectories);
        var paths = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var shard = new Shard(i, count);
            var (from, to) = shard.Range(plan.Replicates);
            string path = Path.Combine(_root, folder, $"shard-{i}-of-{count}{ShardFile.Extension}");
            ShardFile.Write(path, plan, shard, plan.RunReplicates(from, to, new RunOptions { Threads = 2, Trajectories = trajectories }));
            paths.Add(path);
        }
        return paths;
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(10, 3)]
    [InlineData(1000, 7)]
    [InlineData(3, 5)]
    [InlineData(0, 2)]
    public void ShardRanges_AreContiguous_AndCoverEveryReplicateOnce(int replicates, int count)
    {
        int next = 0;
        for (int i = 0; i < count; i++)
        {
            var (from, to) = new Shard(i, count).Range(replicates);
            Assert.Equal(next, from);
            Assert.InRange(to - from, replicates / count, replicates / count + 1);
            next = to;
        }
        Assert.Equal(replicates, next);
    }

    [Fact]
    public void ShardsMergedInAnyOrder_WriteTheBytesOfTheWholeRun()
    {
        var scenario = Small(13);
        var reference = OutputFiles.Of(Simulation.Run(scenario, new RunOptions { Threads = 1, Trajectories = 2 }), _root, "whole");
        var paths = WriteShards(scenario, 4, trajectories: 2);
        paths.Reverse();
        int merged = 0;
        var result = ShardFile.Merge(paths, new Inline<int>(n => merged = n));
        Assert.Equal(13, merged);
        OutputFiles.AssertSame(reference, OutputFiles.Of(result, _root, "merged"), "four shards merged in reverse order");
    }

    [Fact]
    public void MoreShardsThanReplicates_LeavesSomeEmpty_AndStillMerges()
    {
        var scenario = Small(2);
        var reference = OutputFiles.Of(Simulation.Run(scenario), _root, "whole");
        OutputFiles.AssertSame(reference, OutputFiles.Of(ShardFile.Merge(WriteShards(scenario, 5)), _root, "merged"), "five shards of two replicates");
    }

    [Fact]
    public void AMissingShard_IsNamedWithItsReplicates()
    {
        var paths = WriteShards(Small(12), 4);
        paths.RemoveAt(2);
        var e = Assert.Throws<ShardException>(() => ShardFile.Merge(paths));
        Assert.Contains("missing: shard 2/4", e.Message);
        Assert.Contains("replicates [6, 9) are in no file", e.Message);
    }

    [Fact]
    public void OverlappingShards_AreNamedWithTheReplicatesInBoth()
    {
        var fours = WriteShards(Small(12), 4, folder: "fours");
        var threes = WriteShards(Small(12), 3, folder: "threes");
        var e = Assert.Throws<ShardException>(() => ShardFile.Merge([fours[0], fours[1], threes[1], threes[2]]));
        Assert.Contains($"replicates [4, 6) are in both '{fours[1]}' and '{threes[1]}'", e.Message);
        var twice = Assert.Throws<ShardException>(() => ShardFile.Merge([.. fours, fours[3]]));
        Assert.Contains("are in both", twice.Message);
    }

    [Fact]
    public void ShardsOfAnotherSeedOrReplicateCount_AreRefusedAsAnotherRun()
    {
        var a = WriteShards(Small(12), 2, folder: "a");
        var seed = WriteShards(Small(12) with { Seed = 99 }, 2, folder: "seed");
        var e = Assert.Throws<ShardException>(() => ShardFile.Merge([a[0], seed[1]]));
        Assert.Contains($"'{seed[1]}' has seed 99", e.Message);
        var more = WriteShards(Small(14), 2, folder: "more");
        Assert.Contains("has 14 replicates", Assert.Throws<ShardException>(() => ShardFile.Merge([a[0], more[1]])).Message);
        var other = WriteShards(Small(12) with { Areas = ["Lambeth"] }, 2, folder: "other");
        Assert.Contains("another scenario", Assert.Throws<ShardException>(() => ShardFile.Merge([a[0], other[1]])).Message);
    }

    [Fact]
    public void ADamagedOrTruncatedShard_IsRefusedByItsIntegrityChecks()
    {
        var paths = WriteShards(Small(6), 2);
        byte[] bytes = File.ReadAllBytes(paths[1]);
        // The header (the resolved scenario, near the start) is checked by its own SHA-256 ...
        byte[] header = (byte[])bytes.Clone();
        header[40] ^= 0x10;
        File.WriteAllBytes(paths[1], header);
        var damagedHeader = Assert.Throws<ShardException>(() => ShardFile.Merge(paths));
        Assert.Contains($"'{paths[1]}'", damagedHeader.Message);
        Assert.Contains("header does not match the checksum", damagedHeader.Message);
        // ... the replicates (the accumulator, at the end) by the one the accumulator carries.
        byte[] replicates = (byte[])bytes.Clone();
        replicates[bytes.Length - 100] ^= 0x10;
        File.WriteAllBytes(paths[1], replicates);
        var damagedReplicates = Assert.Throws<ShardException>(() => ShardFile.Merge(paths));
        Assert.Contains($"'{paths[1]}'", damagedReplicates.Message);
        Assert.Contains("do not match the checksum", damagedReplicates.Message);

        File.WriteAllBytes(paths[1], bytes[..(bytes.Length - 100)]);
        Assert.Contains("truncated", Assert.Throws<ShardException>(() => ShardFile.Merge(paths)).Message);
        File.WriteAllBytes(paths[1], [.. bytes, 0]);
        Assert.Contains("holds more than", Assert.Throws<ShardException>(() => ShardFile.Merge(paths)).Message);
        File.WriteAllBytes(paths[1], bytes[..10]);
        Assert.Contains("not", Assert.Throws<ShardException>(() => ShardFile.Merge(paths)).Message);
        File.WriteAllText(paths[1], "{ \"Name\": \"a scenario, not a shard\" }");
        Assert.Contains("is not a shard file", Assert.Throws<ShardException>(() => ShardFile.Merge(paths)).Message);
        File.WriteAllBytes(paths[1], bytes);
        Assert.Equal(6, ShardFile.Merge(paths).Replicates);
    }

    [Fact]
    public void ARangeRunOnSeveralThreads_EqualsItsSingleThreadRun()
    {
        var plan = SimulationPlan.Prepare(Small(9));
        var threaded = plan.RunReplicates(2, 8, new RunOptions { Threads = 3, BatchSize = 2 });
        var single = plan.RunReplicates(2, 8);
        Assert.Equal(Bytes(single), Bytes(threaded));
        Assert.Throws<RunOptionsException>(() => plan.RunReplicates(0, 1, new RunOptions { Trajectories = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.RunReplicates(5, 10, new RunOptions()));

        static byte[] Bytes(EnsembleAccumulator a)
        {
            using var m = new MemoryStream();
            a.WriteTo(m);
            return m.ToArray();
        }
    }
}
