using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Targets;

/// <summary>
/// The NTA maximum wait: the 95th percentile of completed waits in <paramref name="WaitModality"/> at most
/// <paramref name="Weeks"/> (met when nobody was admitted). Named <c>max_wait_{modality}</c>.
/// </summary>
/// <param name="WaitModality">The modality.</param>
/// <param name="Year">The year judged.</param>
/// <param name="Weeks">The maximum wait.</param>
public sealed record MaxWaitTarget(Modality WaitModality, FinancialYear Year, double Weeks) : Target($"max_wait_{Modalities.OutputName(WaitModality)}", Year)
{
    /// <inheritdoc />
    public override TargetKind Kind => TargetKind.P95WaitAtMost;

    /// <inheritdoc />
    public override Metric Metric => Metric.P95WaitWeeks;

    /// <inheritdoc />
    public override Modality? Modality => WaitModality;
}
