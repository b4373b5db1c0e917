using System.Security.Cryptography;
using System.Text;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// A scenario prepared for running: validated, frozen, with what is recorded and the targets judged settled. It runs
/// any range of its replicates, on any thread or machine, into an <see cref="EnsembleAccumulator"/>; accumulators of
/// disjoint ranges merge exactly (<see cref="EnsembleAccumulator.Merge"/>), and the whole becomes the run's result,
/// bit-identical to <see cref="Simulation.Run"/> of the same scenario. Immutable and safe to share between threads.
/// </summary>
/// <example>
/// Shards: each machine runs a range and writes its accumulator; one merges them.
/// <code>
/// var plan = SimulationPlan.Prepare(scenario);
/// var part = plan.RunReplicates(0, 500);              // elsewhere: plan.RunReplicates(500, 1000)
/// part.Merge(other);                                  // other: plan.ReadAccumulator(stream) of a part.WriteTo(stream)
/// var result = plan.ToResult(part);
/// </code>
/// </example>
public sealed class SimulationPlan : IReplicateJob
{
    private readonly FrozenModel _model;
    private readonly CellLayout _layout;
    private readonly TargetJudge[] _targets;
    private readonly int _trajectories;

    private SimulationPlan(Scenario scenario, bool deterministic, int trajectories)
    {
        Scenario = scenario;
        Deterministic = deterministic;
        _trajectories = trajectories;
        _model = FrozenModel.From(scenario);
        var calendar = _model.Calendar;
        // Months and quarters for the total, the regions and the weekly areas (every DAT's would be 149 times the total's).
        _layout = new CellLayout(1 + _model.WeeklyAreas.Length, calendar.Weeks, _model.AnnualSlots, calendar.Years,
            1 + _model.Groups.Members.Length + _model.WeeklyAreas.Length, calendar.Months, calendar.Quarters);
        _targets = TargetJudge.For(_model);
        Replicates = deterministic ? 1 : scenario.Replicates;
        string text = $"{ScenarioWriter.ToJson(scenario, deterministic: false, includeRun: false)}|{(deterministic ? "deterministic" : "stochastic")}|{_layout}|{trajectories}|{LibraryInfo.Version}{(scenario.Posterior is { } posterior ? "|posterior " + posterior.ContentHash() : "")}";
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Prepares <paramref name="scenario"/> for running.</summary>
    /// <param name="scenario">The scenario; it is validated.</param>
    /// <param name="deterministic">The deterministic mode: one replicate of expected values, parameters at their means.</param>
    /// <param name="trajectories">Replicates (the first ones) whose full weekly records are kept.</param>
    /// <exception cref="ScenarioException">The scenario is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trajectories"/> is negative.</exception>
    public static SimulationPlan Prepare(Scenario scenario, bool deterministic = false, int trajectories = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trajectories);
        scenario.EnsureValid();
        return new SimulationPlan(scenario, deterministic, trajectories);
    }

    /// <summary>Prepares a scenario already validated, with options already checked.</summary>
    internal static SimulationPlan PrepareValid(Scenario scenario, RunOptions options) => new(scenario, options.Deterministic, options.Trajectories);

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>Whether this is the deterministic mode.</summary>
    public bool Deterministic { get; }

    /// <summary>Replicates (the first ones) whose full weekly records are kept.</summary>
    public int Trajectories => _trajectories;

    /// <summary>Replicates in the run: the scenario's, or 1 in the deterministic mode.</summary>
    public int Replicates { get; }

    /// <summary>
    /// Identifies the run: the same resolved scenario (with seed and replicates), mode, recording and library version
    /// give the same text. Accumulators and checkpoints carry it, so parts of different runs are never merged.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>An accumulator with no replicates in it.</summary>
    public EnsembleAccumulator NewAccumulator() =>
        new(Fingerprint, _layout.Units(), _layout.AnnualSlots * _targets.Length, Replicates, _trajectories, _layout.WeeklyCells);

    /// <summary>Runs replicates <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) on the calling thread.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, <see cref="Replicates"/>).</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked between replicates).</exception>
    public EnsembleAccumulator RunReplicates(int from, int to, CancellationToken cancellationToken = default) =>
        EnsembleRunner.RunRange(this, from, to, cancellationToken);

    /// <summary>
    /// Runs replicates <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) as <see cref="Simulation.Run"/>
    /// runs a whole scenario: on <see cref="RunOptions.Threads"/> threads, with progress, cancellation and checkpoints
    /// (a checkpoint of a range holds that range's replicates only). This is what a shard of a run does.
    /// </summary>
    /// <param name="from">First replicate.</param>
    /// <param name="to">One past the last replicate.</param>
    /// <param name="options">Threads, progress, cancellation, batches and checkpoints; its mode and trajectories must be this plan's.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, <see cref="Replicates"/>).</exception>
    /// <exception cref="RunOptionsException">The options cannot be honoured, or ask for another mode or number of trajectories than this plan's.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    /// <exception cref="CheckpointException">The checkpoint file belongs to another run or is damaged.</exception>
    public EnsembleAccumulator RunReplicates(int from, int to, RunOptions options)
    {
        var problems = options.Problems().ToList();
        if (options.Deterministic != Deterministic) problems.Add($"options.{nameof(RunOptions.Deterministic)} = {options.Deterministic}: the plan was prepared with {Deterministic}");
        if (options.Trajectories != _trajectories) problems.Add($"options.{nameof(RunOptions.Trajectories)} = {options.Trajectories}: the plan was prepared with {_trajectories}");
        if (problems.Count > 0) throw new RunOptionsException(problems);
        return EnsembleRunner.Run(this, options, from, to);
    }

    /// <summary>Reads an accumulator of this run written by <see cref="EnsembleAccumulator.WriteTo"/>.</summary>
    /// <exception cref="InvalidDataException">The stream holds an accumulator of another run, or is damaged.</exception>
    /// <exception cref="EndOfStreamException">The stream is truncated.</exception>
    public EnsembleAccumulator ReadAccumulator(Stream stream)
    {
        var accumulator = NewAccumulator();
        accumulator.ReadFrom(stream);
        return accumulator;
    }

    /// <summary>The result of the run from an accumulator holding every replicate.</summary>
    /// <param name="all">The merged accumulator of every replicate.</param>
    /// <param name="elapsed">Wall-clock time to report.</param>
    /// <exception cref="ArgumentException">The accumulator belongs to another run or lacks replicates.</exception>
    public EnsembleResult ToResult(EnsembleAccumulator all, TimeSpan elapsed = default)
    {
        if (all.Fingerprint != Fingerprint) throw new ArgumentException("the accumulator belongs to a different run", nameof(all));
        if (!all.IsComplete) throw new ArgumentException($"the accumulator holds {all.Completed} of the run's {all.ReplicateCount} replicates", nameof(all));
        return new EnsembleResult(Scenario, _model, all, _layout, _targets, Deterministic, elapsed);
    }

    IReplicateWorker IReplicateJob.NewWorker() => Deterministic
        ? new SimulationWorker<ExpectedDraws>(_model, _layout, _targets)
        : new SimulationWorker<StochasticDraws>(_model, _layout, _targets);
}
