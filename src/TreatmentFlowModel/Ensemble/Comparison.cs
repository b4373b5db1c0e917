using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// Several scenarios run side by side, replicate by replicate with the same seed: replicate r of every scenario
/// draws the same random numbers flow by flow (common random numbers), so the paired difference from the first
/// scenario has far less noise than the difference of two independent runs.
/// </summary>
public static class Comparison
{
    /// <summary>The measures compared, by financial year, for England and for every DAT the scenarios share.</summary>
    public static IReadOnlyList<Metric> Headline { get; } =
    [
        Metric.Participation, Metric.TreatmentStarts, Metric.TreatmentStartsCjs, Metric.Waiting, Metric.MeanWaitWeeks, Metric.Capacity,
        Metric.Deaths, Metric.Crimes, Metric.CostGbp, Metric.ExtraPlacesNeeded, Metric.DrugRelatedDeaths, Metric.ProgrammeCostGbp,
    ];

    /// <summary>Runs <paramref name="scenarios"/> (the first is the reference) with common random numbers.</summary>
    /// <param name="scenarios">Two or more scenarios sharing time span, seed and replicates.</param>
    /// <param name="options">Threads, mode, progress, cancellation, batches and checkpoints as for <see cref="Simulation.Run"/>;
    /// a comparison keeps no trajectories, so <see cref="RunOptions.Trajectories"/> must be 0.</param>
    /// <exception cref="RunOptionsException">The options cannot be honoured (every problem listed).</exception>
    /// <exception cref="ArgumentException">Fewer than two scenarios.</exception>
    /// <exception cref="IncomparableScenariosException">The scenarios differ in time span, seed or replicates.</exception>
    /// <exception cref="ScenarioException">A scenario is invalid.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    /// <exception cref="CheckpointException">The checkpoint file belongs to another run or is damaged (its checksum does not match).</exception>
    /// <exception cref="IOException">A checkpoint could not be saved (a full disk); the previous one, if any, is kept.</exception>
    public static ComparisonResult Run(IReadOnlyList<Scenario> scenarios, RunOptions? options = null)
    {
        options ??= new RunOptions();
        var problems = options.Problems().ToList();
        if (options.Trajectories != 0)
            problems.Add($"options.{nameof(RunOptions.Trajectories)} = {options.Trajectories}: a comparison keeps no trajectories; run a scenario with Simulation.Run to keep them");
        if (problems.Count > 0) throw new RunOptionsException(problems);
        if (scenarios.Count < 2) throw new ArgumentException("compare needs at least two scenarios", nameof(scenarios));
        var first = scenarios[0];
        foreach (var s in scenarios.Skip(1))
        {
            var differences = new List<string>();
            if (s.Start != first.Start || s.End != first.End) differences.Add($"time span ({s.Start:yyyy-MM-dd} to {s.End:yyyy-MM-dd} vs {first.Start:yyyy-MM-dd} to {first.End:yyyy-MM-dd})");
            if (s.Seed != first.Seed) differences.Add($"seed ({s.Seed} vs {first.Seed})");
            if (s.Replicates != first.Replicates) differences.Add($"replicates ({s.Replicates} vs {first.Replicates})");
            if (differences.Count > 0) throw new IncomparableScenariosException(first.Name, s.Name, differences);
        }
        foreach (var s in scenarios) s.EnsureValid();

        var job = new ComparisonJob(scenarios, options.Deterministic);
        var all = EnsembleRunner.Run(job, options);
        return new ComparisonResult([.. scenarios], FrozenCalendar(first), all, job.Targets, job.Areas, options.Deterministic);
    }

    private static Model.WeekCalendar FrozenCalendar(Scenario s) => new(s.Start, s.End);
}
