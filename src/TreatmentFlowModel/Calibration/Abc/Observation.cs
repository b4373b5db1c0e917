namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// One observed summary statistic the calibration must reproduce, with its stated uncertainty: the standard deviation
/// of the observation's error as its source gives it (NaN when the source states none).
/// </summary>
/// <param name="Name">Unique name; no comma, quote or line break, no leading '#' or surrounding spaces.</param>
/// <param name="Value">The observed value.</param>
/// <param name="Uncertainty">Standard deviation of the observation's error, above 0; NaN when not stated.</param>
public sealed record Observation(string Name, double Value, double Uncertainty = double.NaN)
{
    /// <summary>
    /// An observation given as a range: its midpoint, with the uncertainty of a normal error that puts
    /// <paramref name="probability"/> of its mass inside [<paramref name="low"/>, <paramref name="high"/>]
    /// ((high - low) / (2 z), z the normal quantile of (1 + probability) / 2; 1.645 for 90%).
    /// </summary>
    /// <param name="name">The observation's name.</param>
    /// <param name="low">Lower end of the range.</param>
    /// <param name="high">Upper end of the range, above <paramref name="low"/>.</param>
    /// <param name="probability">How much of the error's mass the source's range is taken to hold, in (0, 1); 0.90 unless the source says otherwise.</param>
    public static Observation FromRange(string name, double low, double high, double probability = 0.90)
    {
        Check.Finite(low);
        Check.Finite(high);
        if (!(low < high)) throw new ArgumentException($"low must be below high (was {Check.Text(low)} and {Check.Text(high)}).", nameof(low));
        if (!(probability > 0 && probability < 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, $"probability must lie in (0, 1) (was {Check.Text(probability)}).");
        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + 0.5 * probability);
        return new Observation(name, 0.5 * (low + high), (high - low) / (2 * z));
    }
}
