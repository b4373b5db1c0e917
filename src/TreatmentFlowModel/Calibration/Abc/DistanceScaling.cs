namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// How the distance weighs each observation: the distance is √Σₖ ((sₖ - oₖ) / scaleₖ)², a Euclidean distance in units
/// of each observation's scale, so observations in thousands and in shares count alike.
/// </summary>
public enum DistanceScaling
{
    /// <summary>
    /// scaleₖ is the observation's stated uncertainty (<see cref="Observation.Uncertainty"/>, required for every
    /// observation): a discrepancy is measured in the observation's own error units, so a well-measured figure
    /// constrains more than a rough one and the tolerance ε reads as "within ε standard errors" (for one observation).
    /// The default, because the real calibration's observations come with published ranges.
    /// </summary>
    StatedUncertainty,

    /// <summary>
    /// scaleₖ is 1.4826 × the median absolute deviation of summary k over generation 0's prior-predictive simulations
    /// (the factor makes it the standard deviation for normal data): each summary is weighed by how much it varies
    /// under the prior, the usual choice when observations carry no stated error (Beaumont, Zhang and Balding 2002;
    /// Csilléry et al. 2012, the R package abc). Where the MAD is 0 the mean absolute deviation × 1.2533 is used, and
    /// where that is 0 too (a summary constant under the prior) the scale is 1. Fixed after generation 0, so that
    /// distances of successive generations compare.
    /// </summary>
    PriorPredictiveMad,
}
