using BenchmarkDotNet.Attributes;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Benchmarks;

/// <summary>One replicate of the national default scenario (149 DATs, 574 weeks): stochastic against the expected-value mode.</summary>
[MemoryDiagnoser]
[WarmupCount(2), IterationCount(7), InvocationCount(1)]
public class ReplicateBenchmarks
{
    private ReplicateSimulator<StochasticDraws> _stochastic = null!;
    private ReplicateSimulator<ExpectedDraws> _expected = null!;

    [GlobalSetup]
    public void Setup()
    {
        var setup = FrozenModel.From(ScenarioLoader.LoadDefault());
        _stochastic = new ReplicateSimulator<StochasticDraws>(setup);
        _expected = new ReplicateSimulator<ExpectedDraws>(setup);
    }

    [Benchmark(Baseline = true, Description = "deterministic replicate (national)")]
    public double Deterministic()
    {
        _expected.Run(Workloads.Replicate);
        return _expected.Untreated[0];
    }

    [Benchmark(Description = "stochastic replicate (national)")]
    public double Stochastic()
    {
        _stochastic.Run(Workloads.Replicate);
        return _stochastic.Untreated[0];
    }
}
