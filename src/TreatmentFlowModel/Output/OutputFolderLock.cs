namespace TreatmentFlowModel.Output;

/// <summary>
/// Holds an output folder (and its checkpoint folder) for one process: a lock file <c>.NAME.lock</c> beside the
/// folder, opened for exclusive use. On Unix .NET takes an advisory <c>flock</c> for that, which the kernel drops
/// when the process ends however it ends (even <c>kill -9</c>), so a lock never outlives its run; a file left behind
/// by a killed run is simply taken over. On release the file is deleted while still locked.
/// </summary>
/// <remarks>
/// Deleting a lock file has a known race: a process that opened the file just before it was deleted can lock the
/// deleted file while a third creates and locks a new one. To close it, the holder stamps its file with a random
/// modification time through its own handle and checks that the path still shows that stamp (a stat, which takes no
/// lock); a process that locked a deleted file sees a different stamp, lets go and tries again.
/// </remarks>
public sealed class OutputFolderLock : IDisposable
{
    private readonly FileStream _file;
    private readonly DateTime _stamp;
    private readonly List<string> _createdFolders;
    private bool _released;

    private OutputFolderLock(string folder, string path, FileStream file, DateTime stamp, List<string> createdFolders)
    {
        Folder = folder;
        LockFile = path;
        _file = file;
        _stamp = stamp;
        _createdFolders = createdFolders;
    }

    /// <summary>The output folder held.</summary>
    public string Folder { get; }

    /// <summary>The lock file beside it.</summary>
    public string LockFile { get; }

    internal static OutputFolderLock Acquire(string folder)
    {
        string path = OutputFolder.LockPath(folder);
        var created = CreateParents(folder, Path.GetDirectoryName(path)!);
        for (int attempt = 0; attempt < 5; attempt++)
        {
            FileStream file;
            try
            {
                // FileShare.None: on Unix an exclusive flock (LOCK_EX | LOCK_NB); on Windows a sharing lock. FileShare.Delete on
                // Windows lets the holder delete the file it holds; on Unix it would turn the flock into a shared one.
                file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite,
                    OperatingSystem.IsWindows() ? FileShare.Delete : FileShare.None, bufferSize: 1);
            }
            catch (IOException e) when (File.Exists(path) && e is not PathTooLongException)
            {
                RemoveEmpty(created);
                throw new OutputFolderException(folder, OutputFolderProblem.InUse, "another tfm process is writing this folder (or its checkpoint)", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                RemoveEmpty(created);
                throw new OutputFolderException(folder, OutputFolderProblem.CannotWrite, $"cannot write in '{Path.GetDirectoryName(path)}': {e.Message}", e);
            }
            // A whole even number of seconds (FAT keeps modification times to 2 s) out of 20 years: 3 x 10^8 stamps.
            var stamp = new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(2 * System.Random.Shared.NextInt64(5 * 365 * 24 * 3600));
            try
            {
                file.SetLength(0);
                file.Write(System.Text.Encoding.UTF8.GetBytes($"tfm process {Environment.ProcessId} is writing {Path.GetFileName(folder.TrimEnd('/', '\\'))}\n"));
                file.Flush();
                File.SetLastWriteTimeUtc(file.SafeFileHandle, stamp);
                if (File.Exists(path) && File.GetLastWriteTimeUtc(path) == stamp)
                {
                    RemoveLeftovers(folder);
                    return new OutputFolderLock(folder, path, file, stamp, created);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                file.Dispose();
                RemoveEmpty(created);
                throw new OutputFolderException(folder, OutputFolderProblem.CannotWrite, $"cannot write in '{Path.GetDirectoryName(path)}': {e.Message}", e);
            }
            file.Dispose(); // locked a file another process had just deleted: try again on the file now at the path
        }
        RemoveEmpty(created);
        throw new OutputFolderException(folder, OutputFolderProblem.InUse, "other tfm processes keep taking and releasing this folder");
    }

    /// <summary>
    /// Temporary and replaced folders of this output left by a killed process (kill -9 leaves them; every other stop
    /// removes its own). Holding the lock, no other process can be writing them.
    /// </summary>
    private static void RemoveLeftovers(string folder)
    {
        string full = Path.GetFullPath(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        string name = Path.GetFileName(full), parent = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(parent)) return;
        foreach (var prefix in new[] { AtomicFolder.TemporaryPrefix(name), AtomicFolder.OldPrefix(name) })
            foreach (var leftover in Directory.EnumerateDirectories(parent, prefix + "*"))
            {
                // Only names AtomicFolder makes: the prefix and 32 hex digits (the search pattern treats * and ? in a name as wildcards).
                string found = Path.GetFileName(leftover);
                if (found.Length != prefix.Length + 32 || !found.StartsWith(prefix, StringComparison.Ordinal) || found.AsSpan(prefix.Length).ContainsAnyExcept("0123456789abcdef")) continue;
                try { Directory.Delete(leftover, recursive: true); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* left for the next run */ }
            }
    }

    /// <summary>Creates the folders above the lock file that do not exist yet, and lists them (deepest first) so that release can remove them again if empty.</summary>
    private static List<string> CreateParents(string folder, string parent)
    {
        var missing = new List<string>();
        for (string? p = parent; p is not null && !Directory.Exists(p); p = Path.GetDirectoryName(p)) missing.Add(p);
        try
        {
            Directory.CreateDirectory(parent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RemoveEmpty(missing);
            throw new OutputFolderException(folder, OutputFolderProblem.CannotWrite, $"cannot create the folder '{parent}': {e.Message}", e);
        }
        return missing;
    }

    private static void RemoveEmpty(List<string> folders)
    {
        foreach (var f in folders)
        {
            try
            {
                if (Directory.Exists(f) && !Directory.EnumerateFileSystemEntries(f).Any()) Directory.Delete(f);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return; // someone else put something there, or it cannot be touched: leave it
            }
        }
    }

    /// <summary>Deletes the lock file (while still holding it) and lets go; removes the parent folders the lock created if nothing else was put in them.</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        try
        {
            if (File.Exists(LockFile) && File.GetLastWriteTimeUtc(LockFile) == _stamp) File.Delete(LockFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind, it is harmless: the next run takes it over.
        }
        _file.Dispose();
        RemoveEmpty(_createdFolders);
    }
}
