using TreatmentFlowModel.Data;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// The checkpoint file of a run: an accumulator (which carries a SHA-256 of its state, so a damaged file is refused,
/// never resumed to a wrong answer), saved to a temporary file beside it, flushed to disk and renamed over the old one.
/// A save that fails (a full disk) removes its temporary file, keeps the previous checkpoint and names the file.
/// </summary>
internal sealed class Checkpoint(string path)
{
    /// <summary>Fills <paramref name="total"/> (empty) from the checkpoint file, if there is one.</summary>
    /// <exception cref="CheckpointException">The file belongs to another run, is damaged, truncated, not a regular file, or cannot be read.</exception>
    public void TryResume(EnsembleAccumulator total)
    {
        // Its kind is read before it is opened: opening a named pipe would wait for a writer for ever.
        var kind = FileKinds.Of(path);
        if (kind == FileKind.Missing) return;
        if (kind != FileKind.Regular) throw new CheckpointException(path, $"the checkpoint '{path}' {FileKinds.Describe(kind)}");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            total.ReadFrom(stream);
            if (stream.Position != stream.Length) throw new CheckpointException(path, $"the checkpoint '{path}' cannot be used: it holds more than one run's state");
        }
        catch (EndOfStreamException e) { throw new CheckpointException(path, $"the checkpoint '{path}' is truncated", e); }
        catch (InvalidDataException e) when (e.Message == EnsembleAccumulator.ChecksumMismatch)
        {
            throw new CheckpointException(path, $"the checkpoint '{path}' is damaged: {e.Message}", e);
        }
        catch (InvalidDataException e) { throw new CheckpointException(path, $"the checkpoint '{path}' cannot be used: {e.Message}", e); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"the checkpoint '{path}' cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Saves <paramref name="total"/> atomically; on failure the old checkpoint (if any) is kept and no temporary file is left.</summary>
    /// <exception cref="IOException">It could not be saved (a full disk); the message names the file.</exception>
    public void Save(EnsembleAccumulator total)
    {
        string temp = $"{path}.tmp-{Environment.ProcessId}";
        try
        {
            // A buffer under the 85 KB large-object threshold: it dies young. A 1 MB one went to the large-object heap,
            // which is collected rarely, so a long run grew by about a megabyte per save (50 MB in 40 saves).
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                total.WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException) { /* the save's own failure is what matters */ }
            throw new IOException($"cannot save the checkpoint '{path}': {e.Message}", e);
        }
    }
}
