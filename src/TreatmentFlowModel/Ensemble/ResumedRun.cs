using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Ensemble;

/// <summary>A run as it was started, read back from its checkpoint folder (<see cref="CheckpointFolder.Read"/>).</summary>
/// <param name="Scenario">The resolved scenario, with the files it was first loaded from as its sources.</param>
/// <param name="Trajectories">Replicates whose weekly records the run keeps.</param>
/// <param name="CheckpointEvery">Replicates between checkpoints, as the run was started with.</param>
public sealed record ResumedRun(Scenario Scenario, int Trajectories, int CheckpointEvery);
