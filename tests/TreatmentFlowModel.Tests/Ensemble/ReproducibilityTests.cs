using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Ensemble;

public sealed class ReproducibilityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tfm-repro-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Dictionary<string, byte[]> Outputs(EnsembleResult result, string name)
    {
        string folder = Path.Combine(_root, name);
        ResultWriter.Write(result, folder);
        return ResultWriter.Files.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(folder, f)));
    }

    private static void AssertSame(Dictionary<string, byte[]> expected, Dictionary<string, byte[]> actual, string what)
    {
        foreach (var (file, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[file]), $"{file} differs with {what}");
    }

    [Fact]
    public void Results_AreBitIdentical_AcrossThreadCountsAndBatchSizes()
    {
        var s = TestScenarios.Small(replicates: 16) with { WeeklyAreas = ["Bristol"] };
        var reference = Outputs(Simulation.Run(s, new RunOptions { Threads = 1 }), "t1");
        foreach (var (threads, batch) in new[] { (2, 0), (8, 0), (2, 1), (3, 7), (2, 1000) })
            AssertSame(reference, Outputs(Simulation.Run(s, new RunOptions { Threads = threads, BatchSize = batch }), $"t{threads}-b{batch}"),
                $"{threads} threads and batches of {batch}");
    }

    [Fact]
    public void InterruptedRun_ResumedFromItsCheckpoint_GivesTheUninterruptedOutput()
    {
        var s = TestScenarios.Small(replicates: 12);
        var reference = Outputs(Simulation.Run(s, new RunOptions { Threads = 2 }), "whole");
        string checkpoint = Path.Combine(_root, "run.checkpoint");
        using var cancel = new CancellationTokenSource();
        int finished = 0;
        var stopAfterFive = new SynchronousProgress(done => { finished = done; if (done >= 5) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => Simulation.Run(s, new RunOptions
        {
            Threads = 2,
            CheckpointFile = checkpoint,
            CheckpointEvery = 2,
            Progress = stopAfterFive,
            CancellationToken = cancel.Token,
        }));
        Assert.True(File.Exists(checkpoint));

        int resumedFrom = -1;
        var resumed = Simulation.Run(s, new RunOptions
        {
            Threads = 3,
            CheckpointFile = checkpoint,
            CheckpointEvery = 2,
            Progress = new SynchronousProgress(d => { if (resumedFrom < 0) resumedFrom = d; }),
        });
        Assert.Equal(finished, resumedFrom); // the checkpoint saved on cancellation keeps every finished replicate
        AssertSame(reference, Outputs(resumed, "resumed"), "a resumed run");
    }

    [Fact]
    public void Checkpoint_OfAnotherScenario_IsRefused()
    {
        string checkpoint = Path.Combine(_root, "other.checkpoint");
        Simulation.Run(TestScenarios.Small(3), new RunOptions { CheckpointFile = checkpoint });
        var e = Assert.Throws<CheckpointException>(() => Simulation.Run(TestScenarios.Small(3) with { Seed = 5 }, new RunOptions { CheckpointFile = checkpoint }));
        Assert.Contains("different scenario", e.Message);
    }

    [Fact]
    public void KeptTrajectories_AreTheReplicatesWhoseQuantilesTheSummariesEstimate()
    {
        var s = TestScenarios.Small(replicates: 30);
        var result = Simulation.Run(s, new RunOptions { Trajectories = 30 });
        foreach (var metric in new[] { Metric.InTreatment, Metric.Waiting, Metric.TreatmentStarts, Metric.MeanWaitWeeks })
        {
            var summaries = result.Weekly(AreaId.England, metric);
            var runs = Enumerable.Range(0, 30).Select(r => result.Trajectory(r, AreaId.England, metric)).ToArray();
            for (int w = 0; w < summaries.Length; w += 13)
            {
                var values = runs.Select(t => t[w]).ToArray();
                var exact = Summary.Of(values, new double[values.Length]);
                Assert.Equal(exact.Count, summaries[w].Count);
                if (exact.Count == 0) continue;
                Assert.Equal(exact.Mean, summaries[w].Mean, 1e-4 + 1e-12 * exact.Mean);
                double bound = 0.016 * exact.P95 + (metric == Metric.MeanWaitWeeks ? 1.0 / 64 : 1);
                Assert.True(Math.Abs(exact.P50 - summaries[w].P50) <= bound, $"{metric} week {w}: median {summaries[w].P50} vs exact {exact.P50}");
                Assert.True(Math.Abs(exact.P05 - summaries[w].P05) <= bound, $"{metric} week {w}: p05 {summaries[w].P05} vs exact {exact.P05}");
            }
        }
    }

    [Fact]
    public void CommonRandomNumbers_CutTheVarianceOfScenarioDifferences()
    {
        // Scenario B adds 20% capacity. With the same seed both runs share every random number flow by flow,
        // so the replicate-wise difference in starts is far less noisy than between independently seeded runs.
        const int n = 30;
        var a = TestScenarios.Small(n);
        var b = a.WithParameter(TreatmentFlowModel.Model.ParameterId.CapacityMultiplier, a.Parameters[(int)TreatmentFlowModel.Model.ParameterId.CapacityMultiplier].Mean * 1.2);
        double[] Starts(TreatmentFlowModel.Scenarios.Scenario s)
        {
            var r = Simulation.Run(s, new RunOptions { Trajectories = n });
            return Enumerable.Range(0, n).Select(i => r.Trajectory(i, AreaId.England, Metric.TreatmentStarts).Sum()).ToArray();
        }
        static double Variance(double[] x) => x.Select(v => (v - x.Average()) * (v - x.Average())).Sum() / (x.Length - 1);
        var baseRuns = Starts(a);
        var common = Starts(b).Zip(baseRuns, (x, y) => x - y).ToArray();
        var independent = Starts(b with { Seed = a.Seed + 1 }).Zip(baseRuns, (x, y) => x - y).ToArray();
        double ratio = Variance(common) / Variance(independent);
        // Under equal variances the ratio falls below 0.31 with probability 0.001 (F with 29 and 29 df).
        Assert.True(ratio < MathNet.Numerics.Distributions.FisherSnedecor.InvCDF(n - 1, n - 1, 0.001), $"variance ratio {ratio:0.000}");
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and arrive late).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
