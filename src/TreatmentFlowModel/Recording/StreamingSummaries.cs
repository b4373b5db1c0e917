using System.Numerics;
using System.Runtime.CompilerServices;

namespace TreatmentFlowModel.Recording;

/// <summary>
/// Mergeable, fixed-memory summaries of many cells (one cell = one area, period and series) over
/// replicates: count, exact sums for the mean and variance, exact minimum and maximum, and a quantile
/// histogram per cell.
/// </summary>
/// <remarks>
/// <para><b>Exact and order-free.</b> Values are summed in 128-bit fixed point (2^-16 resolution) rather
/// than with Welford/Chan updates: integer addition is associative, so any split of the replicates into
/// threads, batches or separate runs merges into bit-identical summaries. Chan's floating-point merge
/// is not associative and would make the last digits depend on the thread count.</para>
/// <para><b>Quantiles.</b> Negative values (differences between scenarios) mirror the positive keys below zero. Each cell has a window of <see cref="Bins"/> counters over a log-linear key:
/// with the cell's unit u (1 person, or 1/64 week for mean waits), values below 128u get bins of width u
/// and larger values 128 bins per doubling (an IEEE-754 exponent and the top 7 mantissa bits of
/// x/u + 128). When a cell's values span more than <see cref="Bins"/> keys, adjacent bins are merged in
/// pairs (the cell's level rises by one), as in UDDSketch. A cell's level and counts are a function of
/// the multiset of its values alone, so merging is exact too. A quantile is the type-7 interpolation of
/// the bin representatives of the two order statistics around it (the exact minimum and maximum at the
/// ends), so its error is at most one bin width: u·2^L for values below 128u·2^L, and under 2^(L-6) of
/// the value above that (under 2^(L-7) above 256u). At level 0, counts below 128 are exact and larger
/// values are within 1.6% (0.8% above 256).</para>
/// </remarks>
internal sealed class StreamingSummaries
{
    /// <summary>Counters per cell.</summary>
    public const int Bins = 128;
    private const int MantissaBits = 7;
    private const int Shift = 52 - MantissaBits;
    private const double LinearLimit = 1 << MantissaBits;           // x/u + 128 puts [0, 128u) on width-u bins
    private static readonly long KeyOffset = BitConverter.DoubleToInt64Bits(LinearLimit) >> Shift;
    private const double FixedScale = 65536.0;                      // 2^16
    /// <summary>Largest value accepted: keeps x·2^16 below 2^62 and squared sums of 10^7 replicates inside 128 bits.</summary>
    public const double MaxValue = 1L << 44;

    private readonly double[] _inverseUnit;
    private readonly long[] _count;
    private readonly Int128[] _sum, _sumSquares;
    private readonly double[] _min, _max;
    private readonly byte[] _level;
    private readonly long[] _low, _high;  // key range in the window, at the cell's level
    private readonly int[] _bins;         // [cell × Bins + key - low]

    /// <summary>Creates empty summaries for <paramref name="units"/>.Length cells.</summary>
    /// <param name="units">Each cell's unit: the resolution of its small values (1 for counts).</param>
    public StreamingSummaries(double[] units)
    {
        int n = units.Length;
        _inverseUnit = new double[n];
        for (int i = 0; i < n; i++) _inverseUnit[i] = 1 / units[i];
        _count = new long[n];
        _sum = new Int128[n];
        _sumSquares = new Int128[n];
        _min = new double[n];
        _max = new double[n];
        _level = new byte[n];
        _low = new long[n];
        _high = new long[n];
        _bins = new int[(long)n * Bins];
    }

    /// <summary>Number of cells.</summary>
    public int Cells => _count.Length;

    /// <summary>Adds one replicate's value of every cell; NaN means undefined in this replicate and is skipped.</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        if (values.Length != Cells) throw new ArgumentException($"expected {Cells} values, got {values.Length}", nameof(values));
        for (int cell = 0; cell < values.Length; cell++) Add(cell, values[cell]);
    }

    /// <summary>Adds one value to one cell.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int cell, double x)
    {
        if (double.IsNaN(x)) return;
        if (!(Math.Abs(x) <= MaxValue))
            throw new ArgumentOutOfRangeException(nameof(x), x, $"a recorded value must be finite and within ±{MaxValue:E0} (cell {cell}); this is a bug in the model");
        long q = (long)Math.Round(x * FixedScale);
        long n = _count[cell]++;
        _sum[cell] += q;
        _sumSquares[cell] += (Int128)q * q;
        if (n == 0) { _min[cell] = x; _max[cell] = x; }
        else
        {
            if (x < _min[cell]) _min[cell] = x;
            if (x > _max[cell]) _max[cell] = x;
        }
        AddKey(cell, SignedKey(x * _inverseUnit[cell]), 0, 1, first: n == 0);
    }

    /// <summary>Level-0 key of <paramref name="v"/> = x/u ≥ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Key(double v) => (BitConverter.DoubleToInt64Bits(v + LinearLimit) >> Shift) - KeyOffset;

    /// <summary>Keys of negative values mirror the positive ones below zero (-key - 1), so keys stay monotone and collapsing by arithmetic shifts stays symmetric.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long SignedKey(double v) => v >= 0 ? Key(v) : -Key(-v) - 1;

    /// <summary>Lower bound, in units, of level-0 key <paramref name="key"/>.</summary>
    private static double LowerBound(long key) => BitConverter.Int64BitsToDouble((key + KeyOffset) << Shift) - LinearLimit;

    private void AddKey(int cell, long key, int keyLevel, int count, bool first)
    {
        while (_level[cell] < keyLevel) Collapse(cell);
        key >>= _level[cell] - keyLevel;
        var bins = _bins.AsSpan(cell * Bins, Bins);
        if (first)
        {
            _low[cell] = _high[cell] = key;
            bins[0] = count;
            return;
        }
        if (key >= _low[cell] && key <= _high[cell]) { bins[(int)(key - _low[cell])] += count; return; }
        while (Math.Max(_high[cell], key) - Math.Min(_low[cell], key) + 1 > Bins)
        {
            Collapse(cell);
            key >>= 1;
        }
        if (key < _low[cell])
        {
            int by = (int)(_low[cell] - key), span = (int)(_high[cell] - _low[cell] + 1);
            bins[..span].CopyTo(bins[by..]);
            bins[..by].Clear();
            _low[cell] = key;
        }
        else if (key > _high[cell]) _high[cell] = key;
        bins[(int)(key - _low[cell])] += count;
    }

    /// <summary>Merges adjacent bins in pairs: the cell's level rises by one.</summary>
    private void Collapse(int cell)
    {
        var bins = _bins.AsSpan(cell * Bins, Bins);
        long low = _low[cell], newLow = low >> 1;
        int span = (int)(_high[cell] - low + 1);
        for (int i = 1; i < span; i++)
        {
            int j = (int)(((low + i) >> 1) - newLow);
            if (j == i) continue;
            bins[j] += bins[i];
            bins[i] = 0;
        }
        _low[cell] = newLow;
        _high[cell] >>= 1;
        _level[cell]++;
    }

    /// <summary>Adds everything in <paramref name="other"/> (same cells and units): afterwards this equals the summaries of both sets of replicates.</summary>
    public void Merge(StreamingSummaries other)
    {
        if (other.Cells != Cells) throw new ArgumentException("the summaries cover different cells", nameof(other));
        for (int cell = 0; cell < Cells; cell++)
        {
            long n = other._count[cell];
            if (n == 0) continue;
            bool first = _count[cell] == 0;
            _min[cell] = first ? other._min[cell] : Math.Min(_min[cell], other._min[cell]);
            _max[cell] = first ? other._max[cell] : Math.Max(_max[cell], other._max[cell]);
            _count[cell] += n;
            _sum[cell] += other._sum[cell];
            _sumSquares[cell] += other._sumSquares[cell];
            var bins = other._bins.AsSpan(cell * Bins, Bins);
            for (long key = other._low[cell]; key <= other._high[cell]; key++)
            {
                int c = bins[(int)(key - other._low[cell])];
                if (c == 0) continue;
                AddKey(cell, key, other._level[cell], c, first);
                first = false;
            }
        }
    }

    /// <summary>Count, mean, sample standard deviation and type-7 percentiles of one cell.</summary>
    public Summary Summarize(int cell)
    {
        long n = _count[cell];
        if (n == 0) return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        // Inside [min, max], so one replicate (the deterministic mode) or a constant cell gives its exact value.
        double mean = Math.Clamp((double)_sum[cell] / FixedScale / n, _min[cell], _max[cell]);
        double sd = 0;
        if (n > 1)
        {
            // n·Σq² − (Σq)² exactly, then one rounding.
            var numerator = (BigInteger)n * (BigInteger)_sumSquares[cell] - BigInteger.Pow((BigInteger)_sum[cell], 2);
            sd = Math.Sqrt((double)numerator / ((double)n * (n - 1)) / (FixedScale * FixedScale));
        }
        Span<double> p = [0.05, 0.25, 0.5, 0.75, 0.95];
        Span<double> q = stackalloc double[5];
        Quantiles(cell, p, q);
        return new Summary((int)Math.Min(n, int.MaxValue), mean, sd, q[0], q[1], q[2], q[3], q[4]);
    }

    /// <summary>Type-7 quantiles at increasing probabilities <paramref name="p"/>.</summary>
    public void Quantiles(int cell, ReadOnlySpan<double> p, Span<double> into)
    {
        long n = _count[cell];
        for (int i = 0; i < p.Length; i++)
        {
            double h = (n - 1) * p[i];
            long lo = (long)Math.Floor(h);
            double a = ValueAtRank(cell, lo), b = ValueAtRank(cell, Math.Min(lo + 1, n - 1));
            into[i] = a + (h - lo) * (b - a);
        }
    }

    /// <summary>Estimate of the order statistic of 0-based rank <paramref name="rank"/>.</summary>
    internal double ValueAtRank(int cell, long rank)
    {
        long n = _count[cell];
        if (rank <= 0) return _min[cell];
        if (rank >= n - 1) return _max[cell];
        var bins = _bins.AsSpan(cell * Bins, Bins);
        long seen = 0;
        for (int i = 0; i <= _high[cell] - _low[cell]; i++)
        {
            seen += bins[i];
            if (seen > rank) return Representative(cell, _low[cell] + i);
        }
        return _max[cell];
    }

    /// <summary>Width of the bin holding <paramref name="x"/> in <paramref name="cell"/>: the error bound of a quantile estimate there.</summary>
    internal double BinWidth(int cell, double x)
    {
        int level = _level[cell];
        long key = Key(Math.Abs(x) * _inverseUnit[cell]) >> level;
        return (LowerBound((key + 1) << level) - LowerBound(key << level)) / _inverseUnit[cell];
    }

    /// <summary>The cell's collapse level (0 = finest).</summary>
    internal int Level(int cell) => _level[cell];

    /// <summary>Middle of the unit grid points in a bin (its lower bound when it holds one unit), inside [min, max].</summary>
    private double Representative(int cell, long key)
    {
        int level = _level[cell];
        bool negative = key < 0;
        if (negative) key = -key - 1;   // the mirror image of a positive bin
        double lower = LowerBound(key << level), upper = LowerBound((key + 1) << level);
        double units = lower + Math.Max(0, upper - lower - 1) / 2;
        return Math.Clamp((negative ? -units : units) / _inverseUnit[cell], _min[cell], _max[cell]);
    }

    /// <summary>Writes the exact state (for checkpoints).</summary>
    public void Write(BinaryWriter w)
    {
        w.Write(Cells);
        for (int c = 0; c < Cells; c++)
        {
            w.Write(_count[c]);
            if (_count[c] == 0) continue;
            w.Write((ulong)(_sum[c] >> 64)); w.Write((ulong)_sum[c]);
            w.Write((ulong)(_sumSquares[c] >> 64)); w.Write((ulong)_sumSquares[c]);
            w.Write(_min[c]); w.Write(_max[c]);
            w.Write(_level[c]); w.Write(_low[c]); w.Write(_high[c]);
            foreach (int b in _bins.AsSpan(c * Bins, (int)(_high[c] - _low[c] + 1))) w.Write(b);
        }
    }

    /// <summary>Replaces the state with one written by <see cref="Write"/> for the same cells.</summary>
    public void Read(BinaryReader r)
    {
        int cells = r.ReadInt32();
        if (cells != Cells) throw new InvalidDataException($"the saved summaries have {cells} cells, this run {Cells}");
        Array.Clear(_bins);
        for (int c = 0; c < Cells; c++)
        {
            _count[c] = r.ReadInt64();
            if (_count[c] == 0) { _sum[c] = _sumSquares[c] = 0; _level[c] = 0; continue; }
            _sum[c] = new Int128(r.ReadUInt64(), r.ReadUInt64());
            _sumSquares[c] = new Int128(r.ReadUInt64(), r.ReadUInt64());
            _min[c] = r.ReadDouble(); _max[c] = r.ReadDouble();
            _level[c] = r.ReadByte(); _low[c] = r.ReadInt64(); _high[c] = r.ReadInt64();
            long span = _high[c] - _low[c] + 1;
            if (span < 1 || span > Bins) throw new InvalidDataException($"cell {c}: bad histogram window");
            var bins = _bins.AsSpan(c * Bins, (int)span);
            for (int i = 0; i < bins.Length; i++) bins[i] = r.ReadInt32();
        }
    }
}
