using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Reporting;

namespace TreatmentFlowModel.Tests.Ensemble;

/// <summary>The one runner behind Simulation.Run, Comparison.Run and shards: every option honoured or rejected, any split merging exactly.</summary>
public sealed class RunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tfm-runner-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private byte[][] Files(EnsembleResult result, string name)
    {
        string folder = Path.Combine(_root, name);
        ResultWriter.Write(result, folder);
        return [.. ResultWriter.FilesOf(result).Select(f => File.ReadAllBytes(Path.Combine(folder, f)))];
    }

    [Fact]
    public void Options_WithSeveralProblems_AreRejectedTogether_EachNamingItsMember()
    {
        var e = Assert.Throws<RunOptionsException>(() => Simulation.Run(TestScenarios.Small(2),
            new RunOptions { Threads = 0, BatchSize = -1, Trajectories = -2, CheckpointEvery = 0 }));
        Assert.Equal(
        [
            "options.Threads = 0: must be at least 1",
            "options.BatchSize = -1: must be 0 (no batches) or more",
            "options.Trajectories = -2: must be 0 or more",
            "options.CheckpointEvery = 0: must be at least 1",
        ], e.Problems);
        Assert.Equal("options", e.ParamName);
    }

    [Fact]
    public void Comparison_RejectsTrajectories_NamingTheOption()
    {
        var a = TestScenarios.Small(2);
        var e = Assert.Throws<RunOptionsException>(() => Comparison.Run([a, a with { Name = "b" }], new RunOptions { Trajectories = 3, Threads = 0 }));
        Assert.Equal(2, e.Problems.Count);
        Assert.StartsWith("options.Trajectories = 3: a comparison keeps no trajectories", e.Problems[1]);
    }

    [Fact]
    public void Comparison_IsTheSameWhateverTheThreadsAndBatches_AndReportsProgress()
    {
        var a = TestScenarios.Small(6);
        var b = a.WithParameter(ParameterId.CapacityMultiplier, 0.7) with { Name = "less" };
        string reference = ComparisonReport.Csv(Comparison.Run([a, b], new RunOptions { Threads = 1 }));
        var seen = new List<int>();
        var batched = Comparison.Run([a, b], new RunOptions { Threads = 2, BatchSize = 4, Progress = new SynchronousProgress(seen.Add) });
        Assert.Equal(reference, ComparisonReport.Csv(batched));
        Assert.Equal(6, seen.Max());
    }

    [Fact]
    public void Comparison_InTheDeterministicMode_ComparesEachScenariosDeterministicRun()
    {
        var a = TestScenarios.Small(5);
        var b = a.WithParameter(ParameterId.CapacityMultiplier, 0.7) with { Name = "less" };
        var compared = Comparison.Run([a, b], new RunOptions { Deterministic = true });
        Assert.True(compared.Deterministic);
        Assert.Equal(1, compared.Replicates);
        var runB = Simulation.Run(b, new RunOptions { Deterministic = true });
        var runA = Simulation.Run(a, new RunOptions { Deterministic = true });
        var starts = compared.Value(1, Metric.TreatmentStarts);
        var difference = compared.Difference(1, Metric.TreatmentStarts);
        for (int y = 0; y < starts.Length; y++)
        {
            double expectedB = runB.Annual(AreaId.England, Metric.TreatmentStarts)[y].Mean;
            Assert.Equal(expectedB, starts[y].Mean, 1e-4 * Math.Max(1, expectedB));
            Assert.Equal(expectedB - runA.Annual(AreaId.England, Metric.TreatmentStarts)[y].Mean, difference[y].Mean, 1e-3 * Math.Max(1, expectedB));
        }
    }

    [Fact]
    public void Comparison_InterruptedAndResumedFromItsCheckpoint_GivesTheUninterruptedComparison()
    {
        var a = TestScenarios.Small(8);
        var b = a.WithParameter(ParameterId.CapacityMultiplier, 0.7) with { Name = "less" };
        string reference = ComparisonReport.Csv(Comparison.Run([a, b], new RunOptions { Threads = 2 }));
        string checkpoint = Path.Combine(_root, "compare.checkpoint");
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => Comparison.Run([a, b], new RunOptions
        {
            Threads = 1,
            CheckpointFile = checkpoint,
            CheckpointEvery = 1,
            CancellationToken = cancel.Token,
            Progress = new SynchronousProgress(done => { if (done >= 3) cancel.Cancel(); }),
        }));
        int resumedFrom = -1;
        var resumed = Comparison.Run([a, b], new RunOptions
        {
            Threads = 2,
            CheckpointFile = checkpoint,
            Progress = new SynchronousProgress(d => { if (resumedFrom < 0) resumedFrom = d; }),
        });
        Assert.True(resumedFrom >= 3, $"resumed from {resumedFrom}");
        Assert.Equal(reference, ComparisonReport.Csv(resumed));
    }

    [Fact]
    public void Shards_RunAsRangesAnywhere_AndMergedInAnyOrder_GiveTheBytesOfOneRun()
    {
        var s = TestScenarios.Small(10) with { WeeklyAreas = ["Bristol"] };
        var whole = Files(Simulation.Run(s, new RunOptions { Threads = 2, Trajectories = 3 }), "whole");

        var plan = SimulationPlan.Prepare(s, trajectories: 3);
        var first = plan.RunReplicates(0, 4);
        var last = plan.RunReplicates(7, 10);
        var middle = plan.RunReplicates(4, 7);
        using var stream = new MemoryStream();   // a shard's accumulator travels as bytes
        middle.WriteTo(stream);
        stream.Position = 0;
        last.Merge(plan.ReadAccumulator(stream));
        last.Merge(first);
        Assert.True(last.IsComplete);
        var merged = Files(plan.ToResult(last), "merged");
        for (int i = 0; i < whole.Length; i++) Assert.True(whole[i].AsSpan().SequenceEqual(merged[i]), $"{ResultWriter.FilesOf(plan.ToResult(last))[i]} differs");
    }

    [Fact]
    public void Accumulators_OfDifferentRuns_DoNotMerge_AndAPartialOneIsNoResult()
    {
        var plan = SimulationPlan.Prepare(TestScenarios.Small(4));
        var other = SimulationPlan.Prepare(TestScenarios.Small(4) with { Seed = 99 });
        Assert.NotEqual(plan.Fingerprint, other.Fingerprint);
        var part = plan.RunReplicates(0, 2);
        Assert.Throws<ArgumentException>(() => part.Merge(other.RunReplicates(2, 4)));
        Assert.Throws<InvalidOperationException>(() => part.Merge(plan.RunReplicates(1, 3)));
        var e = Assert.Throws<ArgumentException>(() => plan.ToResult(part));
        Assert.Contains("holds 2 of the run's 4 replicates", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.RunReplicates(3, 5));
    }

    /// <summary>Reports on the calling thread.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
