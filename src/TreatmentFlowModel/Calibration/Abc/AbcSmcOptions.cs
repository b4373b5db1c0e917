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
    /// <value>The default is 200, measured (abc-api.md): at a budget of 10^4 simulations N = 200 bought 13-14
    /// generations and 90% intervals 1.6 (3 parameters) and 3.0 (8 parameters) times as wide as a 2-3 × 10^5-simulation
    /// run's, against 3.9 and 5.8 times for N = 400, with coverage of 97-100% either way; N = 100 and 150 lost their
    /// effective sample size on the 8-parameter problem. The final effective sample size, typically 80-120, puts the
    /// 5% quantile's standard error near √(0.05 × 0.95 / 100), 2 points of probability.</value>
    /// </summary>
    public int PopulationSize { get; init; } = 200;

    /// <summary>
    /// The quantile α of the previous generation's (weighted) distances taken as the next tolerance: the adaptive
    /// schedule of Drovandi and Pettitt (2011), "Estimation of parameters for macroparasite population evolution using
    /// approximate Bayesian computation", Biometrics 67(1), as in Del Moral, Doucet and Jasra (2012), "An adaptive
    /// sequential Monte Carlo method for approximate Bayesian computation", Stat. Comput. 22.
    /// <value>The default is 0.5, the median (Drovandi and Pettitt; pyABC's default). A smaller α shrinks ε faster per
    /// generation at a lower acceptance rate: at N = 200 and 10^4 simulations α = 0.3 gave narrower intervals (2.0
    /// instead of 3.0 times the long run's on 8 parameters) but strains the effective sample size (one run in ten
    /// stopped on it, and all but one at N = 150); see abc-api.md.</value>
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
    /// <value>The default is 0.02 (assumption; pyABC has the same rule): below it a generation costs over 50 N
    /// simulations, the whole default budget at N = 200.</value>
    /// </summary>
    public double MinimumAcceptanceRate { get; init; } = 0.02;

    /// <summary>
    /// Drop a generation whose effective sample size is below this fraction of N (and stop, returning the previous
    /// one); 0 disables the rule.
    /// <value>The default is 0.2 (assumption, from the measurements in abc-api.md): on an 8-parameter test problem
    /// with N = 100 and no such rule the effective sample size fell from 40% of N to under 2% over 20 generations and
    /// the 90% intervals held the truth in 23% of cases; with the rule the same runs stopped after about 6 generations
    /// with 93% coverage; with N = 200 the effective sample size stayed mostly above 35% of N.</value>
    /// </summary>
    public double MinimumEffectiveSampleFraction { get; init; } = 0.2;

    /// <summary>
    /// Stop after this many generations after generation 0 (the prior sample); 0 returns the prior sample.
    /// <value>The default is 50 (assumption): high enough that the simulation budget binds first (10^4 simulations bought 13-16 generations at N = 200 on the test problems).</value>
    /// </summary>
    public int MaximumGenerations { get; init; } = 50;

    /// <summary>
    /// Simulations the run may spend in all (generation 0 included). A generation cut short by it is abandoned, and one
    /// is not started when fewer than N / (the last acceptance rate) simulations remain.
    /// <value>The default is 10,000: the budget of <c>tfm calibrate</c>, an hour on a 2-core machine at about 0.1 s per national replicate to 2002/03 with a wide margin (10^4 × 0.1 s is 17 core-minutes; see abc-api.md).</value>
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

    /// <summary>
    /// The tolerance at which, under <see cref="DistanceScaling.StatedUncertainty"/>, the ABC posterior is exactly the
    /// posterior for observations whose errors have the stated standard deviations: √(K + 2) for K observations.
    /// Accepting when the scaled distance is at most ε is exact inference under an observation error uniform on the
    /// ball of radius ε (Wilkinson 2013, "Approximate Bayesian computation (ABC) gives exact results under the
    /// assumption of model error", Stat. Appl. Genet. Mol. Biol. 12(2)), and a uniform error on the K-ball of radius R
    /// has variance R² / (K + 2) in each coordinate, 1 (one stated standard deviation) at R = √(K + 2). A smaller ε
    /// treats the observations as more precise than their sources say. Use it as <see cref="MinimumEpsilon"/>.
    /// </summary>
    /// <param name="observationCount">K, the number of observations.</param>
    public static double EpsilonMatchingStatedUncertainty(int observationCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observationCount, 1);
        return Math.Sqrt(observationCount + 2);
    }

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
        if (!(MinimumEffectiveSampleFraction >= 0 && MinimumEffectiveSampleFraction < 1)) problems.Add($"MinimumEffectiveSampleFraction must lie in [0, 1) (was {Check.Text(MinimumEffectiveSampleFraction)}).");
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
