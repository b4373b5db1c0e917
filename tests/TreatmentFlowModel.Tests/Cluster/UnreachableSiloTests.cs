using TreatmentFlowModel.Cluster;
using TreatmentFlowModel.Ensemble;

namespace TreatmentFlowModel.Tests.Cluster;

/// <summary>
/// A silo that refuses every call while the membership still lists it, as a killed silo does until it is declared dead
/// (CI saw it: 'replicates [13, 14) failed 5 times' on a silo refusing connections): its batches must go to the other
/// silos, not back to it until its attempts run out.
/// </summary>
public sealed class UnreachableSiloTests(UnreachableSiloCluster silos, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<UnreachableSiloCluster>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tfm-cluster-unreachable-").FullName;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Log(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0} s: {what}");

    [Fact]
    public async Task ASiloRefusingCallsButStillAMember_IsSentNoMoreBatches_AndTheBytesAreUnchanged()
    {
        var scenario = InProcessClusterTests.Small(24);
        var reference = OutputFiles.Of(Simulation.Run(scenario, new RunOptions { Threads = 2 }), _root, "single");
        var victim = silos.Cluster.Silos[1];
        // Single-replicate batches, as the end of a guided run hands out: each failure to the dead silo is quick.
        var (result, last) = await MidRunFault.RunAsync(silos.Cluster.Client, scenario, new ClusterRunOptions { BatchSize = 1 }, () =>
        {
            UnreachableSiloCluster.MakeUnreachable(victim.SiloAddress);
            Log($"silo {victim.SiloAddress} unreachable");
            return Task.CompletedTask;
        }, Log, TimeSpan.FromSeconds(90));
        OutputFiles.AssertSame(reference, OutputFiles.Of(result, _root, "unreachable"), "a silo refusing calls");
        Assert.Equal(0, last.SilosLost); // still a member: the run got round it by itself
        Assert.Equal(2, last.Silos);      // and stopped counting it
        Assert.True(last.BatchesRetried >= 1, "no batch was run again");
    }
}
