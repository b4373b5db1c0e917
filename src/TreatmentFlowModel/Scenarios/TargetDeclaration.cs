using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// A target as a scenario file declares it (<c>Targets</c>): data, not code, so a DAT's local targets and both readings
/// of a national one sit in its scenario. targets.csv and the report judge whatever the scenario declares.
/// </summary>
/// <param name="Name">Name in targets.csv, e.g. <c>participation_55pct_2003_04</c>.</param>
/// <param name="Kind">How it is judged.</param>
/// <param name="Metric">The measure judged.</param>
/// <param name="Modality">The modality the measure is taken in; null for the total over modalities.</param>
/// <param name="Year">The financial year judged.</param>
/// <param name="Value">The factor on the base year (growth), or the level to reach or stay under; NaN for a rise.</param>
public sealed record TargetDeclaration(string Name, TargetDeclarationKind Kind, Metric Metric, Modality? Modality, FinancialYear Year, double Value)
{
    /// <summary>The base year of a growth target (its baseline's year).</summary>
    public FinancialYear? BaseYear { get; init; }

    /// <summary>
    /// A growth target's baseline as published (e.g. about 100,000 in treatment in 1998/99), judged against that fixed
    /// figure; null to judge each replicate against the model's own base-year value.
    /// </summary>
    public double? PublishedBaseline { get; init; }

    /// <summary>The only area it is judged in (the run's total label such as England, a region or a DAT); null for every area.</summary>
    public string? Area { get; init; }

    /// <summary>Where the target comes from (a seed quote or document).</summary>
    public string Source { get; init; } = "";
}
