namespace TreatmentFlowModel.Cluster;

/// <summary>A range of one run's replicates, with everything a silo needs to run them: the resolved scenario travels with every batch (a few kilobytes), so a silo that joins mid-run, or restarts, can take any batch.</summary>
[GenerateSerializer, Immutable]
internal sealed class BatchRequest
{
    /// <summary>The run's fingerprint as the client prepared it; the silo refuses the batch when its own plan differs (another library version).</summary>
    [Id(0)] public required string Fingerprint { get; init; }

    /// <summary>The resolved scenario (<see cref="Scenarios.ScenarioWriter.ToJson(Scenarios.Scenario, bool)"/>).</summary>
    [Id(1)] public required string ScenarioJson { get; init; }

    /// <summary>The deterministic mode.</summary>
    [Id(2)] public bool Deterministic { get; init; }

    /// <summary>Replicates (the first ones) whose trajectories are kept.</summary>
    [Id(3)] public int Trajectories { get; init; }

    /// <summary>First replicate of the batch.</summary>
    [Id(4)] public int From { get; init; }

    /// <summary>One past the last replicate of the batch.</summary>
    [Id(5)] public int To { get; init; }

    /// <summary>Send the accumulator Brotli-compressed (a fifth of the bytes, for a quarter of a second of the silo's time per batch).</summary>
    [Id(6)] public bool Compress { get; init; }
}
