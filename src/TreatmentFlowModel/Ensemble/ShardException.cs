namespace TreatmentFlowModel.Ensemble;

/// <summary>Thrown when shard files cannot be merged: one is damaged or unreadable, they belong to different runs, or they do not cover every replicate exactly once. The message names the files and replicates concerned.</summary>
/// <param name="message">What is wrong, naming the files.</param>
/// <param name="inner">The error reading a file, if any.</param>
public sealed class ShardException(string message, Exception? inner = null) : Exception(message, inner);
