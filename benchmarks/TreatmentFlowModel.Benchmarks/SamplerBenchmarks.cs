using BenchmarkDotNet.Attributes;
using TreatmentFlowModel.Random;

namespace TreatmentFlowModel.Benchmarks;

/// <summary>Our binomial sampler against MathNet.Numerics' on the (n, p) mix a national replicate draws (every 37th non-trivial draw of a year).</summary>
[MemoryDiagnoser]
public class SamplerBenchmarks
{
    private (long N, double P)[] _mix = null!;
    private readonly System.Random _random = new(1);

    [GlobalSetup]
    public void Setup() => _mix = Workloads.BinomialMix();

    [Benchmark(Baseline = true, Description = "MathNet Binomial.Sample, model mix")]
    public long MathNet()
    {
        long sum = 0;
        foreach (var (n, p) in _mix) sum += global::MathNet.Numerics.Distributions.Binomial.Sample(_random, p, (int)n);
        return sum;
    }

    [Benchmark(Description = "Samplers.Binomial, model mix")]
    public long Ours()
    {
        var rng = new RandomStream(1, 0, 0, 0);
        long sum = 0;
        foreach (var (n, p) in _mix) sum += Samplers.Binomial(ref rng, n, p);
        return sum;
    }
}
