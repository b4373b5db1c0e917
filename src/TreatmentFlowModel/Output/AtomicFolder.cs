namespace TreatmentFlowModel.Output;

/// <summary>
/// Writes a folder all at once: files go into a temporary sibling folder, which is renamed into place only
/// when complete, so an interrupted or failed write never leaves a half-written folder (nor loses the old one).
/// </summary>
public static class AtomicFolder
{
    /// <summary>Creates <paramref name="folder"/> with the files <paramref name="write"/> puts in the temporary folder it is given.</summary>
    /// <param name="folder">The folder to create.</param>
    /// <param name="force">Replace an existing folder (only after the new one is complete).</param>
    /// <param name="write">Writes the files into the temporary folder whose path it receives.</param>
    /// <exception cref="OutputFolderExistsException">The folder exists and <paramref name="force"/> is false.</exception>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    public static void Write(string folder, bool force, Action<string> write)
    {
        string target = Path.GetFullPath(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        if (Directory.Exists(target) && !force) throw new OutputFolderExistsException(folder);
        string parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            write(temp);
            if (Directory.Exists(target))
            {
                string old = Path.Combine(parent, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
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
