namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>One summary statistic's posterior predictive distribution beside its observed value: a row of the fit report.</summary>
/// <param name="Name">The observation.</param>
/// <param name="Observed">Its observed value.</param>
/// <param name="Uncertainty">Its stated uncertainty (NaN if none).</param>
/// <param name="Median">Median of the simulated summary over the posterior draws.</param>
/// <param name="Lower">Lower end of the predictive band (the 5th percentile for a 90% band).</param>
/// <param name="Upper">Upper end of the predictive band (the 95th percentile for a 90% band).</param>
public sealed record PredictiveSummary(string Name, double Observed, double Uncertainty, double Median, double Lower, double Upper)
{
    /// <summary>Whether the observed value lies inside the band.</summary>
    public bool ObservedInsideBand => Lower <= Observed && Observed <= Upper;
}
