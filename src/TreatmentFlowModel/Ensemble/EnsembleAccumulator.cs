using TreatmentFlowModel.Engine;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// Everything a run keeps about its replicates, in memory that does not grow with their number:
/// streaming summaries of every cell, how often each target was met, which replicates are in, and the
/// full weekly records of the first few replicates (trajectories for plots). Replicates can be added in
/// any order and accumulators of disjoint replicates merged: the result is bit-identical either way.
/// </summary>
internal sealed class EnsembleAccumulator
{
    private const int FormatVersion = 1;
    private readonly long[] _met;            // [slot × targets + target]
    private readonly ulong[] _done;          // bit per replicate
    private readonly double[]?[] _trajectories;

    public EnsembleAccumulator(CellLayout layout, TargetDefinition[] targets, int replicates, int trajectories)
    {
        Layout = layout;
        Targets = targets;
        ReplicateCount = replicates;
        Summaries = new StreamingSummaries(layout.Units());
        _met = new long[layout.AnnualSlots * targets.Length];
        _done = new ulong[(replicates + 63) / 64];
        _trajectories = new double[Math.Min(trajectories, replicates)][];
    }

    public CellLayout Layout { get; }
    public TargetDefinition[] Targets { get; }
    /// <summary>Replicates in the whole run (the ones added so far are <see cref="Completed"/>).</summary>
    public int ReplicateCount { get; }
    public StreamingSummaries Summaries { get; }
    /// <summary>Replicates added so far.</summary>
    public int Completed { get; private set; }

    /// <summary>Whether replicate <paramref name="r"/> has been added.</summary>
    public bool IsDone(int r) => (_done[r >> 6] & (1UL << (r & 63))) != 0;

    /// <summary>Weekly record of replicate <paramref name="r"/> (null unless r &lt; trajectories kept and it has run).</summary>
    public double[]? Trajectory(int r) => r < _trajectories.Length ? _trajectories[r] : null;

    /// <summary>Number of replicates whose weekly records are kept.</summary>
    public int TrajectoryCount => _trajectories.Length;

    /// <summary>Times target <paramref name="target"/> was met in annual slot <paramref name="slot"/>.</summary>
    public long Met(int slot, int target) => _met[slot * Targets.Length + target];

    /// <summary>Adds replicate <paramref name="r"/>'s record.</summary>
    public void Add(int r, ReadOnlySpan<double> record)
    {
        if (IsDone(r)) throw new InvalidOperationException($"replicate {r} was added twice");
        Summaries.Add(record);
        for (int slot = 0; slot < Layout.AnnualSlots; slot++)
            for (int t = 0; t < Targets.Length; t++)
                if (Targets[t].IsMet(record, Layout, slot)) _met[slot * Targets.Length + t]++;
        if (r < _trajectories.Length) _trajectories[r] = record[..Layout.WeeklyCells].ToArray();
        MarkDone(r);
    }

    private void MarkDone(int r)
    {
        _done[r >> 6] |= 1UL << (r & 63);
        Completed++;
    }

    /// <summary>Adds the replicates of <paramref name="other"/>, which must not overlap this one's.</summary>
    public void Merge(EnsembleAccumulator other)
    {
        if (other.Layout != Layout || other.ReplicateCount != ReplicateCount || other.Targets.Length != Targets.Length)
            throw new ArgumentException("the accumulators belong to different runs", nameof(other));
        for (int i = 0; i < _done.Length; i++)
            if ((_done[i] & other._done[i]) != 0) throw new InvalidOperationException("the accumulators share replicates");
        Summaries.Merge(other.Summaries);
        for (int i = 0; i < _met.Length; i++) _met[i] += other._met[i];
        for (int i = 0; i < _done.Length; i++) _done[i] |= other._done[i];
        for (int r = 0; r < _trajectories.Length; r++) _trajectories[r] ??= other._trajectories[r];
        Completed += other.Completed;
    }

    /// <summary>Writes the exact state; <paramref name="fingerprint"/> identifies the run it belongs to.</summary>
    public void Write(Stream stream, string fingerprint)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write("TFM-ENSEMBLE");
        w.Write(FormatVersion);
        w.Write(fingerprint);
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

    /// <summary>Reads a state written by <see cref="Write"/> into this (empty) accumulator.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint of this run.</exception>
    public void Read(Stream stream, string fingerprint)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != "TFM-ENSEMBLE" || r.ReadInt32() != FormatVersion) throw new InvalidDataException("not a TreatmentFlowModel checkpoint of this version");
        if (r.ReadString() != fingerprint) throw new InvalidDataException("the checkpoint belongs to a different scenario, seed or replicate count");
        if (r.ReadInt32() != ReplicateCount) throw new InvalidDataException("the checkpoint has a different replicate count");
        Completed = r.ReadInt32();
        for (int i = 0; i < _done.Length; i++) _done[i] = r.ReadUInt64();
        for (int i = 0; i < _met.Length; i++) _met[i] = r.ReadInt64();
        if (r.ReadInt32() != _trajectories.Length) throw new InvalidDataException("the checkpoint keeps a different number of trajectories");
        for (int t = 0; t < _trajectories.Length; t++)
        {
            if (!r.ReadBoolean()) { _trajectories[t] = null; continue; }
            var values = new double[Layout.WeeklyCells];
            for (int i = 0; i < values.Length; i++) values[i] = r.ReadDouble();
            _trajectories[t] = values;
        }
        Summaries.Read(r);
        int counted = 0;
        foreach (ulong bits in _done) counted += System.Numerics.BitOperations.PopCount(bits);
        if (counted != Completed) throw new InvalidDataException("the checkpoint is inconsistent");
    }
}
