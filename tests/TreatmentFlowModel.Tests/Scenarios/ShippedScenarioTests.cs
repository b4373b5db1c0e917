using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Scenarios;

public class ShippedScenarioTests
{
    private static string RepositoryRoot() => TestPaths.RepositoryRoot;

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(RepositoryRoot(), "scenarios"), "*.json").Order(StringComparer.Ordinal))
            if (Path.GetFileName(f) != "scenario.schema.json") data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedScenario_LoadsAndRunsInTheDeterministicMode(string file)
    {
        var scenario = ScenarioLoader.Load([Path.Combine(RepositoryRoot(), "scenarios", file)], [], useEnvironment: false);
        var result = Simulation.Run(scenario, new RunOptions { Deterministic = true });
        Assert.All(result.Annual(AreaId.England, TreatmentFlowModel.Model.Metric.Participation), s => Assert.True(s.Mean > 0));
    }

    [Fact]
    public void EmbeddedDefault_IsTheShippedDefaultFile()
    {
        string onDisk = File.ReadAllText(Path.Combine(RepositoryRoot(), "scenarios", "default.json"));
        Assert.Equal(onDisk, ScenarioLoader.ReadEmbedded("default.json"));
    }

    [Fact]
    public void SchemaFile_IsTheGeneratedSchema()
    {
        string onDisk = File.ReadAllText(Path.Combine(RepositoryRoot(), "scenarios", "scenario.schema.json"));
        Assert.True(onDisk == ScenarioSchema.Generate(), "scenarios/scenario.schema.json is stale: run 'tfm schema -o scenarios/scenario.schema.json'");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedScenario_ReferencesTheSchema_AndUsesOnlyKeysItDefines(string file)
    {
        var options = new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var scenario = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "scenarios", file)), options);
        using var schema = System.Text.Json.JsonDocument.Parse(ScenarioSchema.Generate());
        Assert.Equal("scenario.schema.json", scenario.RootElement.GetProperty("$schema").GetString());
        CheckKeys(scenario.RootElement, schema.RootElement, file);
    }

    /// <summary>Every key of an object must be a property of the matching schema object (where the schema lists them).</summary>
    private static void CheckKeys(System.Text.Json.JsonElement value, System.Text.Json.JsonElement schema, string at)
    {
        if (value.ValueKind != System.Text.Json.JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)) return;
        foreach (var p in value.EnumerateObject())
        {
            Assert.True(properties.TryGetProperty(p.Name, out var child), $"{at}.{p.Name} is not in the schema");
            CheckKeys(p.Value, child, $"{at}.{p.Name}");
        }
    }
}
