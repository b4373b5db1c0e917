using BenchmarkDotNet.Attributes;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Benchmarks;

/// <summary>
/// Whole ensembles through the public API on every core, summaries and targets included: scaling in
/// replicates (10^2 to 10^4) on the largest DAT over a year.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1), IterationCount(3), InvocationCount(1)]
public class EnsembleBenchmarks
{
    private Scenario _scenario = null!;

    /// <summary>Replicates in the ensemble.</summary>
    [Params(100, 1000, 10000)] public int Replicates { get; set; }

    [GlobalSetup]
    public void Setup() => _scenario = Workloads.Slice(1, 52, Replicates);

    [Benchmark(Description = "ensemble, 1 DAT-year")]
    public int Ensemble() => Simulation.Run(_scenario).Replicates;
}

/// <summary>The ensemble of 1,000: the 10 largest DATs over a year, on every core.</summary>
[MemoryDiagnoser]
[WarmupCount(1), IterationCount(3), InvocationCount(1)]
public class Ensemble1000Benchmarks
{
    private Scenario _scenario = null!;

    [GlobalSetup]
    public void Setup() => _scenario = Workloads.Slice(10, 52, 1000);

    [Benchmark(Description = "ensemble of 1,000, 10 DATs over a year")]
    public int Ensemble() => Simulation.Run(_scenario).Replicates;
}
