namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>How a particle of the previous generation is moved to make a proposal: a multivariate normal step on the unbounded scale, with one of these covariances.</summary>
public enum PerturbationKernel
{
    /// <summary>
    /// The optimal local covariance matrix (OLCM) of Filippi, Barnes, Cornebise and Stumpf (2013), "On optimality of
    /// kernels for approximate Bayesian computation using sequential Monte Carlo", Stat. Appl. Genet. Mol. Biol. 12(1):
    /// for particle j, Σⱼ = Σᵢ ω̃ᵢ (θ̃ᵢ - θⱼ)(θ̃ᵢ - θⱼ)ᵀ over the previous particles θ̃ᵢ that already meet the new
    /// tolerance, weights renormalised. Each particle moves towards where the next posterior lies, which in their
    /// examples raised acceptance rates over <see cref="TwiceWeightedCovariance"/> at equal accuracy. The default.
    /// </summary>
    OptimalLocalCovariance,

    /// <summary>
    /// One covariance for all particles: twice the weighted covariance of the previous population (Beaumont, Cornuet,
    /// Marin and Robert 2009, "Adaptive approximate Bayesian computation", Biometrika 96(4)), which minimises the
    /// Kullback-Leibler divergence between proposal and target for a Gaussian posterior.
    /// </summary>
    TwiceWeightedCovariance,
}
