using System.Collections.Immutable;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Calibration;

/// <summary>
/// A published figure and the model output it is compared with: <see cref="Term"/> × the product of <see cref="Times"/>
/// ÷ the sum of <see cref="Per"/>. A modality block (six values, one per modality in <see cref="Modality"/> order) is
/// compared as its mean over modalities at full weight and each modality's deviation from that mean at half weight
/// (issue 15 evidence 1d), so six correlated rows do not dominate the distance.
/// </summary>
/// <param name="Name">Short name (unique), e.g. <c>T1 presenting 2000/01</c>.</param>
/// <param name="Term">The model output (for a block, evaluated for each modality).</param>
/// <param name="Times">Outputs that multiply it (e.g. the share of criminal-justice referrals admitted).</param>
/// <param name="Per">Outputs whose sum divides it (a share or a ratio).</param>
/// <param name="Scale">Linear or log comparison.</param>
/// <param name="Values">The figure, or six figures for a modality block.</param>
/// <param name="Bias">The model's expected value relative to the figure (e.g. 1.05: the figure under-records by 5%); 1 for none.</param>
/// <param name="Sd">The figure's error: a standard deviation (linear) or a log-normal σ (log).</param>
/// <param name="Dated">The financial year the figure belongs to (what a split at <c>--fit-until</c> compares with), or null when undated (always fitted).</param>
/// <param name="CheckOnly">Reported beside the model, never fitted (e.g. a figure that is an input of the model).</param>
/// <param name="Source">Where the figure comes from.</param>
public sealed record CalibrationObservation(string Name, SummaryTerm Term, ImmutableArray<SummaryTerm> Times, ImmutableArray<SummaryTerm> Per,
    ObservationScale Scale, ImmutableArray<double> Values, double Bias, double Sd, FinancialYear? Dated, bool CheckOnly, string Source)
{
    /// <summary>Whether this is a modality block (six values).</summary>
    public bool IsBlock => Values.Length == Modalities.Count;

    /// <summary>The model's value in <paramref name="record"/> (of one modality of a block when <paramref name="modality"/> is given).</summary>
    public double ModelValue(ReplicateRecord record, Modality? modality = null)
    {
        double value = Term.Evaluate(record, modality);
        foreach (var t in Times) value *= t.Evaluate(record, t.Modality is null && IsBlock ? modality : null);
        if (Per.IsEmpty) return value;
        double per = 0;
        foreach (var t in Per) per += t.Evaluate(record, t.Modality is null && IsBlock ? modality : null);
        return value / per;
    }

    /// <summary>Whether the observation is fitted when the calibration uses data up to <paramref name="fitUntil"/> (null: all data).</summary>
    public bool IsFitted(FinancialYear? fitUntil) => !CheckOnly && (fitUntil is null || Dated is null || Dated.Value <= fitUntil.Value);

    /// <summary>The last day any of the observation's outputs reads.</summary>
    public DateOnly LastDay => new[] { Term }.Concat(Times).Concat(Per).Max(t => t.LastDay);
}
