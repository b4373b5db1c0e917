using BenchmarkDotNet.Attributes;
using TreatmentFlowModel.Engine;

namespace TreatmentFlowModel.Benchmarks;

/// <summary>
/// One replicate, single-threaded, scaling in areas (1, 10, 149 largest DATs) and weeks (52, 156, 574),
/// and the naive baseline on the same 10-area year. Throughput columns: replicate-area-weeks and
/// non-trivial draws per second on one core.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2), IterationCount(7), InvocationCount(1)]
public class EngineBenchmarks
{
    private ReplicateSimulator<StochasticDraws> _stochastic = null!;
    private ReplicateSimulator<NaiveDraws> _naive = null!;
    private int _replicate;

    /// <summary>Areas simulated (the largest DATs by budget).</summary>
    [Params(1, 10, 149)] public int Areas { get; set; }

    /// <summary>Weeks simulated from April 2003 (574 = the whole national default, 1998-2009).</summary>
    [Params(52, 156, 574)] public int Weeks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var setup = new ModelSetup(Workloads.Slice(Areas, Weeks));
        _stochastic = new ReplicateSimulator<StochasticDraws>(setup);
        _naive = new ReplicateSimulator<NaiveDraws>(setup);
    }

    [Benchmark(Description = "replicate")]
    public double Replicate()
    {
        _stochastic.Run(_replicate++);
        return _stochastic.Untreated[0];
    }

    [Benchmark(Description = "naive replicate (MathNet samplers, object per draw)")]
    public double Naive()
    {
        // Only on the 10-area year: the naive stepping takes seconds even there.
        if (Areas != 10 || Weeks != 52) return double.NaN;
        _naive.Run(_replicate++);
        return _naive.Untreated[0];
    }
}
