namespace TreatmentFlowModel.Cluster;

/// <summary>
/// Runs a range of one run's replicates on the silo that hosts it and returns their accumulator. The client places
/// each batch on the silo it chose (a placement hint) under a key of its own, so every batch is a fresh activation that
/// deactivates when it is done; the silo keeps only the prepared plans, one per run.
/// </summary>
internal interface IReplicateBatchGrain : IGrainWithStringKey
{
    /// <summary>Runs replicates [<see cref="BatchRequest.From"/>, <see cref="BatchRequest.To"/>) on the silo's workers.</summary>
    /// <remarks>
    /// A batch can run for minutes; the client keeps its own deadline per batch and cancels it, so Orleans' own
    /// response timeout (30 s by default) is lifted for this call.
    /// </remarks>
    [ResponseTimeout("1.00:00:00")]
    Task<BatchReply> Run(BatchRequest request, CancellationToken cancellationToken);

    /// <summary>What the silo offers: its address, workers and library version.</summary>
    Task<SiloDescription> Describe();
}
