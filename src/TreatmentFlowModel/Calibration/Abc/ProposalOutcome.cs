namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>What one proposal came to: its parameters on both scales and its simulated summaries, or why it has none.</summary>
/// <param name="Theta">The parameters; null when they fell outside the support.</param>
/// <param name="Z">The same on the unbounded scale.</param>
/// <param name="Summaries">The simulated summaries; null when not simulated or unusable.</param>
/// <param name="Error">What the simulator threw, if it did.</param>
/// <param name="Problem">What was wrong with what the simulator returned, if anything.</param>
internal readonly record struct ProposalOutcome(double[]? Theta, double[]? Z, double[]? Summaries, Exception? Error, string? Problem)
{
    /// <summary>Whether the simulator failed.</summary>
    public bool Failed => Error is not null || Problem is not null;

    /// <summary>A proposal whose parameters rounded onto a bound of the support: not simulated, never accepted.</summary>
    public static ProposalOutcome OutsideSupport => default;

    /// <summary>Whether the simulator ran and returned usable summaries.</summary>
    public bool Simulated => Summaries is not null;
}
