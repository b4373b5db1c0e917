using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Explorer.Tests;

/// <summary>Scenarios small enough for a browser test: two DATs in two regions, 1998/99 to 2004/05 (both ends of the +55% target).</summary>
internal static class ExplorerTestScenarios
{
    /// <summary>The tiny scenario as a file's text.</summary>
    public const string TinyJson = """
        {
          "Name": "tiny",
          "Description": "Two DATs, 1998/99 to 2004/05, for tests",
          "Areas": [ "Lambeth", "Darlington" ],
          "Start": "1998-04-01",
          "End": "2005-03-31",
          "Replicates": 6,
          "Seed": 11
        }
        """;

    private static readonly Lazy<Scenario> TinyScenario = new(() => ScenarioLoader.FromJson(TinyJson, "tiny.json"));

    /// <summary>The tiny scenario, loaded.</summary>
    public static Scenario Tiny => TinyScenario.Value;

    /// <summary>A folder holding tiny.json (delete it after use).</summary>
    public static string FolderWithTiny()
    {
        string folder = Directory.CreateTempSubdirectory("tfm-explorer-test-").FullName;
        File.WriteAllText(Path.Combine(folder, "tiny.json"), TinyJson);
        return folder;
    }
}
