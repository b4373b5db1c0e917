using System.Collections.Immutable;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC): a posterior over the prior's parameters for
/// a stochastic simulator whose likelihood cannot be written down, from summary statistics alone.
/// </summary>
/// <remarks>
/// <para>The algorithm is the population Monte Carlo ABC of Beaumont, Cornuet, Marin and Robert (2009), "Adaptive
/// approximate Bayesian computation", Biometrika 96(4), which is the ABC-SMC of Toni, Welch, Strelkowa, Ipsen and
/// Stumpf (2009), "Approximate Bayesian computation scheme for parameter inference and model selection in dynamical
/// systems", J. R. Soc. Interface 6, with importance weights that make it exact as the tolerance falls:</para>
/// <list type="number">
/// <item>Generation 0: N draws from the prior, each simulated; all accepted with weight 1/N (ε₀ = ∞). Their
/// distances fix the distance's scales if <see cref="DistanceScaling.PriorPredictiveMad"/> is chosen.</item>
/// <item>Generation t: εₜ is the α-quantile of generation t-1's weighted distances (Drovandi and Pettitt 2011; Del
/// Moral, Doucet and Jasra 2012). Proposals pick a particle j of generation t-1 with probability wⱼ and step from it
/// with a Gaussian kernel on the unbounded scale (<see cref="PerturbationKernel"/>: Filippi et al. 2013's optimal local
/// covariance, or twice the weighted covariance as in Beaumont et al. 2009); each proposal is simulated, and accepted
/// when its distance is at most εₜ, until N are accepted.</item>
/// <item>Weights: wᵢ ∝ π(zᵢ) / Σⱼ wⱼ Kₜ(zᵢ | zⱼ), with π the prior density on the unbounded scale, Jacobian included
/// (<see cref="Prior.LogDensityUnbounded"/>), so the kernel never leaves the support and the weights stay exact.</item>
/// <item>Stop on the first of: εₜ at most <see cref="AbcSmcOptions.MinimumEpsilon"/>, the generation limit, the
/// simulation budget, the wall-clock budget, a generation whose acceptance rate would fall below the minimum, or one
/// whose effective sample size falls below the minimum (those two are dropped: see <see cref="StopReason"/>).</item>
/// </list>
/// <para>Determinism: proposal i of generation t draws its ancestor, its kernel step (or prior draw) from the Philox
/// sub-stream (seed, t, i), and its simulation gets noise coordinates fixed by (seed, t, i) (see
/// <see cref="NoiseMode"/>). Proposals are evaluated in parallel batches whose sizes depend only on earlier results,
/// and a generation keeps the first N accepted proposals in index order, so the posterior is bit-identical for any
/// <see cref="AbcSmcOptions.MaxDegreeOfParallelism"/>.</para>
/// </remarks>
public sealed class AbcSmcSampler
{
    /// <summary>A sampler for <paramref name="prior"/>, fitting <paramref name="simulator"/>'s summaries to <paramref name="observations"/>.</summary>
    /// <param name="prior">The parameters and their priors.</param>
    /// <param name="simulator">The stochastic model; returns one summary per observation, in order.</param>
    /// <param name="observations">The observed summaries.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">Every problem with the observations and options, listed in one message.</exception>
    public AbcSmcSampler(Prior prior, AbcSimulator simulator, IEnumerable<Observation> observations, AbcSmcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(observations);
        Prior = prior;
        Simulator = simulator;
        Observations = [.. observations];
        Options = options ?? new AbcSmcOptions();

        var problems = new List<string>(Options.Problems());
        if (Observations.Length == 0) problems.Add("at least one observation is needed.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in Observations)
        {
            if (o is null) { problems.Add("an observation is null."); continue; }
            if (NameRules.Problem(o.Name) is { } p) problems.Add($"observation name '{o.Name}' {p}.");
            else if (!seen.Add(o.Name)) problems.Add($"observation '{o.Name}' appears twice.");
            if (!double.IsFinite(o.Value)) problems.Add($"observation '{o.Name}' has value {Check.Text(o.Value)}; it must be a finite number.");
            if (!double.IsNaN(o.Uncertainty) && !(o.Uncertainty > 0 && double.IsFinite(o.Uncertainty)))
                problems.Add($"observation '{o.Name}' has uncertainty {Check.Text(o.Uncertainty)}; it must be a finite number above 0, or NaN for none stated.");
            else if (double.IsNaN(o.Uncertainty) && Options.Scaling == DistanceScaling.StatedUncertainty)
                problems.Add($"observation '{o.Name}' states no uncertainty, which Scaling = StatedUncertainty needs (or choose PriorPredictiveMad).");
        }
        if (problems.Count > 0) throw new ArgumentException("Cannot run ABC-SMC:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>The prior.</summary>
    public Prior Prior { get; }

    /// <summary>The simulator.</summary>
    public AbcSimulator Simulator { get; }

    /// <summary>The observations.</summary>
    public ImmutableArray<Observation> Observations { get; }

    /// <summary>The settings.</summary>
    public AbcSmcOptions Options { get; }

    /// <summary>Runs the sampler to a stopping rule and returns the last completed generation.</summary>
    /// <param name="progress">Told after every parallel batch; called on the running thread.</param>
    /// <param name="cancellationToken">Stops the run with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="AbcSimulationException">The simulator threw, or returned the wrong number of summaries or a value that is not finite.</exception>
    public AbcPosterior Run(IProgress<AbcProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new SamplerRun(this, progress, cancellationToken).Execute();
}
