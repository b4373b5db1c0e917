namespace TreatmentFlowModel.Output;

/// <summary>Thrown when an output folder exists and the caller did not ask to replace it; nothing was written.</summary>
/// <param name="folder">The folder, as given.</param>
public sealed class OutputFolderExistsException(string folder)
    : OutputFolderException(folder, OutputFolderProblem.Exists, "the folder exists and replacing it was not asked for");
