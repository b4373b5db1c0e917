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

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    public void EpsilonMatchingStatedUncertainty_IsTheBallRadiusWhoseUniformErrorHasUnitVariancePerObservation(int k)
    {
        // Uniform points in the K-ball of radius √(K + 2) (Gaussian direction, radius R·U^(1/K)): each coordinate's
        // variance should be 1, within 4 standard errors (the variance of x² estimated from the draws).
        double radius = AbcSmcOptions.EpsilonMatchingStatedUncertainty(k);
        var random = new PhiloxRandom(17, k, 0, 0);
        const int n = 40_000;
        double sum = 0, sumSquares = 0;
        var x = new double[k];
        for (int i = 0; i < n; i++)
        {
            double norm = 0;
            for (int j = 0; j < k; j++) { x[j] = MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1); norm += x[j] * x[j]; }
            double r = radius * Math.Pow(random.NextDouble(), 1.0 / k) / Math.Sqrt(norm);
            double first = x[0] * r * x[0] * r;
            sum += first;
            sumSquares += first * first;
        }
        double mean = sum / n, se = Math.Sqrt((sumSquares / n - mean * mean) / n);
        Assert.InRange(mean, 1 - 4 * se, 1 + 4 * se);
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
    public void MinimumEffectiveSampleFraction_DropsTheGenerationBelowIt_AndReturnsThePreviousOne()
    {
        // Generation 1's weights are never all equal, so its ESS is below 0.99 N: it is dropped.
        var posterior = Run(new AbcSmcOptions { PopulationSize = 100, MinimumEffectiveSampleFraction = 0.99 });
        Assert.Equal(StopReason.EffectiveSampleSizeBelowMinimum, posterior.StopReason);
        Assert.Single(posterior.Generations);
        Assert.True(posterior.TotalSimulations > 100, "the dropped generation's simulations are counted");
        Assert.Equal(StopReason.MaximumGenerations, Run(new AbcSmcOptions { PopulationSize = 100, MinimumEffectiveSampleFraction = 0, MaximumGenerations = 1 }).StopReason);
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
