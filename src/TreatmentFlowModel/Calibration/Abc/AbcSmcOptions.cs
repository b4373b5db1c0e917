namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// Settings of <see cref="AbcSmcSampler"/>. The defaults are sized for the model's real calibration: about 10^4
/// simulations fit in the hour <c>tfm calibrate</c> may take on a 2-core machine (0.1 s per national replicate to
/// 2002/03); see each property for its source.
/// </summary>
public sealed record AbcSmcOptions
{
    /// <summary>
    /// Particles per generation, N.
    /// <value>The default is 400 (assumption, sized to the budget): enough for 5/50/95% quantiles (the 5% quantile's
    /// standard error in probability is √(0.05 × 0.95 / ESS), about 1.2 points at an effective sample size of 300), and
    /// small enough that 10^4 simulations buy generation 0 plus five or six generations.</value>
    /// </summary>
    public int PopulationSize { get; init; } = 400;

    /// <summary>
    /// The quantile α of the previous generation's (weighted) distances taken as the next tolerance: the adaptive
    /// schedule of Drovandi and Pettitt (2011), "Estimation of parameters for macroparasite population evolution using
    /// approximate Bayesian computation", Biometrics 67(1), as in Del Moral, Doucet and Jasra (2012), "An adaptive
    /// sequential Monte Carlo method for approximate Bayesian computation", Stat. Comput. 22.
    /// <value>The default is 0.5, the median (Drovandi and Pettitt; pyABC's default): a smaller α shrinks ε faster but
    /// lowers the acceptance rate roughly in proportion.</value>
    /// </summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>
    /// Stop once a generation's tolerance is at most this (in the distance's units, see <see cref="DistanceScaling"/>).
    /// <value>The default is 0: run until another rule stops the sampler.</value>
    /// </summary>
    public double MinimumEpsilon { get; init; }

    /// <summary>
    /// Abandon a generation (and stop, returning the previous one) once it has made N / rate proposals without
    /// accepting N; 0 disables the rule.
    /// <value>The default is 0.02 (assumption; pyABC uses the same rule): below it a generation costs over 50 N
    /// simulations, more than the whole default budget for N = 400.</value>
    /// </summary>
    public double MinimumAcceptanceRate { get; init; } = 0.02;

    /// <summary>
    /// Stop after this many generations after generation 0 (the prior sample); 0 returns the prior sample.
    /// <value>The default is 20 (assumption): with α = 0.5 that would shrink ε about 10^6-fold, never reached within the default budget.</value>
    /// </summary>
    public int MaximumGenerations { get; init; } = 20;

    /// <summary>
    /// Simulations the run may spend in all (generation 0 included). A generation cut short by it is abandoned, and one
    /// is not started when fewer than N / (the last acceptance rate) simulations remain.
    /// <value>The default is 10,000: the hour of a 2-core machine at 0.1 s per simulation with 60% parallel efficiency to spare (assumption, see the note abc-api.md).</value>
    /// </summary>
    public long MaximumSimulations { get; init; } = 10_000;

    /// <summary>
    /// Wall-clock time the run may take; null for no limit. Checked between parallel batches; a generation cut short is
    /// abandoned. Unlike every other rule this one depends on the machine: the same seed may then stop at a different
    /// generation (each generation's particles are still identical).
    /// <value>The default is null.</value>
    /// </summary>
    public TimeSpan? WallClockBudget { get; init; }

    /// <summary>The perturbation kernel. <value>The default is <see cref="PerturbationKernel.OptimalLocalCovariance"/>.</value></summary>
    public PerturbationKernel Kernel { get; init; } = PerturbationKernel.OptimalLocalCovariance;

    /// <summary>How the distance weighs observations. <value>The default is <see cref="DistanceScaling.StatedUncertainty"/>.</value></summary>
    public DistanceScaling Scaling { get; init; } = DistanceScaling.StatedUncertainty;

    /// <summary>Which random numbers each simulation gets. <value>The default is <see cref="NoiseMode.Independent"/>, the correct one for ABC.</value></summary>
    public NoiseMode Noise { get; init; } = NoiseMode.Independent;

    /// <summary>The seed of every random choice of the run and of the simulations' noise. <value>The default is 1.</value></summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Simulations run at once; -1 for one per processor. Results do not depend on it.
    /// <value>The default is -1.</value>
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The fewest proposals the sampler evaluates in one parallel batch.</summary>
    internal const int MinimumBatchSize = 8;

    /// <summary>Every problem with these settings, one line each (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (PopulationSize < 2) problems.Add($"PopulationSize must be at least 2 (was {PopulationSize}).");
        if (!(Alpha > 0 && Alpha < 1)) problems.Add($"Alpha must lie strictly between 0 and 1 (was {Check.Text(Alpha)}).");
        if (!(MinimumEpsilon >= 0 && double.IsFinite(MinimumEpsilon))) problems.Add($"MinimumEpsilon must be a finite number, 0 or more (was {Check.Text(MinimumEpsilon)}).");
        if (!(MinimumAcceptanceRate >= 0 && MinimumAcceptanceRate < 1)) problems.Add($"MinimumAcceptanceRate must lie in [0, 1) (was {Check.Text(MinimumAcceptanceRate)}).");
        if (MaximumGenerations < 0) problems.Add($"MaximumGenerations must be 0 or more (was {MaximumGenerations}).");
        if (MaximumSimulations < PopulationSize) problems.Add($"MaximumSimulations must be at least PopulationSize, {PopulationSize}, to complete generation 0 (was {MaximumSimulations}).");
        if (WallClockBudget is { } budget && budget < TimeSpan.Zero) problems.Add($"WallClockBudget must not be negative (was {budget}).");
        if (!Enum.IsDefined(Kernel)) problems.Add($"Kernel {(int)Kernel} is not one of {string.Join(", ", Enum.GetNames<PerturbationKernel>())}.");
        if (!Enum.IsDefined(Scaling)) problems.Add($"Scaling {(int)Scaling} is not one of {string.Join(", ", Enum.GetNames<DistanceScaling>())}.");
        if (!Enum.IsDefined(Noise)) problems.Add($"Noise {(int)Noise} is not one of {string.Join(", ", Enum.GetNames<NoiseMode>())}.");
        if (MaxDegreeOfParallelism is 0 or < -1) problems.Add($"MaxDegreeOfParallelism must be -1 or at least 1 (was {MaxDegreeOfParallelism}).");
        return problems;
    }
}
