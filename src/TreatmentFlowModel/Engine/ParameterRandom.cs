using TreatmentFlowModel.Random;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// A <see cref="System.Random"/> over the replicate's Philox streams, so that MathNet.Numerics' distributions draw the
/// replicate's parameters reproducibly (once per replicate, off the hot path). Each parameter value draws from its own
/// stream (<see cref="Use"/>), so whether another parameter is fixed or uncertain, and how many numbers its distribution
/// takes, never moves this one's draw: two scenarios with the same seed share every parameter they have in common.
/// </summary>
internal sealed class ParameterRandom : System.Random
{
    /// <summary>Channel reserved for parameter draws; flow channels are area × 32 + flow.</summary>
    public const int Channel = int.MaxValue;

    /// <summary>Stream key of a per-modality parameter: this + modality × 256 + <see cref="Model.ModalityParameterId"/>.</summary>
    public const int ModalityKeys = 0x10000;

    /// <summary>Stream key of an area's scalar override: this + area table index × 256 + <see cref="Model.ParameterId"/>.</summary>
    public const int AreaKeys = 0x100000;

    /// <summary>Stream key of an area's per-modality override: this + area table index × 4096 + modality × 256 + parameter.</summary>
    public const int AreaModalityKeys = 0x1000000;

    private readonly ulong _seed;
    private readonly int _replicate;
    private RandomStream _stream;

    public ParameterRandom(ulong seed, int replicate)
    {
        _seed = seed;
        _replicate = replicate;
        Use(0);
    }

    /// <summary>
    /// Draws from here on come from the stream of <paramref name="key"/> (week <paramref name="key"/> of
    /// <see cref="Channel"/>): a scalar's <see cref="Model.ParameterId"/>, or a key of the ranges above.
    /// </summary>
    public void Use(int key) => _stream = new RandomStream(_seed, _replicate, key, Channel);

    /// <summary>The key of modality <paramref name="modality"/>'s parameter <paramref name="parameter"/>.</summary>
    public static int ModalityKey(int modality, int parameter) => ModalityKeys + modality * 256 + parameter;

    /// <summary>The key of area table row <paramref name="tableIndex"/>'s override of scalar <paramref name="parameter"/>.</summary>
    public static int AreaKey(int tableIndex, int parameter) => AreaKeys + tableIndex * 256 + parameter;

    /// <summary>The key of area table row <paramref name="tableIndex"/>'s override of modality <paramref name="modality"/>'s <paramref name="parameter"/>.</summary>
    public static int AreaModalityKey(int tableIndex, int modality, int parameter) => AreaModalityKeys + tableIndex * 4096 + modality * 256 + parameter;

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
