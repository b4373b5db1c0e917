namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>One calibrated parameter: its name (as it appears in the posterior file) and its prior.</summary>
/// <param name="Name">Unique name; no comma, quote or line break, no leading '#' or surrounding spaces, so it is a plain CSV header.</param>
/// <param name="Distribution">The prior distribution.</param>
public sealed record PriorParameter(string Name, PriorDistribution Distribution);
