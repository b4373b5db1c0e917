namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>Why the sampler stopped; the posterior is always the last generation it completed.</summary>
public enum StopReason
{
    /// <summary>The last generation's tolerance reached <see cref="AbcSmcOptions.MinimumEpsilon"/>.</summary>
    MinimumEpsilonReached,

    /// <summary><see cref="AbcSmcOptions.MaximumGenerations"/> generations after generation 0 were completed.</summary>
    MaximumGenerations,

    /// <summary>
    /// A generation would have accepted fewer than <see cref="AbcSmcOptions.MinimumAcceptanceRate"/> of its proposals:
    /// it was abandoned after N / rate proposals and the previous generation returned.
    /// </summary>
    AcceptanceRateBelowMinimum,

    /// <summary>
    /// <see cref="AbcSmcOptions.MaximumSimulations"/> was spent, or too little of it was left for another generation
    /// at the last acceptance rate; a generation cut short by the budget is abandoned.
    /// </summary>
    SimulationBudget,

    /// <summary><see cref="AbcSmcOptions.WallClockBudget"/> ran out; a generation cut short by it is abandoned.</summary>
    WallClockBudget,

    /// <summary>
    /// A generation's effective sample size fell below <see cref="AbcSmcOptions.MinimumEffectiveSampleFraction"/> × N:
    /// its weights are carried by a few particles (weight degeneracy, seen when N is small for the number of
    /// parameters), so it is dropped and the previous generation returned.
    /// </summary>
    EffectiveSampleSizeBelowMinimum,

    /// <summary>The tolerance could not decrease further: no particle of the last generation lay below its tolerance.</summary>
    ToleranceStalled,
}
