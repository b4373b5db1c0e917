using System.Collections.Immutable;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// A scenario's <c>ParameterChanges</c> resolved to a multiplier per parameter, area and week: the product of every
/// change in force that week in that area.
/// </summary>
internal sealed class ParameterChangeTable(ImmutableArray<ImmutableArray<double>> multipliers)
{
    /// <summary>
    /// The multipliers of <paramref name="parameter"/>, by <see cref="AreaWeekLayout"/>, or a default (empty) array when no change
    /// touches it: the engine tests <see cref="ImmutableArray{T}.IsDefault"/> once and multiplies only where needed.
    /// </summary>
    public ImmutableArray<double> Of(ParameterId parameter) => multipliers[(int)parameter];
}
