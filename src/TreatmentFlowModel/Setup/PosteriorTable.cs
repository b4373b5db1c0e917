using System.Collections.Immutable;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// A scenario's calibration posterior resolved for the engine: each column's parameter, the particles, their cumulative
/// weights (for a draw by one uniform, exactly as the ABC code's <c>AbcPosterior.DrawIndex</c>) and the posterior means
/// (for the deterministic mode).
/// </summary>
internal sealed class PosteriorTable
{
    private readonly double[] _cumulative;

    public PosteriorTable(PosteriorSample sample)
    {
        var targets = sample.Names.Select(n => PosteriorSample.Resolve(n, out _)!.Value).ToArray();
        Scalar = [.. targets.Select(t => t.Scalar is { } id ? (int)id : -1)];
        Modality = [.. targets.Select(t => (int)t.Modality)];
        PerModality = [.. targets.Select(t => (int)t.PerModality)];
        Particles = sample.Particles;
        Weights = sample.Weights;
        Means = [.. Enumerable.Range(0, sample.Names.Length).Select(sample.Mean)];
        _cumulative = new double[Weights.Length];
        double running = 0;
        for (int i = 0; i < Weights.Length; i++) _cumulative[i] = running += Weights[i];
    }

    /// <summary>Per column: the scalar parameter's index, or -1 for a per-modality parameter.</summary>
    public ImmutableArray<int> Scalar { get; }

    /// <summary>Per column: the modality of a per-modality parameter.</summary>
    public ImmutableArray<int> Modality { get; }

    /// <summary>Per column: the per-modality parameter.</summary>
    public ImmutableArray<int> PerModality { get; }

    /// <summary>The parameter sets.</summary>
    public ImmutableArray<ImmutableArray<double>> Particles { get; }

    /// <summary>Their weights.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Each column's posterior mean.</summary>
    public ImmutableArray<double> Means { get; }

    /// <summary>
    /// The particle a uniform <paramref name="u"/> in [0, 1) picks with probability equal to its weight: the first whose
    /// cumulative weight exceeds u × the total (a trailing particle of zero weight is never picked).
    /// </summary>
    public int Index(double u)
    {
        double target = u * _cumulative[^1];
        int low = CumulativeWeights.FirstAbove(_cumulative, target);
        while (Weights[low] == 0 && low > 0) low--;
        return low;
    }
}
