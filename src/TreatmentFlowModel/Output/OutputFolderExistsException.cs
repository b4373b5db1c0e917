namespace TreatmentFlowModel.Output;

/// <summary>Thrown when an output folder exists and the caller did not ask to replace it; nothing was written.</summary>
/// <param name="folder">The folder, as given.</param>
public sealed class OutputFolderExistsException(string folder)
    : IOException($"the output folder '{folder}' exists and replacing it was not asked for")
{
    /// <summary>The folder, as given.</summary>
    public string Folder { get; } = folder;
}
