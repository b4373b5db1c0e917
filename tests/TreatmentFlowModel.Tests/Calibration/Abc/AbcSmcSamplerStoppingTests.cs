using TreatmentFlowModel.Calibration.Abc;

namespace TreatmentFlowModel.Tests.Calibration.Abc;

/// <summary>Every stopping rule stops the run, says so, and returns the last generation it completed.</summary>
public class AbcSmcSamplerStoppingTests
{
    private static readonly Prior Mean = new(new PriorParameter("mu", new NormalPrior(0, 1)));

    private static AbcPosterior Run(AbcSmcOptions options, AbcSimulator? simulator = null) =>
        new AbcSmcSampler(Mean, simulator ?? ((t, c) => ToyModels.NormalSampleMean(t, c, 10, 1)), [new Observation("mean", 0.8, 0.3)], options).Run();

    [Fact]
    public void MaximumGenerations_RunsExactlyThatManyAfterThePriorSample()
    {
        var posterior = Run(new AbcSmcOptions { PopulationSize = 100, MaximumGenerations = 3 });
        Assert.Equal(StopReason.MaximumGenerations, posterior.StopReason);
        Assert.Equal([0, 1, 2, 3], posterior.Generations.Select(g => g.Generation));
        Assert.True(posterior.Generations.Zip(posterior.Generations.Skip(1)).All(p => p.Second.Epsilon < p.First.Epsilon), "tolerances must fall");
    }

    [Fact]
    public void MaximumGenerationsZero_ReturnsThePriorSampleWithEqualWeights()
    {
        var posterior = Run(new AbcSmcOptions { PopulationSize = 100, MaximumGenerations = 0 });
        Assert.Equal(StopReason.MaximumGenerations, posterior.StopReason);
        Assert.Single(posterior.Generations);
        Assert.Equal(double.PositiveInfinity, posterior.Epsilon);
        Assert.All(posterior.Weights, w => Assert.Equal(0.01, w, 15));
        Assert.Equal(100, posterior.TotalSimulations);
    }

    [Fact]
    public void MinimumEpsilon_IsTheLastToleranceExactly()
    {
        var posterior = Run(new AbcSmcOptions { PopulationSize = 100, MinimumEpsilon = 0.2, MaximumSimulations = 100_000 });
        Assert.Equal(StopReason.MinimumEpsilonReached, posterior.StopReason);
        Assert.Equal(0.2, posterior.Epsilon);
        Assert.All(posterior.Distances, d => Assert.InRange(d, 0, 0.2));
    }

    [Fact]
    public void MaximumSimulations_IsNeverExceeded_AndAGenerationItCutsShortIsDropped()
    {
        var posterior = Run(new AbcSmcOptions { PopulationSize = 100, MaximumSimulations = 1000 });
        Assert.Equal(StopReason.SimulationBudget, posterior.StopReason);
        Assert.InRange(posterior.TotalSimulations, posterior.Generations[^1].TotalSimulations, 1000);
        Assert.Equal(posterior.Generations[^1].Epsilon, posterior.Epsilon);
    }

    [Fact]
    public void MinimumAcceptanceRate_AbandonsTheGenerationThatFallsBelowIt_AndReturnsThePreviousOne()
    {
        var posterior = Run(new AbcSmcOptions { PopulationSize = 100, MinimumAcceptanceRate = 0.25, MaximumSimulations = 100_000 });
        Assert.Equal(StopReason.AcceptanceRateBelowMinimum, posterior.StopReason);
        Assert.All(posterior.Generations, g => Assert.True(g.AcceptanceRate >= 0.25));
        // The abandoned generation made N / rate = 400 proposals and is counted in the total, not in the generations.
        Assert.Equal(posterior.Generations[^1].TotalSimulations + 400, posterior.TotalSimulations);
    }

    [Fact]
    public void WallClockBudgetOfZero_StopsAfterThePriorSample()
    {
        var posterior = Run(new AbcSmcOptions { PopulationSize = 100, WallClockBudget = TimeSpan.Zero });
        Assert.Equal(StopReason.WallClockBudget, posterior.StopReason);
        Assert.Single(posterior.Generations);
    }

    [Fact]
    public void SimulatorThatIgnoresItsNoiseAndParameters_StallsTheToleranceAndStops()
    {
        var posterior = Run(new AbcSmcOptions { PopulationSize = 100 }, (t, c) => [1.0]);
        Assert.Equal(StopReason.ToleranceStalled, posterior.StopReason);
        Assert.Equal(2, posterior.Generations.Length); // generation 1 accepts at the common distance; nothing lies below it
    }

    [Fact]
    public void Cancellation_StopsTheRunWithOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        var sampler = new AbcSmcSampler(Mean, (t, c) => { cancel.Cancel(); return [0.0]; }, [new Observation("mean", 0.8, 0.3)], new AbcSmcOptions { PopulationSize = 10 });
        Assert.ThrowsAny<OperationCanceledException>(() => sampler.Run(cancellationToken: cancel.Token));
    }
}
