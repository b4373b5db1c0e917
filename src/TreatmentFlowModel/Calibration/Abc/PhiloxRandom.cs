using TreatmentFlowModel.Random;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// A <see cref="System.Random"/> over one Philox sub-stream, so that MathNet.Numerics' samplers draw the prior and
/// the kernel steps reproducibly from coordinates rather than from a shared sequence.
/// </summary>
internal sealed class PhiloxRandom : System.Random
{
    private RandomStream _stream;

    /// <summary>Draws from the sub-stream (seed, replicate, week, channel).</summary>
    public PhiloxRandom(ulong seed, int replicate, int week, int channel) => _stream = new RandomStream(seed, replicate, week, channel);

    /// <inheritdoc/>
    protected override double Sample() => _stream.NextDouble();

    /// <inheritdoc/>
    public override double NextDouble() => _stream.NextDouble();

    /// <inheritdoc/>
    public override int Next() => (int)(_stream.NextUInt32() >> 1);

    /// <inheritdoc/>
    public override int Next(int maxValue) => (int)(_stream.NextDouble() * maxValue);

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue) => minValue + (int)(_stream.NextDouble() * ((long)maxValue - minValue));

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)_stream.NextUInt32();
    }
}
