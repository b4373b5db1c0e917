using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Targets;

/// <summary>
/// The measure in <see cref="Target.Year"/> at least <paramref name="Factor"/> times its value in
/// <paramref name="BaseYear"/>, each replicate against its own base-year value (the drug strategy's participation targets).
/// </summary>
/// <param name="Name">The name in output files.</param>
/// <param name="Measure">The measure (total over modalities).</param>
/// <param name="BaseYear">The base year.</param>
/// <param name="Year">The target year.</param>
/// <param name="Factor">The multiple of the base-year value to reach (1.55 for +55%).</param>
public sealed record GrowthTarget(string Name, Metric Measure, FinancialYear BaseYear, FinancialYear Year, double Factor) : Target(Name, Year)
{
    /// <inheritdoc />
    public override TargetKind Kind => TargetKind.GrowthOverBaseYear;

    /// <inheritdoc />
    public override Metric Metric => Measure;

    /// <summary>The growth as text, e.g. <c>+55%</c>.</summary>
    public string Growth => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"+{(Factor - 1) * 100:0.##}%");
}
