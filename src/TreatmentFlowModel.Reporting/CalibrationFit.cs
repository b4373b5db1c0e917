namespace TreatmentFlowModel.Reporting;

/// <summary>
/// How well the run's parameters reproduce the published figures they were fitted to: supplied to the report by
/// whoever fitted them (the calibration), and shown under "What this rests on". Without it the report says that no
/// fit was supplied.
/// </summary>
/// <param name="Method">How the parameters were fitted, in a few words (e.g. "ABC-SMC, 200 particles, 9 generations").</param>
/// <param name="Summary">One or two sentences a reader needs: what was fitted to what, and how well.</param>
/// <param name="Checks">Each published figure against the model's distribution of it.</param>
/// <param name="Source">Where the full fit is (a file name), or null.</param>
public sealed record CalibrationFit(string Method, string Summary, IReadOnlyList<CalibrationCheck> Checks, string? Source = null);

/// <summary>One published figure against what the fitted model gives for it.</summary>
/// <param name="Observation">What was observed, e.g. "People presenting for treatment, England".</param>
/// <param name="Period">When, e.g. "2001/02".</param>
/// <param name="Observed">The published value.</param>
/// <param name="ObservedLow">Low end of its stated uncertainty (the value itself when none is stated).</param>
/// <param name="ObservedHigh">High end of its stated uncertainty.</param>
/// <param name="ModelMedian">The model's median of the same measure.</param>
/// <param name="ModelP05">The model's 5th percentile.</param>
/// <param name="ModelP95">The model's 95th percentile.</param>
/// <param name="Source">Where the figure was published.</param>
public sealed record CalibrationCheck(string Observation, string Period, double Observed, double ObservedLow, double ObservedHigh,
    double ModelMedian, double ModelP05, double ModelP95, string Source)
{
    /// <summary>Whether the model's 5-95% range meets the observation's stated range.</summary>
    public bool Consistent => ModelP05 <= ObservedHigh && ModelP95 >= ObservedLow;
}
