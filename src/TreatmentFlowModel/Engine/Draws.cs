using System.Runtime.CompilerServices;
using TreatmentFlowModel.Random;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// How a flow is realised: a random draw (chain-binomial) or its expected value (deterministic mode).
/// The engine is generic over this with static abstract members, so the JIT compiles each mode
/// separately with no virtual call per flow.
/// </summary>
internal interface IDraws
{
    /// <summary>Number of <paramref name="n"/> people who make a move with probability <paramref name="p"/>.</summary>
    static abstract double Binomial(ref RandomStream rng, double n, double p);

    /// <summary>Number of arrivals with mean <paramref name="mean"/>.</summary>
    static abstract double Poisson(ref RandomStream rng, double mean);

    /// <summary>Whole people (stochastic) or fractions (deterministic).</summary>
    static abstract double Whole(double x);
}

/// <summary>Chain-binomial draws on whole people.</summary>
internal readonly struct StochasticDraws : IDraws
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Binomial(ref RandomStream rng, double n, double p) => Samplers.Binomial(ref rng, n, p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Poisson(ref RandomStream rng, double mean) => Samplers.Poisson(ref rng, mean);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Whole(double x) => Math.Floor(x);
}

/// <summary>Expected values: the same equations with every draw replaced by its mean.</summary>
internal readonly struct ExpectedDraws : IDraws
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Binomial(ref RandomStream rng, double n, double p) => n * p;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Poisson(ref RandomStream rng, double mean) => mean;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Whole(double x) => x;
}

/// <summary>Splits of a count over several outcomes, drawn with a <see cref="IDraws"/> policy.</summary>
internal static class Splits<TDraws> where TDraws : struct, IDraws
{
    /// <summary>
    /// A Multinomial(n, p) split into <paramref name="into"/> by conditional binomials, with p given as its chain of
    /// conditional probabilities (<see cref="Hazards.ConditionalChain"/>, one fewer than the categories): category i
    /// gets Binomial(n left, chain[i]) and the last one what is left. Allocates nothing.
    /// </summary>
    public static void Multinomial(ref RandomStream rng, double n, ReadOnlySpan<double> chain, Span<double> into)
    {
        double left = n;
        for (int i = 0; i < chain.Length; i++)
        {
            into[i] = left > 0 ? TDraws.Binomial(ref rng, left, chain[i]) : 0;
            left -= into[i];
        }
        into[chain.Length] = left;
    }
}
