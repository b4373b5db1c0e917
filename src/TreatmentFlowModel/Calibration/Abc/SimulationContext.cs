namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// What a simulator is told besides the parameters: where the simulation sits in the run, and the random-number
/// coordinates it must use. A simulator draws all its randomness from (<see cref="NoiseSeed"/>,
/// <see cref="NoiseReplicate"/>), for the engine a scenario seed and a replicate, and nothing else, so that its output
/// is a function of (parameters, context) alone: that is what makes the posterior identical on any thread count.
/// </summary>
/// <param name="Purpose">Why this simulation runs.</param>
/// <param name="Generation">The sampler's generation (0 = prior sample); -1 outside the sampler.</param>
/// <param name="Index">The proposal's index within its generation (or the draw's or data set's index).</param>
/// <param name="NoiseSeed">The seed of the simulation's random streams.</param>
/// <param name="NoiseReplicate">The replicate coordinate of the simulation's random streams.</param>
/// <param name="CancellationToken">Signalled when the run is cancelled; a long simulation may stop early by throwing <see cref="OperationCanceledException"/>.</param>
public readonly record struct SimulationContext(
    SimulationPurpose Purpose, int Generation, int Index, ulong NoiseSeed, int NoiseReplicate, CancellationToken CancellationToken);
