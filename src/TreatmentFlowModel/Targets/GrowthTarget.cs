using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Targets;

/// <summary>
/// The measure in <see cref="Target.Year"/> at least <paramref name="Factor"/> times its value in
/// <paramref name="BaseYear"/>, each replicate against its own base-year value (the drug strategy's participation targets),
/// or against <see cref="PublishedBaseline"/> when given; a factor below 1 is a fall to at most that multiple
/// (drug-related deaths down 20% on 1999).
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

    /// <summary>The growth as text, e.g. <c>+55%</c>, or a fall, e.g. <c>-20%</c>.</summary>
    public string Growth => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(Factor >= 1 ? "+" : "-")}{Math.Abs(Factor - 1) * 100:0.##}%");

    /// <summary>Whether the target is a fall (factor below 1): met at or under the threshold.</summary>
    public bool IsFall => Factor < 1;

    /// <summary>The modality the measure is taken in; null for the total over modalities.</summary>
    public Modality? MeasureModality { get; init; }

    /// <inheritdoc />
    public override Modality? Modality => MeasureModality;

    /// <summary>The base-year figure as published, judged against instead of each replicate's own; null for the model's.</summary>
    public double? PublishedBaseline { get; init; }
}
