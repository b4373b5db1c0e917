using TreatmentFlowModel.Recording;
namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// Everything a run keeps about its replicates, in memory that does not grow with their number: streaming summaries
/// of every cell, how often each target was met, which replicates are in, and the full records of the first few
/// replicates (trajectories). Replicates can be added in any order, and accumulators of disjoint replicates of the same
/// run merged, in any grouping: the result is bit-identical either way. That is what threads, batches, checkpoints,
/// shards and clusters build on: run a range of replicates into an accumulator anywhere, merge, finish.
/// </summary>
/// <remarks>Not thread-safe: one writer at a time.</remarks>
public sealed class EnsembleAccumulator
{
    private const int FormatVersion = 3; // 3: a SHA-256 of the body follows it
    private const string Magic = "TFM-ENSEMBLE";
    private readonly long[] _met;            // per counted target
    private readonly ulong[] _done;          // bit per replicate
    private readonly double[]?[] _trajectories;
    private readonly int _trajectoryLength;

    internal EnsembleAccumulator(string fingerprint, double[] units, int counters, int replicates, int trajectories, int trajectoryLength)
    {
        Fingerprint = fingerprint;
        ReplicateCount = replicates;
        Summaries = new StreamingSummaries(units);
        _met = new long[counters];
        _done = new ulong[(replicates + 63) / 64];
        _trajectories = new double[Math.Min(trajectories, replicates)][];
        _trajectoryLength = trajectoryLength;
    }

    /// <summary>Identifies the run the replicates belong to; only accumulators of the same run merge.</summary>
    public string Fingerprint { get; }

    /// <summary>Replicates in the whole run (the ones added so far are <see cref="Completed"/>).</summary>
    public int ReplicateCount { get; }

    /// <summary>Replicates added so far.</summary>
    public int Completed { get; private set; }

    /// <summary>Whether every replicate of the run is in.</summary>
    public bool IsComplete => Completed == ReplicateCount;

    /// <summary>Whether replicate <paramref name="replicate"/> has been added.</summary>
    public bool Contains(int replicate) => (_done[replicate >> 6] & (1UL << (replicate & 63))) != 0;

    internal StreamingSummaries Summaries { get; }

    /// <summary>Full record of replicate <paramref name="r"/> (null unless r &lt; <see cref="TrajectoryCount"/> and it has run).</summary>
    internal double[]? Trajectory(int r) => r < _trajectories.Length ? _trajectories[r] : null;

    /// <summary>Number of replicates whose records are kept.</summary>
    internal int TrajectoryCount => _trajectories.Length;

    /// <summary>Replicates that met counted target <paramref name="counter"/>.</summary>
    internal long Met(int counter) => _met[counter];

    /// <summary>Adds the outcome of replicate <paramref name="replicate"/> that <paramref name="worker"/> has just run.</summary>
    internal void Add(int replicate, IReplicateWorker worker)
    {
        if (Contains(replicate)) throw new InvalidOperationException($"replicate {replicate} was added twice");
        Summaries.Add(worker.Cells);
        var met = worker.Met;
        for (int i = 0; i < _met.Length; i++)
            if (met[i]) _met[i]++;
        if (replicate < _trajectories.Length) _trajectories[replicate] = worker.Trajectory.ToArray();
        _done[replicate >> 6] |= 1UL << (replicate & 63);
        Completed++;
    }

    /// <summary>Adds the replicates of <paramref name="other"/>, an accumulator of the same run with none of this one's replicates.</summary>
    /// <exception cref="ArgumentException">The accumulators belong to different runs.</exception>
    /// <exception cref="InvalidOperationException">They share replicates.</exception>
    public void Merge(EnsembleAccumulator other)
    {
        if (other.Fingerprint != Fingerprint || other.ReplicateCount != ReplicateCount || other._met.Length != _met.Length)
            throw new ArgumentException("the accumulators belong to different runs", nameof(other));
        for (int i = 0; i < _done.Length; i++)
            if ((_done[i] & other._done[i]) != 0) throw new InvalidOperationException("the accumulators share replicates");
        Summaries.Merge(other.Summaries);
        for (int i = 0; i < _met.Length; i++) _met[i] += other._met[i];
        for (int i = 0; i < _done.Length; i++) _done[i] |= other._done[i];
        for (int r = 0; r < _trajectories.Length; r++) _trajectories[r] ??= other._trajectories[r];
        Completed += other.Completed;
    }

    /// <summary>
    /// Writes the exact state, with the run's fingerprint and a SHA-256 of it; read it back with <see cref="ReadFrom"/> into
    /// an accumulator of the same run. Format 3: the magic text, the format number, the length of the body, the body,
    /// and the SHA-256 of the body. The body is serialised twice (once to measure and hash it, once to write it), so
    /// that nothing the size of the state is buffered and the stream need not be seekable.
    /// </summary>
    public void WriteTo(Stream stream)
    {
        long length;
        byte[] hash;
        var measured = new Sha256Sink();
        // Buffered, so the hash takes blocks rather than one call per number written (under 85 KB: it dies young).
        using (var buffered = new BufferedStream(measured, 1 << 15))
        {
            WriteBody(buffered);
            buffered.Flush();
            (length, hash) = (measured.Length, measured.Hash());
        }
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(length);
        }
        WriteBody(stream);
        stream.Write(hash);
    }

    private void WriteBody(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Fingerprint);
        w.Write(ReplicateCount);
        w.Write(Completed);
        foreach (ulong bits in _done) w.Write(bits);
        foreach (long m in _met) w.Write(m);
        w.Write(_trajectories.Length);
        foreach (var t in _trajectories)
        {
            w.Write(t is not null);
            if (t is not null) foreach (double v in t) w.Write(v);
        }
        Summaries.Write(w);
    }

    /// <summary>
    /// Replaces this (empty) accumulator's state with one written by <see cref="WriteTo"/>. The body's SHA-256 is checked
    /// before a byte of it is used: one flipped bit would otherwise resume a run to a different, wrong answer.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream does not hold an accumulator of this run, was written by another
    /// format version, or is damaged (its body does not match its checksum).</exception>
    /// <exception cref="EndOfStreamException">The stream is truncated.</exception>
    public void ReadFrom(Stream stream)
    {
        if (Completed > 0) throw new InvalidOperationException("read into an empty accumulator");
        long length;
        using (var header = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            if (header.ReadString() != Magic) throw new InvalidDataException("not a TreatmentFlowModel accumulator");
            int version = header.ReadInt32();
            if (version != FormatVersion)
                throw new InvalidDataException(version < FormatVersion
                    ? $"it was saved by an older version of TreatmentFlowModel (format {version}, without a checksum); this version reads format {FormatVersion}"
                    : $"it was saved in format {version}; this version reads format {FormatVersion}");
            length = header.ReadInt64();
            if (length <= 0) throw new InvalidDataException(ChecksumMismatch);
        }
        // Check the body against its checksum first: in place when the stream can seek back, else from a copy.
        Stream body = stream;
        long start = 0;
        using (var sink = new Sha256Sink())
        {
            if (stream.CanSeek)
            {
                start = stream.Position;
                if (stream.Length - start < length + ChecksumBytes) throw new EndOfStreamException();
                CopyExactly(stream, sink, length);
            }
            else
            {
                var copy = new MemoryStream();
                CopyExactly(stream, copy, length);
                copy.Position = 0;
                copy.CopyTo(sink);
                copy.Position = 0;
                body = copy;
            }
            Span<byte> saved = stackalloc byte[ChecksumBytes];
            stream.ReadExactly(saved);
            if (!saved.SequenceEqual(sink.Hash())) throw new InvalidDataException(ChecksumMismatch);
        }
        long end = stream.CanSeek ? stream.Position : 0;
        if (stream.CanSeek) stream.Position = start;
        ReadBody(body);
        if (body.Position - start != length) throw new InvalidDataException("it is inconsistent: its body is longer than its contents");
        if (stream.CanSeek) stream.Position = end;
    }

    /// <summary>What <see cref="ReadFrom"/> says of a body that does not match its checksum.</summary>
    internal const string ChecksumMismatch = "its contents do not match the checksum saved with them";

    private const int ChecksumBytes = 32;

    private void ReadBody(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Fingerprint) throw new InvalidDataException("it belongs to a different scenario, seed, mode or replicate count");
        if (r.ReadInt32() != ReplicateCount) throw new InvalidDataException("it has a different replicate count");
        int completed = r.ReadInt32();
        for (int i = 0; i < _done.Length; i++) _done[i] = r.ReadUInt64();
        for (int i = 0; i < _met.Length; i++) _met[i] = r.ReadInt64();
        if (r.ReadInt32() != _trajectories.Length) throw new InvalidDataException("it keeps a different number of trajectories");
        for (int t = 0; t < _trajectories.Length; t++)
        {
            if (!r.ReadBoolean()) { _trajectories[t] = null; continue; }
            var values = new double[_trajectoryLength];
            for (int i = 0; i < values.Length; i++) values[i] = r.ReadDouble();
            _trajectories[t] = values;
        }
        Summaries.Read(r);
        int counted = 0;
        foreach (ulong bits in _done) counted += System.Numerics.BitOperations.PopCount(bits);
        if (counted != completed) throw new InvalidDataException("it is inconsistent");
        Completed = completed;
    }

    private static void CopyExactly(Stream from, Stream to, long count)
    {
        var buffer = new byte[1 << 16]; // under the 85 KB large-object threshold: it dies young
        while (count > 0)
        {
            int read = from.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0) throw new EndOfStreamException();
            to.Write(buffer, 0, read);
            count -= read;
        }
    }
}
