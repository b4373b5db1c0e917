using TreatmentFlowModel.Cluster;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Cluster;

/// <summary>
/// A real Orleans cluster of three silos in this process: a run spread over it, however the batches fall, writes the
/// same bytes as a single-process run; cancellation, bad options and a batch of another run are handled.
/// </summary>
public sealed class InProcessClusterTests(ThreeSiloCluster silos) : IClassFixture<ThreeSiloCluster>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tfm-cluster-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    internal static Scenario Small(int replicates) => TestScenarios.Small(replicates) with { WeeklyAreas = ["Bristol"] };

    [Fact]
    public async Task ARunOnThreeSilos_WritesTheBytesOfASingleProcessRun_WithGuidedAndFixedBatches()
    {
        var scenario = Small(14);
        var options = new RunOptions { Trajectories = 3 };
        var reference = OutputFiles.Of(Simulation.Run(scenario, options with { Threads = 1 }), _root, "single");
        ClusterProgress? last = null;
        var guided = await ClusterSimulation.RunAsync(silos.Cluster.Client, scenario, options,
            new ClusterRunOptions { Progress = new Inline<ClusterProgress>(p => last = p) });
        OutputFiles.AssertSame(reference, OutputFiles.Of(guided, _root, "guided"), "guided batches on three silos");
        Assert.Equal(3, last!.Silos);
        Assert.Equal(14, last.Completed);
        Assert.True(last.BatchesPerSilo.Count >= 2, $"batches ran on {last.BatchesPerSilo.Count} silo(s) only");

        var fixedSize = await ClusterSimulation.RunAsync(silos.Cluster.Client, scenario, options,
            new ClusterRunOptions { BatchSize = 2, Compress = false, Progress = new Inline<ClusterProgress>(p => last = p) });
        OutputFiles.AssertSame(reference, OutputFiles.Of(fixedSize, _root, "twos"), "batches of two replicates, uncompressed");
        Assert.Equal(7, last.BatchesMerged);
    }

    [Fact]
    public async Task TheDeterministicMode_RunsOnTheClusterToo()
    {
        var scenario = Small(5);
        var reference = OutputFiles.Of(Simulation.Run(scenario, new RunOptions { Deterministic = true }), _root, "single");
        var result = await ClusterSimulation.RunAsync(silos.Cluster.Client, scenario, new RunOptions { Deterministic = true });
        OutputFiles.AssertSame(reference, OutputFiles.Of(result, _root, "cluster"), "the deterministic mode on a cluster");
    }

    [Fact]
    public async Task ACancelledRun_StopsPromptly()
    {
        using var cancel = new CancellationTokenSource();
        var run = ClusterSimulation.RunAsync(silos.Cluster.Client, Small(400), new RunOptions
        {
            CancellationToken = cancel.Token,
            Progress = new Inline<int>(done => { if (done >= 2) cancel.Cancel(); }),
        }, new ClusterRunOptions { BatchSize = 1 });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task BadOptions_AreRefusedWithAMessageNamingEach()
    {
        var e = await Assert.ThrowsAsync<RunOptionsException>(() => ClusterSimulation.RunAsync(silos.Cluster.Client, Small(2),
            new RunOptions { CheckpointFile = "x.bin" }, new ClusterRunOptions { MaxAttempts = 0 }));
        Assert.Contains("options.CheckpointFile = 'x.bin'", e.Message);
        Assert.Contains("cluster.MaxAttempts = 0", e.Message);
    }

    [Fact]
    public async Task ABatchOfAnotherRun_IsRefusedBySilo_NotRunWrongly()
    {
        var plan = SimulationPlan.Prepare(Small(4));
        var grain = silos.Cluster.Client.GetGrain<IReplicateBatchGrain>("test/refused");
        var reply = await grain.Run(new BatchRequest
        {
            Fingerprint = "0000",
            ScenarioJson = ScenarioWriter.ToJson(plan.Scenario),
            From = 0,
            To = 1,
        }, CancellationToken.None);
        Assert.Empty(reply.Accumulator);
        Assert.Contains("prepares this run differently", reply.Refusal);
    }
}
