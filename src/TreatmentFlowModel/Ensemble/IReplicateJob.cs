namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// A Monte Carlo run as the <see cref="EnsembleRunner"/> sees it: how many replicates, what their accumulator holds,
/// what identifies the run, and workers that run any replicate. Replicate r's outcome depends only on the job and r, so
/// any split of the replicates over threads, batches, checkpoints, shards or machines merges into the same bytes.
/// </summary>
internal interface IReplicateJob
{
    /// <summary>Replicates in the whole run.</summary>
    int Replicates { get; }

    /// <summary>Identifies the run (scenario, seed, mode, what is recorded, library version) for checkpoints and merges.</summary>
    string Fingerprint { get; }

    /// <summary>An empty accumulator for this job's replicates.</summary>
    EnsembleAccumulator NewAccumulator();

    /// <summary>A worker (one per thread; they are pooled and reused).</summary>
    IReplicateWorker NewWorker();
}
