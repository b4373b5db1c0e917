using BenchmarkDotNet.Attributes;
using TreatmentFlowModel.Engine;

namespace TreatmentFlowModel.Benchmarks;

/// <summary>
/// One replicate on one core, scaling in areas (1, 10, 149 largest DATs) and weeks (52, 156, 574 from
/// April 2003; 574 is the whole national default, 1998-2009).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2), IterationCount(7), InvocationCount(1)]
public class EngineBenchmarks
{
    private ReplicateSimulator<StochasticDraws> _stochastic = null!;
    private int _replicate;

    /// <summary>Areas simulated (the largest DATs by budget).</summary>
    [Params(1, 10, 149)] public int Areas { get; set; }

    /// <summary>Weeks simulated.</summary>
    [Params(52, 156, 574)] public int Weeks { get; set; }

    [GlobalSetup]
    public void Setup() => _stochastic = new ReplicateSimulator<StochasticDraws>(new ModelSetup(Workloads.Slice(Areas, Weeks)));

    [Benchmark(Description = "replicate")]
    public double Replicate()
    {
        _stochastic.Run(_replicate++);
        return _stochastic.Untreated[0];
    }
}

/// <summary>
/// The engine against a naive stepping of the same model on the same work (every DAT for a
/// year): MathNet.Numerics' samplers on System.Random with a distribution object per draw.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1), IterationCount(5), InvocationCount(1)]
public class BaselineBenchmarks
{
    private ReplicateSimulator<StochasticDraws> _stochastic = null!;
    private ReplicateSimulator<NaiveDraws> _naive = null!;
    private int _replicate;

    [GlobalSetup]
    public void Setup()
    {
        var setup = new ModelSetup(Workloads.Slice(149, 52));
        _stochastic = new ReplicateSimulator<StochasticDraws>(setup);
        _naive = new ReplicateSimulator<NaiveDraws>(setup);
    }

    [Benchmark(Baseline = true, Description = "naive (MathNet samplers, object per draw)")]
    public double Naive()
    {
        _naive.Run(_replicate++);
        return _naive.Untreated[0];
    }

    [Benchmark(Description = "engine (Philox, inversion/BTRS/PTRS)")]
    public double Engine()
    {
        _stochastic.Run(_replicate++);
        return _stochastic.Untreated[0];
    }
}
