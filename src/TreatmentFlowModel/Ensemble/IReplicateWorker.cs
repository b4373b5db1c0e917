namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// Runs replicates of one job on one thread, one at a time, reusing its state; after <see cref="Run"/> its outcome is
/// what the replicate adds to an <see cref="EnsembleAccumulator"/>.
/// </summary>
internal interface IReplicateWorker
{
    /// <summary>Runs replicate <paramref name="replicate"/>; the outcome below is valid until the next call.</summary>
    void Run(int replicate);

    /// <summary>The replicate's value of every summarised cell (NaN: undefined in this replicate).</summary>
    ReadOnlySpan<double> Cells { get; }

    /// <summary>Whether the replicate meets each counted target.</summary>
    ReadOnlySpan<bool> Met { get; }

    /// <summary>The cells kept whole for the first replicates (trajectories); empty when the job keeps none.</summary>
    ReadOnlySpan<double> Trajectory { get; }
}
