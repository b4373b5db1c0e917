namespace TreatmentFlowModel.Cluster;

/// <summary>Where a cluster run stands; the last one reported describes the finished run.</summary>
/// <param name="Completed">Replicates merged into the whole.</param>
/// <param name="Replicates">Replicates in the run.</param>
/// <param name="Silos">Silos taking batches now.</param>
/// <param name="Workers">Their workers (replicates run at once), added up.</param>
/// <param name="BatchesMerged">Batches merged so far.</param>
/// <param name="BatchesRetried">Batches given to another silo (lost silo, failure or timeout).</param>
/// <param name="SilosLost">Silos that left the cluster while holding batches.</param>
/// <param name="BytesReceived">Accumulator bytes received (as sent: compressed when compression is on).</param>
/// <param name="ReadSeconds">Client time spent decoding accumulators (on worker threads, in parallel).</param>
/// <param name="MergeSeconds">Client time spent merging accumulators into the whole (one at a time).</param>
/// <param name="SiloSeconds">Time the silos spent on the merged batches, added up.</param>
/// <param name="BatchesPerSilo">Batches merged, by the silo that ran them.</param>
public sealed record ClusterProgress(
    int Completed, int Replicates, int Silos, int Workers, int BatchesMerged, int BatchesRetried, int SilosLost,
    long BytesReceived, double ReadSeconds, double MergeSeconds, double SiloSeconds, IReadOnlyDictionary<string, int> BatchesPerSilo);
