namespace TreatmentFlowModel.Cluster;

/// <summary>A silo as the client schedules it.</summary>
[GenerateSerializer, Immutable]
internal sealed class SiloDescription
{
    /// <summary>The silo's address (as Orleans writes it).</summary>
    [Id(0)] public string Silo { get; init; } = "";

    /// <summary>Replicates the silo runs at once (its worker threads).</summary>
    [Id(1)] public int Workers { get; init; }

    /// <summary>The TreatmentFlowModel version the silo runs.</summary>
    [Id(2)] public string LibraryVersion { get; init; } = "";
}
