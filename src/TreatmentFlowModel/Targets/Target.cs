using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Targets;

/// <summary>
/// A target judged in every replicate and area in one financial year: met or not depends only on that replicate's
/// annual values, so the probability of meeting it is a count that streams and merges exactly. Immutable data; the
/// kinds are the records deriving from this one.
/// </summary>
/// <param name="Name">The name in output files, e.g. <c>participation_55pct</c>.</param>
/// <param name="Year">The financial year judged.</param>
public abstract record Target(string Name, FinancialYear Year)
{
    /// <summary>How it is judged.</summary>
    public abstract TargetKind Kind { get; }

    /// <summary>The measure judged (its distribution in <see cref="Year"/> is what targets.csv reports).</summary>
    public abstract Metric Metric { get; }

    /// <summary>The modality the measure is taken in; null for the total over modalities.</summary>
    public virtual Modality? Modality => null;

    /// <summary>The name.</summary>
    public sealed override string ToString() => Name;
}
