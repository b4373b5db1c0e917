namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>One completed generation of the sampler.</summary>
/// <param name="Generation">0 for the prior sample, then 1, 2, …</param>
/// <param name="Epsilon">The tolerance: proposals with a distance at most this were accepted (∞ for generation 0).</param>
/// <param name="Proposals">Proposals up to and including the one that completed the population (the acceptance rate's denominator).</param>
/// <param name="Simulations">Simulations run in this generation, including proposals of the last parallel batch beyond the one that completed it.</param>
/// <param name="TotalSimulations">Simulations run from the start up to the end of this generation.</param>
/// <param name="Accepted">Particles accepted: the population size.</param>
/// <param name="EffectiveSampleSize">Kish's effective sample size of the weights, 1 / Σ wᵢ², between 1 and the population size.</param>
public sealed record GenerationDiagnostics(int Generation, double Epsilon, long Proposals, long Simulations, long TotalSimulations, int Accepted, double EffectiveSampleSize)
{
    /// <summary>Accepted / Proposals.</summary>
    public double AcceptanceRate => (double)Accepted / Proposals;
}
