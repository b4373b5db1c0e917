namespace TreatmentFlowModel.Cluster;

/// <summary>What a silo sends back for a batch: the accumulator of its replicates, or why it refused to run them.</summary>
[GenerateSerializer, Immutable]
internal sealed class BatchReply
{
    /// <summary>The batch's accumulator (<see cref="Ensemble.EnsembleAccumulator.WriteTo"/>), Brotli-compressed when the request asked; empty when refused.</summary>
    [Id(0)] public byte[] Accumulator { get; init; } = [];

    /// <summary>The silo that ran it.</summary>
    [Id(1)] public string Silo { get; init; } = "";

    /// <summary>Seconds the silo spent on it, from receiving it to having its bytes ready.</summary>
    [Id(2)] public double Seconds { get; init; }

    /// <summary>Why the silo would not run it (the same request would fail anywhere: an invalid scenario, another library version); null when it ran.</summary>
    [Id(3)] public string? Refusal { get; init; }
}
