using TreatmentFlowModel.Tracking;

namespace TreatmentFlowModel.Reporting;

/// <summary>What the report shows beyond the run itself, when the caller has it: the extension point for results made elsewhere.</summary>
public sealed record ReportSupplements
{
    /// <summary>The calibration fit behind the run's parameters; null when none is supplied.</summary>
    public CalibrationFit? Calibration { get; init; }

    /// <summary>Observed figures beside the forecast (<c>tfm run --observed</c>): a tracking section and charts; null when none are supplied.</summary>
    public IReadOnlyList<TrackingRow>? Tracking { get; init; }
}
