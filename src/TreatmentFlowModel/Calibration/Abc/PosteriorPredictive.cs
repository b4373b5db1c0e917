using System.Collections.Immutable;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// The posterior predictive check (Gelman, Meng and Stern 1996): simulate the model at parameter sets drawn from the
/// posterior, each with fresh noise, and set each observation beside the median and band of its simulated summary.
/// An observation outside its band is one the calibrated model does not reproduce.
/// </summary>
public static class PosteriorPredictive
{
    /// <summary>The median and band of every summary the simulator returns, beside its observation.</summary>
    /// <param name="posterior">The posterior to draw from (draw i is <see cref="AbcPosterior.Draw"/>(seed, i)).</param>
    /// <param name="simulator">The model; returns one summary per observation, in order.</param>
    /// <param name="observations">
    /// The observations to set the summaries beside; null for the posterior's own. Pass others (with a simulator that
    /// returns them) for an out-of-sample check on figures held back from the calibration.
    /// </param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="AbcSimulationException">The simulator threw, or returned the wrong number of summaries or a value that is not finite.</exception>
    public static ImmutableArray<PredictiveSummary> Run(AbcPosterior posterior, AbcSimulator simulator, IReadOnlyList<Observation>? observations = null,
        PredictiveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentNullException.ThrowIfNull(simulator);
        observations ??= posterior.Observations;
        options ??= new PredictiveOptions();
        var problems = new List<string>();
        if (options.Draws < 1) problems.Add($"Draws must be at least 1 (was {options.Draws}).");
        if (!(options.BandProbability > 0 && options.BandProbability < 1)) problems.Add($"BandProbability must lie strictly between 0 and 1 (was {Check.Text(options.BandProbability)}).");
        if (options.MaxDegreeOfParallelism is 0 or < -1) problems.Add($"MaxDegreeOfParallelism must be -1 or at least 1 (was {options.MaxDegreeOfParallelism}).");
        if (observations.Count == 0) problems.Add("at least one observation is needed.");
        if (problems.Count > 0) throw new ArgumentException("Cannot run the posterior predictive check:\n  " + string.Join("\n  ", problems));

        int k = observations.Count;
        var simulated = new double[options.Draws][];
        var failures = new string?[options.Draws];
        var errors = new Exception?[options.Draws];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        ulong noiseSeed = AbcStreams.PredictiveSeed(options.Seed);
        Parallel.For(0, options.Draws, parallel, i =>
        {
            var theta = posterior.Draw(options.Seed, i);
            try
            {
                var s = simulator(theta, new SimulationContext(SimulationPurpose.PosteriorPredictive, -1, i, noiseSeed, i, cancellationToken));
                if (s is null || s.Length != k) failures[i] = $"it returned {(s is null ? "null" : $"{s.Length} summaries")} where there are {k} observations";
                else if (Array.FindIndex(s, v => !double.IsFinite(v)) is int bad and >= 0) failures[i] = $"it returned {Check.Text(s[bad])} for observation '{observations[bad].Name}'; summaries must be finite";
                else simulated[i] = s;
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });
        cancellationToken.ThrowIfCancellationRequested();
        for (int i = 0; i < options.Draws; i++)
            if (failures[i] is not null || errors[i] is not null)
            {
                var theta = posterior.Draw(options.Seed, i);
                string parameters = string.Join(", ", posterior.ParameterNames.Select((name, p) => $"{name} = {Check.Text(theta[p])}"));
                throw new AbcSimulationException($"The simulator failed at posterior predictive draw {i}, parameters ({parameters}): {failures[i] ?? errors[i]!.Message}", errors[i]);
            }

        double tail = 0.5 * (1 - options.BandProbability);
        var column = new double[options.Draws];
        var rows = ImmutableArray.CreateBuilder<PredictiveSummary>(k);
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < options.Draws; i++) column[i] = simulated[i][j];
            var o = observations[j];
            rows.Add(new PredictiveSummary(o.Name, o.Value, o.Uncertainty, WeightedStatistics.Quantile(column, 0.5),
                WeightedStatistics.Quantile(column, tail), WeightedStatistics.Quantile(column, 1 - tail)));
        }
        return rows.MoveToImmutable();
    }
}
