using System.Collections.Immutable;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// Parameter recovery (issue 15, item 7a): simulate synthetic data at known parameter values, calibrate on each data
/// set as on the real one, and count how often the posterior interval holds the truth. With truths drawn from the
/// prior, a correct sampler's 90% intervals hold the truth in 90% of cases on average (Cook, Gelman and Rubin 2006,
/// "Validation of software for Bayesian models using posterior quantiles", J. Comput. Graph. Stat. 15(3)); ABC's
/// non-zero tolerance widens the posterior, so ABC intervals tend to cover a little more often. For fixed truths
/// chosen by hand coverage is not guaranteed to be nominal (it depends on where the truth sits in the prior), which is
/// why <see cref="TruthsFromPrior"/> exists.
/// </summary>
public static class RecoveryStudy
{
    /// <summary>Runs the study: one synthetic data set and one calibration per truth, in order.</summary>
    /// <param name="prior">The prior the sampler uses.</param>
    /// <param name="simulator">The model being calibrated.</param>
    /// <param name="truths">Parameter values to simulate data at, each in the prior's order and inside its support.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="progress">Told after each case.</param>
    /// <param name="cancellationToken">Stops the study with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The coverage table and every case.</returns>
    public static RecoveryResult Run(Prior prior, AbcSimulator simulator, IReadOnlyList<double[]> truths, RecoveryOptions? options = null,
        IProgress<RecoveryCase>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(truths);
        options ??= new RecoveryOptions();
        var problems = new List<string>();
        if (truths.Count == 0) problems.Add("at least one truth is needed.");
        for (int i = 0; i < truths.Count; i++)
            if (truths[i] is null || truths[i].Length != prior.Count) problems.Add($"truth {i} has {truths[i]?.Length ?? 0} values; the prior has {prior.Count} parameters.");
            else if (!double.IsFinite(prior.LogDensity(truths[i]))) problems.Add($"truth {i} lies outside the prior's support.");
        if (!(options.IntervalProbability > 0 && options.IntervalProbability < 1)) problems.Add($"IntervalProbability must lie strictly between 0 and 1 (was {Check.Text(options.IntervalProbability)}).");
        if (problems.Count > 0) throw new ArgumentException("Cannot run the recovery study:\n  " + string.Join("\n  ", problems));

        var dataSimulator = options.DataSimulator ?? simulator;
        ulong seed = options.Sampler.Seed;
        ulong dataSeed = AbcStreams.SyntheticDataSeed(seed);
        double tail = 0.5 * (1 - options.IntervalProbability);
        var cases = new List<RecoveryCase>(truths.Count);
        for (int c = 0; c < truths.Count; c++)
        {
            var truth = truths[c];
            var data = dataSimulator((double[])truth.Clone(), new SimulationContext(SimulationPurpose.SyntheticData, -1, c, dataSeed, c, cancellationToken));
            if (data is null || data.Length == 0 || data.Any(v => !double.IsFinite(v)))
                throw new AbcSimulationException($"The data simulator returned {(data is null ? "null" : "no summaries or a value that is not finite")} for truth {c}.");
            if (options.SummaryNames is { } names && names.Count != data.Length)
                throw new ArgumentException($"SummaryNames has {names.Count} names; the data simulator returned {data.Length} summaries.", nameof(options));
            if (options.Uncertainties is { } uncertainties && uncertainties.Count != data.Length)
                throw new ArgumentException($"Uncertainties has {uncertainties.Count} values; the data simulator returned {data.Length} summaries.", nameof(options));
            var observations = new List<Observation>(data.Length);
            for (int k = 0; k < data.Length; k++)
                observations.Add(new Observation(options.SummaryNames?[k] ?? $"summary_{k + 1}", data[k], options.Uncertainties?[k] ?? double.NaN));
            var sampler = new AbcSmcSampler(prior, simulator, observations, options.Sampler with { Seed = AbcStreams.CaseSeed(seed, c) });
            var posterior = sampler.Run(cancellationToken: cancellationToken);
            var result = new RecoveryCase(c, [.. truth], [.. data],
                [.. Enumerable.Range(0, prior.Count).Select(p => posterior.Quantile(p, tail))],
                [.. Enumerable.Range(0, prior.Count).Select(p => posterior.Quantile(p, 0.5))],
                [.. Enumerable.Range(0, prior.Count).Select(p => posterior.Quantile(p, 1 - tail))],
                posterior.TotalSimulations, posterior.Generations[^1].Generation, posterior.Epsilon, posterior.StopReason);
            cases.Add(result);
            progress?.Report(result);
        }
        return new RecoveryResult(prior.Names, options.IntervalProbability, cases);
    }

    /// <summary>
    /// <paramref name="count"/> parameter sets drawn from the prior, reproducibly from <paramref name="seed"/>: the
    /// truths for which nominal coverage is guaranteed.
    /// </summary>
    public static IReadOnlyList<double[]> TruthsFromPrior(Prior prior, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var truths = new List<double[]>(count);
        for (int i = 0; i < count; i++)
        {
            var theta = new double[prior.Count];
            prior.Sample(AbcStreams.Truth(seed, i), theta);
            truths.Add(theta);
        }
        return truths;
    }
}
