using TreatmentFlowModel.Cluster;
using TreatmentFlowModel.Ensemble;

namespace TreatmentFlowModel.Tests.Cluster;

/// <summary>A silo of an in-process cluster killed mid-run: its batches run elsewhere and the bytes are unchanged.</summary>
public sealed class InProcessClusterKillTests(ThreeSiloCluster silos, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ThreeSiloCluster>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tfm-cluster-kill-").FullName;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Log(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0} s: {what}");

    [Fact]
    public async Task ASiloKilledMidRun_HasItsBatchesRunElsewhere_AndTheBytesAreUnchanged()
    {
        var scenario = InProcessClusterTests.Small(24);
        var reference = OutputFiles.Of(Simulation.Run(scenario, new RunOptions { Threads = 2 }), _root, "single");
        var victim = silos.Cluster.Silos[1];
        var killNow = new TaskCompletionSource();
        ClusterProgress? last = null;
        var progress = new Inline<ClusterProgress>(p =>
        {
            if (last is null || p.SilosLost != last.SilosLost || p.Completed != last.Completed)
                Log($"completed {p.Completed}, silos {p.Silos}, lost {p.SilosLost}, retried {p.BatchesRetried}");
            last = p;
            // Kill once a few batches are in, while every silo holds batches (two each, of two replicates).
            if (p.Completed >= 4) killNow.TrySetResult();
        });
        var run = ClusterSimulation.RunAsync(silos.Cluster.Client, scenario, null, new ClusterRunOptions { BatchSize = 2, Progress = progress });
        await Task.WhenAny(killNow.Task, run);
        Assert.False(run.IsCompleted, "the run finished before a silo could be killed");
        await silos.Cluster.KillSiloAsync(victim);
        Log("killed");
        var result = await run.WaitAsync(TimeSpan.FromMinutes(3));
        OutputFiles.AssertSame(reference, OutputFiles.Of(result, _root, "killed"), "a silo killed mid-run");
        Assert.Equal(1, last!.SilosLost);
        Assert.True(last.BatchesRetried >= 1, "no batch was run again");
        Assert.Equal(2, last.Silos);
    }
}
