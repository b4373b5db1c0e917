namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>Which random numbers each simulation gets (see <see cref="SimulationContext"/>).</summary>
public enum NoiseMode
{
    /// <summary>
    /// Every proposal gets its own random numbers: (NoiseSeed, NoiseReplicate) = (a seed derived from the sampler's
    /// seed and the generation, the proposal's index). ABC's acceptance step is then a draw from the model's
    /// likelihood, and the accepted particles approximate the posterior. The default, because it is the correct one.
    /// </summary>
    Independent,

    /// <summary>
    /// Common random numbers: every simulation gets the same (NoiseSeed, NoiseReplicate = 0), so two parameter sets
    /// are compared on identical noise. That removes the noise from comparisons (what an optimiser wants) but it is
    /// not ABC: the sampler then fits one realisation of the noise, and the "posterior" is that of the parameters given
    /// the noise, too narrow and centred on that realisation's best fit, with intervals that miss the truth far more
    /// often than they should. For diagnostics and exploratory fits only.
    /// </summary>
    Common,
}
