namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// How to run an ensemble. None of these change the results: only the scenario, its seed and the mode do. Every option
/// is honoured by <see cref="Simulation.Run"/> and <see cref="Comparison.Run"/>, or rejected with a
/// <see cref="RunOptionsException"/> naming it.
/// </summary>
public sealed record RunOptions
{
    /// <summary>Worker threads. <value>The default is the number of processors.</value></summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Run the deterministic mode (expected values, one replicate, parameters at their means) instead of the stochastic ensemble.</summary>
    public bool Deterministic { get; init; }

    /// <summary>Receives the number of replicates finished so far.</summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>Stops the run between replicates; the run then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Replicates summarised separately and then merged into the whole; 0 (the default) adds each replicate
    /// to the whole directly. Merging is exact, so results do not depend on it; each batch in flight holds
    /// its own summaries (as much memory as the whole), so keep it 0 unless you need partial ensembles.
    /// </summary>
    public int BatchSize { get; init; }

    /// <summary>Number of replicates (the first ones) whose full weekly records are kept, for plots. <value>Default 0.</value></summary>
    public int Trajectories { get; init; }

    /// <summary>
    /// File holding the merged state of the replicates finished so far. When it exists at the start and belongs
    /// to the same scenario, seed and replicate count, the run continues from it (replicates already in it are
    /// not run again, and the results are bit-identical to an uninterrupted run); it is rewritten atomically
    /// every <see cref="CheckpointEvery"/> replicates, at the end, and when the run is cancelled (so a cancelled run
    /// keeps every replicate it finished). A killed process keeps those up to the last save. Null (the default): no
    /// checkpoints.
    /// </summary>
    public string? CheckpointFile { get; init; }

    /// <summary>Replicates between checkpoints. <value>Default 100.</value></summary>
    public int CheckpointEvery { get; init; } = 100;

    /// <summary>Every problem with these options, each naming the member and its value; empty when they can be honoured.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Threads < 1) problems.Add($"options.{nameof(Threads)} = {Threads}: must be at least 1");
        if (BatchSize < 0) problems.Add($"options.{nameof(BatchSize)} = {BatchSize}: must be 0 (no batches) or more");
        if (Trajectories < 0) problems.Add($"options.{nameof(Trajectories)} = {Trajectories}: must be 0 or more");
        if (CheckpointEvery < 1) problems.Add($"options.{nameof(CheckpointEvery)} = {CheckpointEvery}: must be at least 1");
        if (CheckpointFile is { Length: 0 }) problems.Add($"options.{nameof(CheckpointFile)} = '': must be a file path, or null for no checkpoints");
        return problems;
    }

    /// <summary>Throws <see cref="RunOptionsException"/> listing every problem, unless the options can be honoured.</summary>
    public RunOptions EnsureValid()
    {
        var problems = Problems();
        if (problems.Count > 0) throw new RunOptionsException(problems);
        return this;
    }
}
