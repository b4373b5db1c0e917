using TreatmentFlowModel.Random;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// A <see cref="System.Random"/> over the replicate's own Philox stream, so that MathNet.Numerics'
/// distributions draw the replicate's parameters reproducibly (once per replicate, off the hot path).
/// </summary>
internal sealed class ParameterRandom : System.Random
{
    /// <summary>Channel reserved for parameter draws; flow channels are area × 32 + flow.</summary>
    public const int Channel = int.MaxValue;

    private RandomStream _stream;

    public ParameterRandom(ulong seed, int replicate) => _stream = new RandomStream(seed, replicate, 0, Channel);

    protected override double Sample() => _stream.NextDouble();

    public override double NextDouble() => _stream.NextDouble();

    public override int Next() => (int)(_stream.NextUInt32() >> 1);

    public override int Next(int maxValue) => (int)(_stream.NextDouble() * maxValue);

    public override int Next(int minValue, int maxValue) => minValue + (int)(_stream.NextDouble() * ((long)maxValue - minValue));

    public override void NextBytes(byte[] buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)_stream.NextUInt32();
    }
}
