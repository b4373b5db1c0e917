namespace TreatmentFlowModel.Explorer;

/// <summary>A scenario the analyst may pick: the browser sees its key and label, never its path.</summary>
/// <param name="Key">What the browser sends back to pick it.</param>
/// <param name="Label">What the analyst reads: the file name, or "Embedded default".</param>
/// <param name="Path">The file on the server; null for the embedded default.</param>
public sealed record ScenarioChoice(string Key, string Label, string? Path);
