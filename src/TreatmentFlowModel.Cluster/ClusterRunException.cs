namespace TreatmentFlowModel.Cluster;

/// <summary>Thrown when a cluster run cannot finish: no silo joined, a silo refused the run (another library version), or a batch failed every attempt.</summary>
/// <param name="message">What went wrong, for the analyst.</param>
/// <param name="inner">The last error behind it, if any.</param>
public sealed class ClusterRunException(string message, Exception? inner = null) : Exception(message, inner);
