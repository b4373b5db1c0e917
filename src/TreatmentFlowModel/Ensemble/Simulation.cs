using System.Diagnostics;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Ensemble;

/// <summary>Runs scenarios: the entry point of the library.</summary>
public static class Simulation
{
    /// <summary>Runs the Monte Carlo ensemble of <paramref name="scenario"/> (or its deterministic mode).</summary>
    /// <param name="scenario">A scenario; it is validated first.</param>
    /// <param name="options">Threads, mode, progress and cancellation; null for the defaults.</param>
    /// <exception cref="ScenarioException">The scenario is invalid.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static EnsembleResult Run(Scenario scenario, RunOptions? options = null)
    {
        options ??= new RunOptions();
        if (options.Threads < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "Threads must be at least 1");
        scenario.EnsureValid();
        var clock = Stopwatch.StartNew();
        var setup = new ModelSetup(scenario);
        int replicates = options.Deterministic ? 1 : scenario.Replicates;
        var weeklyAreas = scenario.WeeklyAreas.Select(n => Array.FindIndex(setup.Areas, a => a.Name.Equals(n, StringComparison.OrdinalIgnoreCase)))
            .Where(i => i >= 0).Distinct().ToArray();
        var store = new EnsembleStore(replicates, 1 + weeklyAreas.Length, setup.Calendar.Weeks, 1 + setup.Areas.Length, setup.Calendar.Years);

        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = options.CancellationToken };
        if (options.Deterministic) RunOne<ExpectedDraws>(setup, store, weeklyAreas, 0);
        else
            Parallel.For(0, replicates, parallel,
                () => new Worker(new ReplicateSimulator<StochasticDraws>(setup), new ReplicateRecorder(store, setup.Calendar, setup.Areas.Length, weeklyAreas)),
                (r, state, worker) =>
                {
                    options.CancellationToken.ThrowIfCancellationRequested();
                    worker.Recorder.Begin(r);
                    worker.Simulator.Run(r, w => worker.Recorder.Record(w, worker.Simulator.Week, worker.Simulator.AdmittedByWait));
                    options.Progress?.Report(Interlocked.Increment(ref done));
                    return worker;
                },
                _ => { });
        if (options.Deterministic) options.Progress?.Report(1);
        return new EnsembleResult(scenario, setup, store, weeklyAreas, options.Deterministic, clock.Elapsed);
    }

    private static void RunOne<TDraws>(ModelSetup setup, EnsembleStore store, int[] weeklyAreas, int replicate) where TDraws : struct, IDraws
    {
        var simulator = new ReplicateSimulator<TDraws>(setup);
        var recorder = new ReplicateRecorder(store, setup.Calendar, setup.Areas.Length, weeklyAreas);
        recorder.Begin(replicate);
        simulator.Run(replicate, w => recorder.Record(w, simulator.Week, simulator.AdmittedByWait));
    }

    private sealed record Worker(ReplicateSimulator<StochasticDraws> Simulator, ReplicateRecorder Recorder);
}
