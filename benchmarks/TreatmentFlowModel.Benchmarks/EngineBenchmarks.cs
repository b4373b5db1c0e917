using BenchmarkDotNet.Attributes;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Benchmarks;

/// <summary>
/// One replicate on one core, scaling in areas (1, 10, 149 largest DATs) and weeks (52, 156, 574 from
/// April 2003; 574 is the whole national default, 1998-2009).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(4), IterationCount(10)] // BenchmarkDotNet picks the invocations per iteration, so small cases run tiered-up code
public class EngineBenchmarks
{
    private ReplicateSimulator<StochasticDraws> _stochastic = null!;

    /// <summary>Areas simulated (the largest DATs by budget).</summary>
    [Params(1, 10, 149)] public int Areas { get; set; }

    /// <summary>Weeks simulated.</summary>
    [Params(52, 156, 574)] public int Weeks { get; set; }

    [GlobalSetup]
    public void Setup() => _stochastic = new ReplicateSimulator<StochasticDraws>(FrozenModel.From(Workloads.Slice(Areas, Weeks)));

    [Benchmark(Description = "replicate")]
    public double Replicate()
    {
        _stochastic.Run(Workloads.Replicate);
        return _stochastic.Untreated[0];
    }
}

/// <summary>
/// The engine against the naive baseline on the same work, every DAT for a year from April 2003 or for the whole
/// national default (574 weeks, 1998-2009): <see cref="NaiveModel"/> steps the same model with an object per
/// compartment and cohort, LINQ, and MathNet.Numerics distribution objects on System.Random; "engine with MathNet
/// draws" isolates the samplers' share (the engine's flat arrays with MathNet sampling).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(4), IterationCount(15)] // BenchmarkDotNet picks the invocations per iteration: one naive replicate, a dozen or more engine ones
public class BaselineBenchmarks
{
    private ReplicateSimulator<StochasticDraws> _stochastic = null!;
    private ReplicateSimulator<NaiveDraws> _mathNetDraws = null!;
    private NaiveModel _naive = null!;

    /// <summary>Weeks simulated: a year from April 2003, or the whole national default.</summary>
    [Params(52, 574)] public int Weeks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = Workloads.Slice(149, Weeks);
        var setup = FrozenModel.From(scenario);
        _stochastic = new ReplicateSimulator<StochasticDraws>(setup);
        _mathNetDraws = new ReplicateSimulator<NaiveDraws>(setup);
        _naive = new NaiveModel(scenario);
    }

    [Benchmark(Baseline = true, Description = "naive stepping (object per compartment, MathNet samplers)")]
    public long Naive() => _naive.Run(Workloads.Replicate);

    [Benchmark(Description = "engine with MathNet draws")]
    public double EngineWithMathNetDraws()
    {
        _mathNetDraws.Run(Workloads.Replicate);
        return _mathNetDraws.Untreated[0];
    }

    [Benchmark(Description = "engine (Philox, inversion/BTRS/PTRS)")]
    public double Engine()
    {
        _stochastic.Run(Workloads.Replicate);
        return _stochastic.Untreated[0];
    }
}
