using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Random;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Benchmarks;

/// <summary>The scenarios the benchmarks run: slices of the national default by areas and weeks.</summary>
internal static class Workloads
{
    private static readonly Lazy<Scenario> National = new(ScenarioLoader.LoadDefault);

    /// <summary>
    /// The replicate every single-replicate benchmark runs, and the one <see cref="CountDraws"/> counts: methods compared
    /// side by side do exactly the same work (replicates differ by about ±5% in draws), and draws per second are exact.
    /// </summary>
    public const int Replicate = 0;

    /// <summary>The national default cut to its <paramref name="areas"/> largest DATs (149 = all) and first <paramref name="weeks"/> weeks from April 2003.</summary>
    public static Scenario Slice(int areas, int weeks, int replicates = 1)
    {
        var s = National.Value;
        var largest = s.AreaData.Areas.OrderByDescending(a => a.Budget2002K).Take(areas).Select(a => a.Name).ToArray();
        var start = weeks >= 574 ? s.Start : new DateOnly(2003, 4, 1);
        return s with
        {
            Areas = areas >= s.AreaData.Areas.Length ? [] : [.. largest],
            Start = start,
            End = weeks >= 574 ? s.End : start.AddDays(7 * weeks - 1),
            Replicates = replicates,
        };
    }

    /// <summary>Counts the non-trivial draws (n &gt; 0 and 0 &lt; p &lt; 1; mean &gt; 0) of one replicate of <paramref name="scenario"/>.</summary>
    public static long CountDraws(Scenario scenario)
    {
        var simulator = new ReplicateSimulator<CountingDraws>(FrozenModel.From(scenario));
        CountingDraws.Count = 0;
        simulator.Run(Replicate);
        return CountingDraws.Count;
    }

    /// <summary>Every 37th non-trivial binomial (n, p) of one national replicate: the mix the model draws.</summary>
    public static (long N, double P)[] BinomialMix()
    {
        var simulator = new ReplicateSimulator<CountingDraws>(FrozenModel.From(Slice(149, 52)));
        CountingDraws.Sample = [];
        simulator.Run(0);
        var mix = CountingDraws.Sample.ToArray();
        CountingDraws.Sample = null;
        return mix;
    }
}

/// <summary>Stochastic draws that also count the non-trivial ones (and can keep a sample of (n, p)).</summary>
internal readonly struct CountingDraws : IDraws
{
    [ThreadStatic] public static long Count;
    [ThreadStatic] public static List<(long, double)>? Sample;

    public static double Binomial(ref RandomStream rng, double n, double p)
    {
        if (n > 0 && p > 0 && p < 1 && ++Count % 37 == 0) Sample?.Add(((long)n, p));
        return Samplers.Binomial(ref rng, (long)n, p);
    }

    public static double Poisson(ref RandomStream rng, double mean)
    {
        if (mean > 0) Count++;
        return Samplers.Poisson(ref rng, mean);
    }

    public static double Whole(double x) => Math.Floor(x);
}

/// <summary>
/// The naive baseline: the same flows drawn the textbook way, with MathNet.Numerics' samplers on a
/// System.Random and a distribution object made for every draw. Binomial.Sample is O(n) per draw.
/// </summary>
internal readonly struct NaiveDraws : IDraws
{
    [ThreadStatic] private static System.Random? _random;
    private static System.Random Random => _random ??= new System.Random(20030401);

    public static double Binomial(ref RandomStream rng, double n, double p) =>
        n <= 0 || p <= 0 ? 0 : p >= 1 ? n : new MathNet.Numerics.Distributions.Binomial(p, (int)n, Random).Sample();

    public static double Poisson(ref RandomStream rng, double mean) =>
        mean <= 0 ? 0 : new MathNet.Numerics.Distributions.Poisson(mean, Random).Sample();

    public static double Whole(double x) => Math.Floor(x);
}
