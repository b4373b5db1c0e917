using System.Collections.Frozen;
using System.Text.RegularExpressions;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// Where each default parameter value comes from, as cited beside it in the embedded default scenario
/// (<c>scenarios/default.json</c>): a seed document, a paper, "fitted" or "assumption". The comments there are the one
/// place sources are written; this reads them so the report and the explorer can show them and mark the assumptions.
/// </summary>
public static partial class ParameterSources
{
    private static readonly Lazy<FrozenDictionary<string, string>> Scalars = new(() => ReadScalarSources(ScenarioLoader.ReadEmbedded("default.json")));

    /// <summary>The source cited for scalar parameter <paramref name="id"/> in the default scenario, or null when none is.</summary>
    public static string? Of(ParameterId id) => Scalars.Value.GetValueOrDefault(ParameterCatalog.Scalars[(int)id].Name);

    /// <summary>
    /// Whether the default value of <paramref name="id"/> is an assumption: its source says so and cites nothing it was
    /// fitted to (values "fitted" by calibration and those with a published source are not).
    /// </summary>
    public static bool IsAssumption(ParameterId id) => Of(id) is { } source && IsAssumptionText(source);

    /// <summary>Whether a source comment marks its value as an assumption.</summary>
    internal static bool IsAssumptionText(string source) =>
        source.StartsWith("assumption", StringComparison.OrdinalIgnoreCase) || source.StartsWith("scenario lever", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <c>"Name": value, // source</c> lines of the <c>Parameters</c> section.</summary>
    internal static FrozenDictionary<string, string> ReadScalarSources(string json)
    {
        var sources = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        bool inParameters = false;
        foreach (var line in json.Split('\n'))
        {
            if (!inParameters)
            {
                inParameters = SectionStart().IsMatch(line);
                continue;
            }
            if (line.TrimStart().StartsWith('}')) break;
            var m = ParameterLine().Match(line);
            if (m.Success) sources[m.Groups["name"].Value] = m.Groups["source"].Value.Trim();
        }
        return sources.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex("^\\s*\"Parameters\"\\s*:\\s*\\{\\s*$")]
    private static partial Regex SectionStart();

    [GeneratedRegex("^\\s*\"(?<name>[A-Za-z0-9]+)\"\\s*:.*?//\\s*(?<source>.*?)\\s*$")]
    private static partial Regex ParameterLine();
}
