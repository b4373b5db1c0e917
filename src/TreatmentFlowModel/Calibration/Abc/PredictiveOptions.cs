namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>Settings of <see cref="PosteriorPredictive.Run"/>.</summary>
public sealed record PredictiveOptions
{
    /// <summary>
    /// Parameter sets drawn from the posterior, one simulation each.
    /// <value>The default is 200 (assumption): the 5% and 95% quantiles' standard error in probability is then
    /// √(0.05 × 0.95 / 200), 1.5 points, and 200 simulations of the real model take about 10 s on two cores.</value>
    /// </summary>
    public int Draws { get; init; } = 200;

    /// <summary>The central probability of the predictive band. <value>The default is 0.90, the 5-95% band.</value></summary>
    public double BandProbability { get; init; } = 0.90;

    /// <summary>The seed of the draws and of their simulations' noise. <value>The default is 1.</value></summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Simulations run at once; -1 for one per processor. Results do not depend on it. <value>The default is -1.</value></summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
