namespace TreatmentFlowModel.Output;

/// <summary>
/// An output folder that cannot be used, found before any work is done (<see cref="OutputFolder.Reserve"/>) or, for a
/// folder made by someone else meanwhile, when the results are moved into place. <see cref="Problem"/> says why, and
/// the message says it in words about the folder alone (no command-line options: a command line adds its own hints).
/// </summary>
public class OutputFolderException : IOException
{
    /// <summary>Creates the exception for <paramref name="folder"/>.</summary>
    /// <param name="folder">The folder as the caller gave it.</param>
    /// <param name="problem">Why it cannot be used.</param>
    /// <param name="message">What is wrong with it, as a phrase about the folder.</param>
    /// <param name="inner">The exception that revealed it, if any.</param>
    public OutputFolderException(string folder, OutputFolderProblem problem, string message, Exception? inner = null) : base(message, inner)
    {
        Folder = folder;
        Problem = problem;
    }

    /// <summary>The folder as the caller gave it.</summary>
    public string Folder { get; }

    /// <summary>Why it cannot be used.</summary>
    public OutputFolderProblem Problem { get; }

    /// <summary>True when another process holds the folder (it is busy, not unusable).</summary>
    public bool Busy => Problem == OutputFolderProblem.InUse;
}
