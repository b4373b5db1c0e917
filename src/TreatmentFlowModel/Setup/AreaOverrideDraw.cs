using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// One value of a scenario's <c>AreaOverrides</c>, resolved: the simulated area it replaces the national value in, the
/// parameter, and its value. The rows keep the scenario's order (areas as listed, values as listed in each), which is
/// the order their draws are made in.
/// </summary>
/// <param name="Area">Index of the simulated area, or -1 when the override names an area that is not simulated: its draw
/// is still made and thrown away, so that every later draw of the replicate is the same whichever areas are simulated
/// (part of the reproducibility contract, see <c>FlowChannel</c>).</param>
/// <param name="Parameter">The scalar parameter overridden.</param>
/// <param name="Value">Its value or distribution in that area.</param>
internal readonly record struct AreaOverrideDraw(int Area, ParameterId Parameter, ParameterDraw Value);
