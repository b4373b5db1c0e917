using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// One value of a scenario's <c>AreaOverrides</c>, resolved: the simulated area it replaces the national value in, the
/// parameter, and its value. The rows keep the scenario's order (areas as listed, values as listed in each); a later row for
/// the same area and parameter wins.
/// </summary>
/// <param name="Area">Index of the simulated area, or -1 when the override names an area that is not simulated (nothing is drawn).</param>
/// <param name="Parameter">The scalar parameter overridden.</param>
/// <param name="Value">Its value or distribution in that area.</param>
/// <param name="TableRow">The area's row in the area table, simulated or not: its draw's random stream is keyed by it and the parameter.</param>
internal readonly record struct AreaOverrideDraw(int Area, ParameterId Parameter, ParameterDraw Value, int TableRow);
