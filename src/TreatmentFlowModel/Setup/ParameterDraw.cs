using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// One parameter value as the engine draws it once per replicate: its distribution and the bounds a draw is truncated
/// to (the parameter's allowed range, resolved when the model is frozen: the catalogue's, or narrower where the
/// scenario's own span narrows it, as for budget growth compounded over decades).
/// </summary>
/// <param name="Distribution">The value or distribution.</param>
/// <param name="Min">Lowest value a draw may take.</param>
/// <param name="Max">Highest value a draw may take.</param>
internal readonly record struct ParameterDraw(Distribution Distribution, double Min, double Max)
{
    /// <summary>The value for <paramref name="info"/>'s parameter, with its catalogue bounds, or <paramref name="narrowed"/> ones when given.</summary>
    public static ParameterDraw Of(Distribution distribution, ParameterInfo info, NarrowedBounds? narrowed = null)
    {
        var (min, max) = narrowed is { } n ? (n.Min, n.Max) : ParameterCatalog.Bounds(info);
        return new ParameterDraw(distribution, min, max);
    }

    /// <summary>
    /// A draw from <paramref name="random"/> (none for a fixed value, which consumes no random numbers), or the mean
    /// when <paramref name="expected"/> (the deterministic mode, which consumes none either).
    /// </summary>
    public double Draw(System.Random random, bool expected) => expected ? Distribution.Mean : Distribution.Sample(random, Min, Max);
}
