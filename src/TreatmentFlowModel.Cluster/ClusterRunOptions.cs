namespace TreatmentFlowModel.Cluster;

/// <summary>
/// How a run is spread over a cluster. None of these change the results: any split of the replicates merges into the
/// same bytes. They trade the client's work per batch against how evenly the silos finish.
/// </summary>
public sealed record ClusterRunOptions
{
    /// <summary>
    /// Replicates per worker in a batch; a silo with W workers gets batches of W times this. 0 (the default): guided,
    /// each batch a share of what is left (a third of a worker's share, at least <see cref="MinBatchSize"/>), so early
    /// batches are large (little merging) and the last ones small (the silos finish together).
    /// </summary>
    public int BatchSize { get; init; }

    /// <summary>Smallest guided batch per worker. <value>Default 1.</value></summary>
    public int MinBatchSize { get; init; } = 1;

    /// <summary>Batches a silo holds at once: one running and the rest queued, so it never waits for the client. <value>Default 2.</value></summary>
    public int BatchesPerSilo { get; init; } = 2;

    /// <summary>A batch not back within this long is given to another silo (the first answer to arrive is kept). <value>Default 1 hour.</value></summary>
    public TimeSpan BatchTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Times one batch is tried before the run fails. <value>Default 5.</value></summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>How long to wait for a first silo to join before failing. <value>Default 60 s.</value></summary>
    public TimeSpan SiloWaitTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the client reads the cluster's membership (to use new silos and give a lost silo's batches to others). <value>Default 1 s.</value></summary>
    public TimeSpan MembershipPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Silos send their accumulators Brotli-compressed: about a fifth of the bytes on the network, for some CPU on both ends. <value>Default true.</value></summary>
    public bool Compress { get; init; } = true;

    /// <summary>Receives the run's state after every batch and every change of membership.</summary>
    public IProgress<ClusterProgress>? Progress { get; init; }

    /// <summary>Every problem with these options, each naming the member and its value; empty when they can be honoured.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (BatchSize < 0) problems.Add($"{nameof(BatchSize)} = {BatchSize}: must be 0 (guided) or more");
        if (MinBatchSize < 1) problems.Add($"{nameof(MinBatchSize)} = {MinBatchSize}: must be at least 1");
        if (BatchesPerSilo < 1) problems.Add($"{nameof(BatchesPerSilo)} = {BatchesPerSilo}: must be at least 1");
        if (BatchTimeout <= TimeSpan.Zero) problems.Add($"{nameof(BatchTimeout)} = {BatchTimeout}: must be positive");
        if (MaxAttempts < 1) problems.Add($"{nameof(MaxAttempts)} = {MaxAttempts}: must be at least 1");
        if (SiloWaitTimeout < TimeSpan.Zero) problems.Add($"{nameof(SiloWaitTimeout)} = {SiloWaitTimeout}: must not be negative");
        if (MembershipPollInterval <= TimeSpan.Zero) problems.Add($"{nameof(MembershipPollInterval)} = {MembershipPollInterval}: must be positive");
        return problems;
    }
}
