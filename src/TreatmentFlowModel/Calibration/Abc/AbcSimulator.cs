namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// Runs the stochastic model once at <paramref name="parameters"/> (in the prior's order) and returns its summary
/// statistics, one per observation and in the observations' order. Called concurrently from several threads, so it
/// must be thread-safe; it must draw its randomness only from the context's (NoiseSeed, NoiseReplicate); it must
/// return finite values.
/// </summary>
/// <param name="parameters">The parameter values; a fresh array the simulator may keep.</param>
/// <param name="context">Where the simulation sits, and its random-number coordinates.</param>
/// <returns>The simulated summary statistics.</returns>
public delegate double[] AbcSimulator(double[] parameters, SimulationContext context);
