using System.Collections.Immutable;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// The result of an ABC-SMC run: the last completed generation's particles (parameter sets) with their importance
/// weights and distances, the observations and distance scales they were fitted with, and every generation's
/// diagnostics. Weighted summaries (<see cref="Summaries"/>, <see cref="Quantile"/>) describe the posterior;
/// <see cref="Draw"/> gives each forecast replicate its own parameter set. Saved and read by <see cref="AbcPosteriorCsv"/>.
/// </summary>
public sealed class AbcPosterior
{
    private readonly double[] _cumulative;

    /// <summary>A posterior from its parts, checked for consistency (the seed is <paramref name="settings"/>' seed).</summary>
    /// <exception cref="ArgumentException">Lengths disagree, a value is not finite, a weight is negative, or the weights do not sum to 1 within 10^-9.</exception>
    public AbcPosterior(IEnumerable<string> parameterNames, IEnumerable<IReadOnlyList<double>> particles, IEnumerable<double> weights,
        IEnumerable<double> distances, IEnumerable<Observation> observations, IEnumerable<double> distanceScales,
        IEnumerable<GenerationDiagnostics> generations, StopReason stopReason, AbcSmcOptions settings, long totalSimulations)
    {
        ParameterNames = [.. parameterNames];
        Particles = [.. particles.Select(p => p.ToImmutableArray())];
        Weights = [.. weights];
        Distances = [.. distances];
        Observations = [.. observations];
        DistanceScales = [.. distanceScales];
        Generations = [.. generations];
        StopReason = stopReason;
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        TotalSimulations = totalSimulations;

        var problems = new List<string>();
        foreach (var name in ParameterNames) if (NameRules.Problem(name) is { } p) problems.Add($"parameter name '{name}' {p}");
        if (ParameterNames.Length == 0) problems.Add("no parameters");
        foreach (var o in Observations) if (NameRules.Problem(o.Name) is { } p) problems.Add($"observation name '{o.Name}' {p}");
        if (Particles.Length == 0) problems.Add("no particles");
        if (Weights.Length != Particles.Length) problems.Add($"{Weights.Length} weights for {Particles.Length} particles");
        if (Distances.Length != Particles.Length) problems.Add($"{Distances.Length} distances for {Particles.Length} particles");
        for (int i = 0; i < Particles.Length; i++)
        {
            if (Particles[i].Length != ParameterNames.Length) problems.Add($"particle {i} has {Particles[i].Length} values for {ParameterNames.Length} parameters");
            else if (Particles[i].Any(v => !double.IsFinite(v))) problems.Add($"particle {i} has a value that is not finite");
        }
        if (Weights.Any(w => !(w >= 0 && double.IsFinite(w)))) problems.Add("a weight is negative or not finite");
        else if (Weights.Length > 0 && Math.Abs(Weights.Sum() - 1) > 1e-9) problems.Add($"the weights sum to {Check.Text(Weights.Sum())}, not 1");
        if (Distances.Any(x => !(x >= 0))) problems.Add("a distance is negative or NaN");
        if (DistanceScales.Length != Observations.Length) problems.Add($"{DistanceScales.Length} distance scales for {Observations.Length} observations");
        if (Generations.Length == 0) problems.Add("no generation diagnostics");
        if (problems.Count > 0) throw new ArgumentException("Inconsistent posterior: " + string.Join("; ", problems) + ".");

        _cumulative = new double[Weights.Length];
        double running = 0;
        for (int i = 0; i < Weights.Length; i++) _cumulative[i] = running += Weights[i];
    }

    /// <summary>The parameters' names, in the order of each particle's values.</summary>
    public ImmutableArray<string> ParameterNames { get; }

    /// <summary>The particles: one parameter set per particle.</summary>
    public ImmutableArray<ImmutableArray<double>> Particles { get; }

    /// <summary>Each particle's normalised importance weight (they sum to 1).</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Each particle's distance from the observations.</summary>
    public ImmutableArray<double> Distances { get; }

    /// <summary>The observations the run fitted.</summary>
    public ImmutableArray<Observation> Observations { get; }

    /// <summary>Each observation's scale in the distance (see <see cref="DistanceScaling"/>).</summary>
    public ImmutableArray<double> DistanceScales { get; }

    /// <summary>Every completed generation, the last one being this posterior's.</summary>
    public ImmutableArray<GenerationDiagnostics> Generations { get; }

    /// <summary>Why the run stopped.</summary>
    public StopReason StopReason { get; }

    /// <summary>
    /// The sampler's settings. Those that decide the result are saved with the posterior (see
    /// <see cref="AbcPosteriorCsv"/>); <see cref="AbcSmcOptions.MaxDegreeOfParallelism"/> and
    /// <see cref="AbcSmcOptions.WallClockBudget"/> are not, and read back as their defaults.
    /// </summary>
    public AbcSmcOptions Settings { get; }

    /// <summary>The sampler's seed.</summary>
    public ulong Seed => Settings.Seed;

    /// <summary>Simulations run in all, including any generation abandoned at the end.</summary>
    public long TotalSimulations { get; }

    /// <summary>The final tolerance.</summary>
    public double Epsilon => Generations[^1].Epsilon;

    /// <summary>Kish's effective sample size of the weights.</summary>
    public double EffectiveSampleSize => WeightedStatistics.EffectiveSampleSize(Weights.AsSpan());

    /// <summary>The index of the parameter named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No parameter has that name.</exception>
    public int IndexOf(string name)
    {
        int i = ParameterNames.IndexOf(name);
        return i >= 0 ? i : throw new ArgumentException($"No parameter is named '{name}'; the posterior has {string.Join(", ", ParameterNames)}.", nameof(name));
    }

    /// <summary>All particles' values of parameter <paramref name="parameter"/>.</summary>
    public double[] Values(int parameter)
    {
        CheckParameter(parameter);
        var values = new double[Particles.Length];
        for (int i = 0; i < values.Length; i++) values[i] = Particles[i][parameter];
        return values;
    }

    /// <summary>Weighted mean of parameter <paramref name="parameter"/>.</summary>
    public double Mean(int parameter) => WeightedStatistics.Mean(Values(parameter), Weights.AsSpan());

    /// <summary>Weighted standard deviation of parameter <paramref name="parameter"/>.</summary>
    public double StandardDeviation(int parameter) => WeightedStatistics.StandardDeviation(Values(parameter), Weights.AsSpan());

    /// <summary>
    /// Weighted <paramref name="probability"/>-quantile of parameter <paramref name="parameter"/>: the smallest particle
    /// value whose cumulative weight reaches the probability (inverse of the weighted empirical distribution function).
    /// </summary>
    public double Quantile(int parameter, double probability)
    {
        if (!(probability >= 0 && probability <= 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, $"probability must lie in [0, 1] (was {Check.Text(probability)}).");
        return WeightedStatistics.Quantile(Values(parameter), Weights.AsSpan(), probability);
    }

    /// <summary>Mean, standard deviation and 5/50/95% quantiles of every parameter.</summary>
    public ImmutableArray<ParameterSummary> Summaries() =>
        [.. ParameterNames.Select((name, p) => new ParameterSummary(name, Mean(p), StandardDeviation(p), Quantile(p, 0.05), Quantile(p, 0.50), Quantile(p, 0.95)))];

    /// <summary>
    /// The parameter set of forecast replicate <paramref name="replicate"/>: a particle drawn with probability equal
    /// to its weight, by one uniform from the Philox sub-stream of (<paramref name="seed"/>, replicate), so the same
    /// scenario seed and replicate always get the same set, whatever the thread count or the replicates run before.
    /// Drawing a set per replicate carries calibration uncertainty into every forecast band.
    /// </summary>
    /// <param name="seed">The forecast's seed (the scenario seed).</param>
    /// <param name="replicate">The replicate, 0 or more.</param>
    /// <returns>A fresh copy of the drawn particle's values, in <see cref="ParameterNames"/> order.</returns>
    public double[] Draw(ulong seed, int replicate) => [.. Particles[DrawIndex(seed, replicate)]];

    /// <summary>The index of the particle <see cref="Draw"/> returns.</summary>
    public int DrawIndex(ulong seed, int replicate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicate);
        double target = AbcStreams.PosteriorDraw(seed, replicate).NextDouble() * _cumulative[^1];
        int low = CumulativeWeights.FirstAbove(_cumulative, target);
        while (Weights[low] == 0 && low > 0) low--; // only rounding can land on a trailing particle of zero weight
        return low;
    }

    private void CheckParameter(int parameter)
    {
        if ((uint)parameter >= (uint)ParameterNames.Length)
            throw new ArgumentOutOfRangeException(nameof(parameter), parameter, $"parameter must lie in [0, {ParameterNames.Length - 1}] (was {parameter}).");
    }
}
