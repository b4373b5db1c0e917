namespace TreatmentFlowModel.Scenarios;

/// <summary>A parameter's bounds in one scenario, narrower than the catalogue's, with the reason in words.</summary>
/// <param name="Min">Lowest allowed value.</param>
/// <param name="Max">Highest allowed value.</param>
/// <param name="Describe">The allowed values in words, e.g. "a growth rate > -1 and at most 0.1734".</param>
/// <param name="Reason">Why they are narrower than the catalogue's.</param>
internal readonly record struct NarrowedBounds(double Min, double Max, string Describe, string Reason);
