namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>Why a simulation is run (for the simulator's logs; it must not change what the simulator computes).</summary>
public enum SimulationPurpose
{
    /// <summary>A proposal of the ABC-SMC sampler.</summary>
    Calibration,

    /// <summary>Synthetic observations of a parameter-recovery study, simulated at a known truth.</summary>
    SyntheticData,

    /// <summary>A posterior predictive draw.</summary>
    PosteriorPredictive,
}
