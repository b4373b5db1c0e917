using System.Collections.Immutable;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// A scenario's <c>ParameterChanges</c> resolved to a multiplier per parameter, area and week: the product of every
/// change in force that week in that area. Scalar parameters by <see cref="ParameterId"/>; per-modality ones (issue 17
/// item 7) by <see cref="ModalityParameterId"/> and modality.
/// </summary>
internal sealed class ParameterChangeTable(ImmutableArray<ImmutableArray<double>> multipliers, ImmutableArray<ImmutableArray<double>> modalityMultipliers,
    ImmutableArray<bool> exitInputsMove)
{
    /// <summary>
    /// The multipliers of <paramref name="parameter"/>, by <see cref="AreaWeekLayout"/>, or a default (empty) array when no change
    /// touches it: the engine tests <see cref="ImmutableArray{T}.IsDefault"/> once and multiplies only where needed.
    /// </summary>
    public ImmutableArray<double> Of(ParameterId parameter) => multipliers[(int)parameter];

    /// <summary>The multipliers of modality <paramref name="modality"/>'s <paramref name="parameter"/>, by <see cref="AreaWeekLayout"/>, or a default array when no change touches it.</summary>
    public ImmutableArray<double> Of(ModalityParameterId parameter, int modality) => modalityMultipliers[Slot(parameter, modality)];

    /// <summary>Whether any change touches a per-modality parameter (the engine then looks them up; nothing otherwise).</summary>
    public bool AnyPerModality { get; } = modalityMultipliers.Any(m => !m.IsDefault);

    /// <summary>
    /// By <see cref="AreaWeekLayout"/>: whether a multiplier the treatment exit table is built from (a per-modality retention
    /// parameter, <see cref="ParameterId.CjsTreatmentDropoutMultiplier"/>) differs from the week before (week 0: from 1), so
    /// the engine rebuilds that area's table; a default array when no change touches them.
    /// </summary>
    public ImmutableArray<bool> ExitInputsMove => exitInputsMove;

    /// <summary>Index of a per-modality parameter's table.</summary>
    public static int Slot(ModalityParameterId parameter, int modality) => (int)parameter * Modalities.Count + modality;

    /// <summary>Whether the treatment exit table (retention and completion) is built from <paramref name="parameter"/>.</summary>
    public static bool ShapesExits(ModalityParameterId parameter) => parameter is >= ModalityParameterId.Survival0To4Weeks and <= ModalityParameterId.CompletionShareAfter13Weeks
        or ModalityParameterId.DropoutMultiplier;
}
