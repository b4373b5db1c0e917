using TreatmentFlowModel.Calibration.Abc;

namespace TreatmentFlowModel.Tests.Calibration.Abc;

/// <summary>Same seed, same bytes: on any thread count.</summary>
public class AbcSmcSamplerDeterminismTests
{
    private static readonly double[] Truth = [25, 0.05, 0.3];

    private static string RunQueue(int threads, ulong seed, PerturbationKernel kernel = PerturbationKernel.OptimalLocalCovariance)
    {
        var data = ToyModels.TreatmentQueue(Truth, new SimulationContext(SimulationPurpose.SyntheticData, -1, 0, 99, 0, default));
        var sampler = new AbcSmcSampler(ToyModels.QueuePrior(), (theta, context) => ToyModels.TreatmentQueue(theta, context),
            ToyModels.QueueSummaries.Select((name, k) => new Observation(name, data[k])),
            new AbcSmcOptions { PopulationSize = 150, MaximumSimulations = 2000, Scaling = DistanceScaling.PriorPredictiveMad, Kernel = kernel, Seed = seed, MaxDegreeOfParallelism = threads });
        return AbcPosteriorCsv.ToCsv(sampler.Run());
    }

    [Theory]
    [InlineData(PerturbationKernel.OptimalLocalCovariance)]
    [InlineData(PerturbationKernel.TwiceWeightedCovariance)]
    public void SameSeed_OneTwoAndFourThreads_GiveIdenticalPosteriorFiles(PerturbationKernel kernel)
    {
        string one = RunQueue(1, 42, kernel);
        Assert.Equal(one, RunQueue(2, 42, kernel));
        Assert.Equal(one, RunQueue(4, 42, kernel));
        Assert.Contains("# generation,2,", one); // the run went past generation 1: kernels built from weighted populations acted
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentPosteriors()
    {
        Assert.NotEqual(RunQueue(2, 42), RunQueue(2, 43));
    }

    [Fact]
    public void PosteriorPredictive_OneAndFourThreads_GiveIdenticalBands()
    {
        var posterior = AbcPosteriorCsv.Parse(RunQueue(2, 42));
        AbcSimulator model = (theta, context) => ToyModels.TreatmentQueue(theta, context);
        var one = PosteriorPredictive.Run(posterior, model, options: new PredictiveOptions { Draws = 100, MaxDegreeOfParallelism = 1 });
        var four = PosteriorPredictive.Run(posterior, model, options: new PredictiveOptions { Draws = 100, MaxDegreeOfParallelism = 4 });
        Assert.Equal(one.ToArray(), four.ToArray()); // element by element: ImmutableArray equality would compare references
    }
}
