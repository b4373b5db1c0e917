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

    [Fact]
    public async Task ASiloRefusingCallsButStillAMember_IsSentNoMoreBatches_AndTheBytesAreUnchanged()
    {
        var scenario = InProcessClusterTests.Small(24);
        var reference = OutputFiles.Of(Simulation.Run(scenario, new RunOptions { Threads = 2 }), _root, "single");
        var victim = silos.Cluster.Silos[1];
        var killNow = new TaskCompletionSource();
        ClusterProgress? last = null;
        var progress = new Inline<ClusterProgress>(p =>
        {
            if (last is null || p.Silos != last.Silos || p.Completed != last.Completed)
                output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0} s: completed {p.Completed}, silos {p.Silos}, lost {p.SilosLost}, retried {p.BatchesRetried}");
            last = p;
            if (p.Completed >= 4) killNow.TrySetResult();
        });
        // Single-replicate batches, as the end of a guided run hands out: each failure to the dead silo is quick.
        var run = ClusterSimulation.RunAsync(silos.Cluster.Client, scenario, null, new ClusterRunOptions { BatchSize = 1, Progress = progress });
        await Task.WhenAny(killNow.Task, run);
        Assert.False(run.IsCompleted, "the run finished before a silo could be killed");
        UnreachableSiloCluster.MakeUnreachable(victim.SiloAddress);
        output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0} s: silo {victim.SiloAddress} unreachable");
        var result = await run.WaitAsync(TimeSpan.FromSeconds(90));
        OutputFiles.AssertSame(reference, OutputFiles.Of(result, _root, "unreachable"), "a silo refusing calls");
        Assert.Equal(0, last!.SilosLost); // still a member: the run got round it by itself
        Assert.Equal(2, last.Silos);      // and stopped counting it
        Assert.True(last.BatchesRetried >= 1, "no batch was run again");
    }
}
