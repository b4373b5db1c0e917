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
    private const int FormatVersion = 2;
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

    /// <summary>Writes the exact state, with the run's fingerprint; read it back with <see cref="ReadFrom"/> into an accumulator of the same run.</summary>
    public void WriteTo(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(FormatVersion);
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

    /// <summary>Replaces this (empty) accumulator's state with one written by <see cref="WriteTo"/>.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold an accumulator of this run, or is damaged.</exception>
    /// <exception cref="EndOfStreamException">The stream is truncated.</exception>
    public void ReadFrom(Stream stream)
    {
        if (Completed > 0) throw new InvalidOperationException("read into an empty accumulator");
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Magic || r.ReadInt32() != FormatVersion) throw new InvalidDataException("not a TreatmentFlowModel accumulator of this version");
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
}
