using System.Collections.Immutable;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>One synthetic data set of a recovery study: the truth, what was observed, and the posterior interval of every parameter.</summary>
/// <param name="Index">The case's index (its truth's position in the list).</param>
/// <param name="Truth">The parameter values the data were simulated at.</param>
/// <param name="Observed">The synthetic observations.</param>
/// <param name="Lower">Each parameter's lower interval end (the 5th weighted percentile for a 90% interval).</param>
/// <param name="Median">Each parameter's weighted posterior median.</param>
/// <param name="Upper">Each parameter's upper interval end.</param>
/// <param name="Simulations">Simulations the case's sampler ran.</param>
/// <param name="Generations">Generations it completed after generation 0.</param>
/// <param name="Epsilon">Its final tolerance.</param>
/// <param name="StopReason">Why it stopped.</param>
public sealed record RecoveryCase(int Index, ImmutableArray<double> Truth, ImmutableArray<double> Observed, ImmutableArray<double> Lower,
    ImmutableArray<double> Median, ImmutableArray<double> Upper, long Simulations, int Generations, double Epsilon, StopReason StopReason)
{
    /// <summary>Whether parameter <paramref name="parameter"/>'s interval holds its truth (ends included).</summary>
    public bool Covers(int parameter) => Lower[parameter] <= Truth[parameter] && Truth[parameter] <= Upper[parameter];
}
