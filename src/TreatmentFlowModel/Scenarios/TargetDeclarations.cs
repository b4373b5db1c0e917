using System.Collections.Immutable;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>Targets judged when a scenario file declares none.</summary>
public static class TargetDeclarations
{
    /// <summary>
    /// The Updated Drug Strategy's participation targets over 1998/99: +55% by 2004/05 and +100% by 2008/09 (seed 004:
    /// "Increase the participation of problem drug users in drug treatment programmes by 55% by 2004 and by 100% by 2008").
    /// </summary>
    public static ImmutableArray<TargetDeclaration> DrugStrategy { get; } =
    [
        new("participation_55pct", TargetDeclarationKind.GrowthOverBase, Metric.Participation, null, new FinancialYear(2004), 1.55)
        {
            BaseYear = new FinancialYear(1998),
            Source = "seed 004: \"Increase the participation of problem drug users in drug treatment programmes by 55% by 2004 and by 100% by 2008\"",
        },
        new("participation_100pct", TargetDeclarationKind.GrowthOverBase, Metric.Participation, null, new FinancialYear(2008), 2.0)
        {
            BaseYear = new FinancialYear(1998),
            Source = "seed 004: \"Increase the participation of problem drug users in drug treatment programmes by 55% by 2004 and by 100% by 2008\"",
        },
    ];
}
