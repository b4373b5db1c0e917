namespace TreatmentFlowModel.Output;

/// <summary>
/// Replaces a single file all at once: the new content is written to a temporary file beside it, flushed to disk,
/// and renamed over the old one, so a full disk or an interruption leaves the old file as it was (and no temporary
/// file); the file is never half-written and never missing.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="file"/> with what <paramref name="write"/> puts in the stream it is given.</summary>
    /// <param name="file">The file to create or replace.</param>
    /// <param name="write">Writes the whole content into a new, empty, seekable stream (which it may also read).</param>
    /// <param name="cancellationToken">Checked before the new file replaces the old: once cancelled, the temporary file is removed and the old file kept.</param>
    /// <exception cref="IOException">It cannot be written (the old file, if any, is unchanged).</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write in its folder.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the old file, if any, is unchanged.</exception>
    public static void Write(string file, Action<Stream> write, CancellationToken cancellationToken = default)
    {
        string target = Path.GetFullPath(file);
        if (Directory.Exists(target)) throw new IOException($"'{file}' is a folder, not a file");
        string folder = Path.GetDirectoryName(target)!;
        string name = Path.GetFileName(target);
        string temp = Path.Combine(folder, $".{(name.Length > 200 ? name[..200] : name)}.tmp-{Guid.NewGuid():N}");
        try
        {
            // Readable too: a zip writer (the Open XML SDK's workbook) reads back what it has written.
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="file"/> as UTF-8 text (no byte-order mark).</summary>
    /// <param name="file">The file to create or replace.</param>
    /// <param name="text">The whole content.</param>
    /// <param name="cancellationToken">Checked before the new file replaces the old.</param>
    /// <exception cref="IOException">It cannot be written (the old file, if any, is unchanged).</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write in its folder.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the old file, if any, is unchanged.</exception>
    public static void WriteText(string file, string text, CancellationToken cancellationToken = default) =>
        Write(file, stream => stream.Write(new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)), cancellationToken);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the caller reports the original failure.
        }
    }
}
