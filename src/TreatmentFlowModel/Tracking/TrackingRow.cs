using TreatmentFlowModel.Recording;

namespace TreatmentFlowModel.Tracking;

/// <summary>An observation beside the forecast of the same period, area and metric: a row of tracking.csv.</summary>
/// <param name="Observed">The observation.</param>
/// <param name="Forecast">The forecast over the runs.</param>
public sealed record TrackingRow(Observation Observed, Summary Forecast)
{
    /// <summary>The width of a normal distribution's 5-95% band in standard deviations (2 × 1.645).</summary>
    public const double BandWidthInSd = 3.29;

    /// <summary>Whether the observation lies inside the forecast's 5-95% band (ends included); false when there is no forecast.</summary>
    public bool InsideBand => Forecast.Count > 0 && Observed.Value >= Forecast.P05 && Observed.Value <= Forecast.P95;

    /// <summary>
    /// (observed - median) / ((p95 - p05) / 3.29): how many standard deviations the observation is from the median, were
    /// the forecast normal; beyond about ±1.645 it is outside the band. NaN when the band has no width (one run, or the
    /// deterministic mode) or there is no forecast.
    /// </summary>
    public double Z => Forecast.Count > 0 && Forecast.P95 > Forecast.P05 ? (Observed.Value - Forecast.P50) / ((Forecast.P95 - Forecast.P05) / BandWidthInSd) : double.NaN;
}
