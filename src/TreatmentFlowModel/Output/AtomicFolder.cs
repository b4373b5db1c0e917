namespace TreatmentFlowModel.Output;

/// <summary>
/// Writes a folder all at once: files go into a temporary sibling folder, which is renamed into place only
/// when complete, so an interrupted or failed write never leaves a half-written folder (nor loses the old one).
/// </summary>
public static class AtomicFolder
{
    /// <summary>The name of the temporary folder <see cref="Write"/> fills beside <paramref name="name"/>, up to its unique ending.</summary>
    internal static string TemporaryPrefix(string name) => $".{name}.tmp-";

    /// <summary>The name an old folder is moved to while it is replaced, up to its unique ending.</summary>
    internal static string OldPrefix(string name) => $".{name}.old-";

    /// <summary>Creates <paramref name="folder"/> with the files <paramref name="write"/> puts in the temporary folder it is given.</summary>
    /// <param name="folder">The folder to create.</param>
    /// <param name="force">Replace an existing folder (only after the new one is complete).</param>
    /// <param name="write">Writes the files into the temporary folder whose path it receives.</param>
    /// <param name="cancellationToken">Checked before the folder is moved into place: once cancelled, the temporary folder is removed and nothing is written.</param>
    /// <exception cref="OutputFolderExistsException">The folder exists and <paramref name="force"/> is false.</exception>
    /// <exception cref="OutputFolderException">The path names a file, not a folder.</exception>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the folder was moved into place; nothing was written.</exception>
    public static void Write(string folder, bool force, Action<string> write, CancellationToken cancellationToken = default)
    {
        string target = Path.GetFullPath(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        if (File.Exists(target)) throw new OutputFolderException(folder, OutputFolderProblem.IsAFile, "is a file, not a folder");
        if (Directory.Exists(target) && !force) throw new OutputFolderExistsException(folder);
        cancellationToken.ThrowIfCancellationRequested();
        string parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, $"{TemporaryPrefix(Path.GetFileName(target))}{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            write(temp);
            // The last moment a stop can still leave everything as it was.
            cancellationToken.ThrowIfCancellationRequested();
            if (Directory.Exists(target))
            {
                string old = Path.Combine(parent, $"{OldPrefix(Path.GetFileName(target))}{Guid.NewGuid():N}");
                Directory.Move(target, old);
                Directory.Move(temp, target);
                Directory.Delete(old, recursive: true);
            }
            else Directory.Move(temp, target);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }
}
