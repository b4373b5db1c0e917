using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Targets;

/// <summary>
/// The measure in <see cref="Target.Year"/> above its value in the year before, in the same replicate (the drug
/// strategy's "increase year on year the proportion of users sustaining or completing treatment"). A year where the
/// measure is undefined (no starts) does not meet it.
/// </summary>
/// <param name="Name">The name in output files.</param>
/// <param name="Measure">The measure (total over modalities).</param>
/// <param name="Year">The year judged against the one before.</param>
public sealed record RiseTarget(string Name, Metric Measure, FinancialYear Year) : Target(Name, Year)
{
    /// <inheritdoc />
    public override TargetKind Kind => TargetKind.RiseOnYearBefore;

    /// <inheritdoc />
    public override Metric Metric => Measure;
}
