using TreatmentFlowModel.Calibration.Abc;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Calibration;

/// <summary>
/// A scenario parameter the calibration fits, with its prior: a scalar parameter (<c>OtherReferralPerYear</c>) or one
/// modality's value of a per-modality parameter (<c>SpecialistPrescribing.ExitHazardMultiplier</c>).
/// </summary>
/// <param name="Name">The name as in a scenario file (and in the posterior file's header).</param>
/// <param name="Scalar">The scalar parameter, or null for a per-modality one.</param>
/// <param name="Modality">The modality of a per-modality parameter.</param>
/// <param name="PerModality">The per-modality parameter.</param>
/// <param name="Prior">Its prior.</param>
/// <param name="Source">Where the prior comes from.</param>
public sealed record FittedParameter(string Name, ParameterId? Scalar, Modality? Modality, ModalityParameterId? PerModality, PriorDistribution Prior, string Source);
