using System.Diagnostics;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>One run of <see cref="AbcSmcSampler"/>: the generation loop and its state.</summary>
internal sealed class SamplerRun
{
    private readonly AbcSmcSampler _sampler;
    private readonly AbcSmcOptions _options;
    private readonly Prior _prior;
    private readonly IProgress<AbcProgress>? _progress;
    private readonly CancellationToken _cancellation;
    private readonly ParallelOptions _parallel;
    private readonly Stopwatch _clock = new();
    private readonly List<GenerationDiagnostics> _generations = [];
    private long _totalSimulations;

    public SamplerRun(AbcSmcSampler sampler, IProgress<AbcProgress>? progress, CancellationToken cancellation)
    {
        _sampler = sampler;
        _options = sampler.Options;
        _prior = sampler.Prior;
        _progress = progress;
        _cancellation = cancellation;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellation };
    }

    private int N => _options.PopulationSize;

    private int D => _prior.Count;

    public AbcPosterior Execute()
    {
        _clock.Start();

        // Generation 0: the prior sample. Its simulations fix the distance's scales when they come from the prior predictive.
        var first = Fill(0, double.PositiveInfinity, kernel: null, distance: null, maxProposals: N, out _);
        var observations = _sampler.Observations;
        var distance = _options.Scaling == DistanceScaling.StatedUncertainty
            ? ScaledDistance.FromStatedUncertainty(observations)
            : ScaledDistance.FromPriorPredictive(observations, [.. first.Select(o => o.Summaries!)]);
        var distances = first.Select(o => distance.Distance(o.Summaries)).ToArray();
        var population = Assemble(first, Enumerable.Repeat(1.0 / N, N).ToArray(), distances, double.PositiveInfinity);
        Complete(0, population, proposals: N, simulations: N);

        var stop = StopReason.MaximumGenerations; // MaximumGenerations = 0; every other way out of the loop sets its own reason
        for (int t = 1; t <= _options.MaximumGenerations; t++)
        {
            if (NextEpsilon(population) is not { } epsilon) { stop = StopReason.ToleranceStalled; break; }
            // Do not start a generation the budget cannot pay for even at the last acceptance rate (rates only fall).
            if (_options.MaximumSimulations - _totalSimulations < N / _generations[^1].AcceptanceRate) { stop = StopReason.SimulationBudget; break; }
            if (WallClockExceeded) { stop = StopReason.WallClockBudget; break; }

            var kernel = KernelMixture.Build(population, epsilon, _options.Kernel);
            long maxProposals = _options.MinimumAcceptanceRate > 0 ? (long)Math.Ceiling(N / _options.MinimumAcceptanceRate) : long.MaxValue;
            var accepted = Fill(t, epsilon, kernel, distance, maxProposals, out var fill);
            if (fill.Abandoned is { } reason) { stop = reason; break; }

            var weights = new double[N];
            Parallel.For(0, N, _parallel, i =>
                weights[i] = _prior.LogDensityUnbounded(accepted[i].Z, accepted[i].Theta) - kernel.LogDensity(accepted[i].Z));
            WeightedStatistics.NormalizeLogWeights(weights);
            if (WeightedStatistics.EffectiveSampleSize(weights) < _options.MinimumEffectiveSampleFraction * N) { stop = StopReason.EffectiveSampleSizeBelowMinimum; break; }
            population = Assemble(accepted, weights, fill.Distances, epsilon);
            Complete(t, population, fill.Proposals, fill.Simulations);

            if (epsilon <= _options.MinimumEpsilon) { stop = StopReason.MinimumEpsilonReached; break; }
            if (t == _options.MaximumGenerations) { stop = StopReason.MaximumGenerations; break; }
            if (_totalSimulations >= _options.MaximumSimulations) { stop = StopReason.SimulationBudget; break; }
            if (WallClockExceeded) { stop = StopReason.WallClockBudget; break; }
        }

        var particles = new List<double[]>(N);
        for (int i = 0; i < N; i++) particles.Add(population.Theta.AsSpan(i * D, D).ToArray());
        return new AbcPosterior(_prior.Names, particles, population.Weights, population.Distances, observations, distance.Scales,
            _generations, stop, _options, _totalSimulations);
    }

    private bool WallClockExceeded => _options.WallClockBudget is { } budget && _clock.Elapsed >= budget;

    /// <summary>
    /// The next tolerance: the α-quantile of the weighted distances, forced strictly below the current tolerance (to the
    /// largest distance under it when ties put the quantile on it) and not below the minimum; null when no particle lies
    /// below the current tolerance.
    /// </summary>
    private double? NextEpsilon(Population population)
    {
        double epsilon = WeightedStatistics.Quantile(population.Distances, population.Weights, _options.Alpha);
        if (epsilon >= population.Epsilon)
        {
            double below = double.NegativeInfinity;
            for (int i = 0; i < population.Count; i++)
                if (population.Weights[i] > 0 && population.Distances[i] < population.Epsilon) below = Math.Max(below, population.Distances[i]);
            if (below == double.NegativeInfinity) return null;
            epsilon = below;
        }
        return Math.Max(epsilon, _options.MinimumEpsilon);
    }

    /// <summary>How a generation's filling went.</summary>
    private readonly record struct FillSummary(long Proposals, long Simulations, double[] Distances, StopReason? Abandoned);

    /// <summary>
    /// Evaluates proposals 0, 1, 2, … of <paramref name="generation"/> in parallel batches until N are accepted, and
    /// returns the first N accepted in index order. Abandons the generation (fill.Abandoned set) once it has made
    /// <paramref name="maxProposals"/> proposals, spent the simulation budget or run out of time; generation 0 accepts
    /// every proposal and is never abandoned.
    /// </summary>
    private List<ProposalOutcome> Fill(int generation, double epsilon, KernelMixture? kernel, ScaledDistance? distance, long maxProposals, out FillSummary fill)
    {
        var accepted = new List<ProposalOutcome>(N);
        var distances = new double[N];
        long evaluated = 0, simulations = 0, used = 0;
        // First guess of the acceptance rate: α for generation 1 (ε₁ is the α-quantile of the prior predictive), then the last generation's rate.
        double guess = generation == 0 ? 1 : generation == 1 ? _options.Alpha : _generations[^1].AcceptanceRate;
        while (accepted.Count < N)
        {
            _cancellation.ThrowIfCancellationRequested();
            if (generation > 0)
            {
                StopReason? reason = evaluated >= maxProposals ? StopReason.AcceptanceRateBelowMinimum
                    : _totalSimulations >= _options.MaximumSimulations ? StopReason.SimulationBudget
                    : WallClockExceeded ? StopReason.WallClockBudget : null;
                if (reason is not null) { fill = new FillSummary(evaluated, simulations, distances, reason); return accepted; }
            }
            int remaining = N - accepted.Count;
            double rate = accepted.Count > 0 ? (double)accepted.Count / evaluated : evaluated > 0 ? Math.Min(guess, 0.5 / evaluated) : guess;
            long size = Math.Clamp((long)Math.Ceiling(remaining / rate), AbcSmcOptions.MinimumBatchSize, N);
            if (generation > 0) size = Math.Min(size, Math.Min(maxProposals - evaluated, _options.MaximumSimulations - _totalSimulations));

            var outcomes = new ProposalOutcome[size];
            long start = evaluated;
            Parallel.For(0, (int)size, _parallel, i => outcomes[i] = Propose(generation, checked((int)(start + i)), kernel));
            for (int i = 0; i < outcomes.Length; i++)
            {
                var outcome = outcomes[i];
                if (outcome.Failed) throw Failure(generation, (int)(start + i), outcome);
                if (!outcome.Simulated) continue;
                simulations++;
                _totalSimulations++;
                if (accepted.Count == N) continue; // ran in the same batch after the population filled: paid for, not used
                double d = distance?.Distance(outcome.Summaries) ?? 0;
                if (generation == 0 || d <= epsilon)
                {
                    distances[accepted.Count] = d;
                    accepted.Add(outcome);
                    if (accepted.Count == N) used = start + i + 1;
                }
            }
            evaluated += size;
            _progress?.Report(new AbcProgress(generation, epsilon, accepted.Count, N, accepted.Count == N ? used : evaluated,
                _totalSimulations, _options.MaximumSimulations, _clock.Elapsed, IsGenerationComplete: false, double.NaN));
        }
        fill = new FillSummary(used, simulations, distances, null);
        return accepted;
    }

    /// <summary>Proposal <paramref name="index"/> of <paramref name="generation"/>, simulated; every random draw from its own sub-stream.</summary>
    private ProposalOutcome Propose(int generation, int index, KernelMixture? kernel)
    {
        var random = AbcStreams.Proposal(_options.Seed, generation, index);
        var theta = new double[D];
        var z = new double[D];
        if (kernel is null)
        {
            _prior.Sample(random, theta);
            _prior.ToUnbounded(theta, z);
        }
        else
        {
            kernel.Perturb(kernel.PickAncestor(random.NextDouble()), random, z);
            if (!_prior.TryFromUnbounded(z, theta)) return ProposalOutcome.OutsideSupport;
        }
        var context = new SimulationContext(SimulationPurpose.Calibration, generation, index,
            AbcStreams.NoiseSeed(_options.Seed, _options.Noise, generation), AbcStreams.NoiseReplicate(_options.Noise, index), _cancellation);
        double[] summaries;
        try
        {
            summaries = _sampler.Simulator((double[])theta.Clone(), context);
        }
        catch (Exception e)
        {
            return new ProposalOutcome(theta, z, null, e, null);
        }
        if (summaries is null || summaries.Length != _sampler.Observations.Length)
            return new ProposalOutcome(theta, z, null, null,
                $"it returned {(summaries is null ? "null" : $"{summaries.Length} summaries")} where there are {_sampler.Observations.Length} observations");
        for (int k = 0; k < summaries.Length; k++)
            if (!double.IsFinite(summaries[k]))
                return new ProposalOutcome(theta, z, null, null,
                    $"it returned {Check.Text(summaries[k])} for observation '{_sampler.Observations[k].Name}'; summaries must be finite");
        return new ProposalOutcome(theta, z, summaries, null, null);
    }

    private Exception Failure(int generation, int index, ProposalOutcome outcome)
    {
        if (outcome.Error is OperationCanceledException && _cancellation.IsCancellationRequested) return outcome.Error;
        string parameters = string.Join(", ", _prior.Names.Select((name, p) => $"{name} = {Check.Text(outcome.Theta![p])}"));
        return new AbcSimulationException(
            $"The simulator failed at generation {generation}, proposal {index}, parameters ({parameters}): {outcome.Problem ?? outcome.Error!.Message}", outcome.Error);
    }

    private Population Assemble(List<ProposalOutcome> outcomes, double[] weights, double[] distances, double epsilon)
    {
        var theta = new double[N * D];
        var z = new double[N * D];
        for (int i = 0; i < N; i++)
        {
            outcomes[i].Theta!.CopyTo(theta, i * D);
            outcomes[i].Z!.CopyTo(z, i * D);
        }
        return new Population(D, theta, z, weights, distances, epsilon);
    }

    private void Complete(int generation, Population population, long proposals, long simulations)
    {
        double ess = WeightedStatistics.EffectiveSampleSize(population.Weights);
        _generations.Add(new GenerationDiagnostics(generation, population.Epsilon, proposals, simulations, _totalSimulations, N, ess));
        _progress?.Report(new AbcProgress(generation, population.Epsilon, N, N, proposals, _totalSimulations, _options.MaximumSimulations,
            _clock.Elapsed, IsGenerationComplete: true, ess));
    }
}
