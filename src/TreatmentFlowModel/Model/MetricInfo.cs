namespace TreatmentFlowModel.Model;

/// <summary>What a metric means, for people and for output files: the codebook entry of one measure.</summary>
/// <param name="Name">The output name (snake_case), as in every CSV, JSON and chart: e.g. <c>treatment_starts_cjs</c>.</param>
/// <param name="Label">A short readable name for tables and charts, e.g. "Criminal-justice treatment starts".</param>
/// <param name="Unit">The unit: <c>persons</c>, <c>places</c>, <c>weeks</c>, <c>GBP</c>, <c>offences</c>, <c>orders</c> or <c>share</c>.</param>
/// <param name="Decimals">
/// Decimal places written to output files: enough for the figure's real precision and no more. Counts of people,
/// places and orders are means over replicates (two decimals, so a weekly rate of 0.04 deaths survives), money is whole
/// pounds, offences one decimal, waits hundredths of a week, shares four decimals.
/// </param>
/// <param name="Definition">How it is counted, and how weeks add up to a financial year.</param>
public sealed record MetricInfo(string Name, string Label, string Unit, int Decimals, string Definition)
{
    /// <summary><paramref name="value"/> rounded to <see cref="Decimals"/> (NaN stays NaN).</summary>
    public double Round(double value) => double.IsFinite(value) ? Math.Round(value, Decimals, MidpointRounding.AwayFromZero) : value;
}
