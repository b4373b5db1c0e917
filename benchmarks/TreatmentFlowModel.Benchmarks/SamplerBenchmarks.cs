using BenchmarkDotNet.Attributes;
using TreatmentFlowModel.Random;

namespace TreatmentFlowModel.Benchmarks;

/// <summary>Our binomial sampler against MathNet.Numerics' on a mix of (n, p) like the model's.</summary>
[MemoryDiagnoser]
public class SamplerBenchmarks
{
    private static readonly (int N, double P)[] Mix = [(40, 0.01), (300, 0.02), (1500, 0.005), (20, 0.5), (5000, 0.3), (120, 0.07)];
    private readonly System.Random _random = new(1);

    [Benchmark(Baseline = true, Description = "MathNet Binomial.Sample x6")]
    public long MathNet()
    {
        long sum = 0;
        foreach (var (n, p) in Mix) sum += global::MathNet.Numerics.Distributions.Binomial.Sample(_random, p, n);
        return sum;
    }

    [Benchmark(Description = "Samplers.Binomial x6")]
    public long Ours()
    {
        var rng = new RandomStream(1, 0, 0, 0);
        long sum = 0;
        foreach (var (n, p) in Mix) sum += Samplers.Binomial(ref rng, n, p);
        return sum;
    }
}
