using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Explorer;

/// <summary>A scenario loaded for the explorer, or the problems that stopped it, in the words <c>tfm validate</c> uses.</summary>
/// <param name="Scenario">The scenario; null when there are problems.</param>
/// <param name="Problems">One line per problem (file, key path, value and what is allowed); empty when it loaded.</param>
public sealed record ScenarioLoad(Scenario? Scenario, IReadOnlyList<string> Problems)
{
    /// <summary>A load that succeeded.</summary>
    public static ScenarioLoad Of(Scenario scenario) => new(scenario, []);

    /// <summary>A load that failed with <paramref name="errors"/>, each shown as <see cref="ScenarioError.ToString"/> shows it.</summary>
    public static ScenarioLoad Failed(IEnumerable<ScenarioError> errors, Func<string, string>? display = null) =>
        new(null, [.. errors.Select(e => display is null ? e.ToString() : display(e.ToString()))]);
}
