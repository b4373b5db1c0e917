using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// Issue 16: one area's own value of a per-modality parameter (unit cost, spend share or a referral share), drawn per
/// replicate after the scalar area overrides; <paramref name="Area"/> is -1 where the area is not simulated (nothing is drawn).
/// </summary>
/// <param name="Area">Simulated area index, or -1.</param>
/// <param name="Modality">The modality.</param>
/// <param name="Parameter">The per-modality parameter.</param>
/// <param name="Value">How to draw it.</param>
/// <param name="TableRow">The area's row in the area table: its draw's random stream is keyed by it, the modality and the parameter.</param>
internal readonly record struct AreaModalityOverrideDraw(int Area, Modality Modality, ModalityParameterId Parameter, ParameterDraw Value, int TableRow);
