namespace TreatmentFlowModel.Cluster;

/// <summary>Limits the client and the silos agree on.</summary>
internal static class ClusterLimits
{
    /// <summary>
    /// Largest message: a national run's accumulator is about 60 MB uncompressed (its quantile windows fill up after
    /// some tens of replicates), over Orleans' default of 100 MB for longer or finer scenarios; 1 GiB leaves room.
    /// </summary>
    public const int MaxMessageBytes = 1 << 30;
}
