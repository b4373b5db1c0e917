namespace TreatmentFlowModel.Ensemble;

/// <summary>How to run an ensemble. None of these change the results: only the scenario and its seed do.</summary>
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
}
