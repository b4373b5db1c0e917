using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Targets;

/// <summary>
/// The measure in <see cref="Target.Year"/> at least (or, with <paramref name="AtMost"/>, at most) <paramref name="Level"/>:
/// "158,000 in treatment by March 2004", "35 DTTOs in 2003/04", a mean wait of at most 3 weeks. An at-most target is met
/// when the measure is undefined (nobody admitted, so nobody waited); an at-least one is not.
/// </summary>
/// <param name="Name">The name in output files.</param>
/// <param name="Measure">The measure.</param>
/// <param name="MeasureModality">The modality the measure is taken in; null for the total.</param>
/// <param name="Year">The year judged.</param>
/// <param name="Level">The level.</param>
/// <param name="AtMost">True for at most (waits), false for at least.</param>
public sealed record LevelTarget(string Name, Metric Measure, Modality? MeasureModality, FinancialYear Year, double Level, bool AtMost) : Target(Name, Year)
{
    /// <inheritdoc />
    public override TargetKind Kind => AtMost ? TargetKind.AtMost : TargetKind.AtLeast;

    /// <inheritdoc />
    public override Metric Metric => Measure;

    /// <inheritdoc />
    public override Modality? Modality => MeasureModality;
}
