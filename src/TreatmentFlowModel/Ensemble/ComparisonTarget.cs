using System.Collections.Immutable;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Ensemble;

/// <summary>How often England meets one target in each compared scenario.</summary>
/// <param name="Target">The target.</param>
/// <param name="PMet">Share of replicates meeting it, per scenario in the comparison's order.</param>
public sealed record ComparisonTarget(Target Target, ImmutableArray<double> PMet)
{
    /// <summary>The financial year judged.</summary>
    public FinancialYear Year => Target.Year;
}
