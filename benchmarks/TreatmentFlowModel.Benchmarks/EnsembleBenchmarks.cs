using BenchmarkDotNet.Attributes;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Benchmarks;

/// <summary>
/// Whole ensembles through the public API on every core (summaries and targets included): scaling in
/// replicates (10^2 to 10^4) on one DAT-year, and 1,000 replicates of the 10 largest DATs over a year.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1), IterationCount(3), InvocationCount(1)]
public class EnsembleBenchmarks
{
    private Scenario _scenario = null!;

    /// <summary>Replicates in the ensemble.</summary>
    [Params(100, 1000, 10000)] public int Replicates { get; set; }

    /// <summary>Areas (the largest DATs by budget), one year from April 2003.</summary>
    [Params(1, 10)] public int Areas { get; set; }

    [GlobalSetup]
    public void Setup() => _scenario = Workloads.Slice(Areas, 52, Replicates);

    [Benchmark(Description = "ensemble")]
    public int Ensemble()
    {
        // The 10-area case runs only at 1,000 replicates (the ensemble of 1,000).
        if (Areas == 10 && Replicates != 1000) return 0;
        return Simulation.Run(_scenario).Replicates;
    }
}
