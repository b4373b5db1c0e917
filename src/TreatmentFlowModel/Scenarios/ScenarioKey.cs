using System.Collections.Immutable;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// One key a scenario file may hold: its name, what it holds, what it means and, for sections and lists, the keys
/// inside. <see cref="ScenarioKeys"/> declares them all; the reader's checks and the JSON Schema are derived from it.
/// </summary>
/// <param name="Name">The JSON key.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Description">What it means (the schema's description).</param>
/// <param name="Keys">For a section, or the objects of a list: the keys inside.</param>
internal sealed record ScenarioKey(string Name, ScenarioKeyKind Kind, string Description, ImmutableArray<ScenarioKey> Keys = default)
{
    /// <summary>Smallest value allowed (whole numbers and numbers), if any.</summary>
    public double? Minimum { get; init; }

    /// <summary>Values must be above this (numbers), if set.</summary>
    public double? ExclusiveMinimum { get; init; }

    /// <summary>Largest value allowed (whole numbers), if any.</summary>
    public double? Maximum { get; init; }

    /// <summary>Whether the resolved scenario (<see cref="ScenarioWriter"/>) writes this key; false for keys that only shape loading.</summary>
    public bool Written { get; init; } = true;

    /// <summary>The names of the keys inside (empty unless a section or list).</summary>
    public IEnumerable<string> Names => Keys.IsDefault ? [] : Keys.Select(k => k.Name);
}
