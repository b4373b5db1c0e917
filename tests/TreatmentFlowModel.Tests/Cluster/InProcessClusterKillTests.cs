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
        // Killed once a few batches are in, while every silo holds batches (two each, of two replicates).
        var (result, last) = await MidRunFault.RunAsync(silos.Cluster.Client, scenario, new ClusterRunOptions { BatchSize = 2 }, async () =>
        {
            await silos.Cluster.KillSiloAsync(victim);
            Log("killed");
        }, Log, TimeSpan.FromMinutes(3));
        OutputFiles.AssertSame(reference, OutputFiles.Of(result, _root, "killed"), "a silo killed mid-run");
        Assert.Equal(1, last.SilosLost);
        Assert.True(last.BatchesRetried >= 1, "no batch was run again");
        Assert.Equal(2, last.Silos);
    }
}
