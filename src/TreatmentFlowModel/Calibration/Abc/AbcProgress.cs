namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>Where a run stands, reported after every parallel batch of simulations.</summary>
/// <param name="Generation">The generation being filled (0 = prior sample).</param>
/// <param name="Epsilon">Its tolerance (∞ for generation 0).</param>
/// <param name="Accepted">Particles accepted so far in this generation.</param>
/// <param name="PopulationSize">Particles the generation needs.</param>
/// <param name="Proposals">Proposals evaluated so far in this generation.</param>
/// <param name="TotalSimulations">Simulations run since the start.</param>
/// <param name="MaximumSimulations">The run's simulation budget.</param>
/// <param name="Elapsed">Wall-clock time since the start.</param>
/// <param name="IsGenerationComplete">Whether this report closes the generation.</param>
/// <param name="EffectiveSampleSize">The completed generation's effective sample size; NaN until it completes.</param>
public readonly record struct AbcProgress(int Generation, double Epsilon, int Accepted, int PopulationSize, long Proposals,
    long TotalSimulations, long MaximumSimulations, TimeSpan Elapsed, bool IsGenerationComplete, double EffectiveSampleSize)
{
    /// <summary>Accepted / Proposals so far in this generation (NaN before the first proposal).</summary>
    public double AcceptanceRate => Proposals == 0 ? double.NaN : (double)Accepted / Proposals;
}
