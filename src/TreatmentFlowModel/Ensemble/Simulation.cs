using System.Diagnostics;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Ensemble;

/// <summary>Runs scenarios: the entry point of the library.</summary>
public static class Simulation
{
    /// <summary>Runs the Monte Carlo ensemble of <paramref name="scenario"/> (or its deterministic mode).</summary>
    /// <param name="scenario">A scenario; it is validated first.</param>
    /// <param name="options">Threads, mode, progress, cancellation, batches, trajectories and checkpoints; null for the defaults.</param>
    /// <exception cref="RunOptionsException">The options cannot be honoured (every problem listed).</exception>
    /// <exception cref="ScenarioException">The scenario is invalid.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    /// <exception cref="CheckpointException">The checkpoint file belongs to another run or is damaged (its checksum does not match).</exception>
    /// <exception cref="IOException">A checkpoint could not be saved (a full disk); the previous one, if any, is kept.</exception>
    public static EnsembleResult Run(Scenario scenario, RunOptions? options = null)
    {
        options = (options ?? new RunOptions()).EnsureValid();
        scenario.EnsureValid();
        var clock = Stopwatch.StartNew();
        var plan = SimulationPlan.PrepareValid(scenario, options);
        var all = EnsembleRunner.Run(plan, options);
        return plan.ToResult(all, clock.Elapsed);
    }
}
