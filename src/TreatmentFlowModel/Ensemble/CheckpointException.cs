namespace TreatmentFlowModel.Ensemble;

/// <summary>Thrown when a run's checkpoint file belongs to another run or is damaged, so the run cannot continue from it.</summary>
/// <param name="path">The checkpoint file.</param>
/// <param name="message">What is wrong with it.</param>
/// <param name="inner">The error reading it, if any.</param>
public sealed class CheckpointException(string path, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The checkpoint file.</summary>
    public string Path { get; } = path;
}
