using System.Text.Json;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Scenarios;

/// <summary>
/// The reader, the schema and the writer speak one vocabulary: the keys <see cref="ScenarioKeys"/> declares. The reader
/// and the schema are derived from it; the writer is pinned to it here, key by key, by writing a scenario that sets
/// every key and reading it back.
/// </summary>
public class ScenarioVocabularyTests
{
    /// <summary>A scenario with every list filled and every switch on, so the writer writes every key it knows.</summary>
    private static Scenario EveryKeySet()
    {
        var s = TestScenarios.Small(3);
        return s with
        {
            Description = "every key",
            WeeklyAreas = ["Bristol"],
            Rollout = s.Rollout with { Explicit = [new BcuStart("South Manchester", new DateOnly(2003, 1, 6))] },
            Policy = s.Policy with { CjsPriority = true, PresumptionAgainstBail = new PresumptionAgainstBail(new DateOnly(2004, 4, 1), ["Lambeth"]) },
            DataFiles = s.DataFiles with { Budgets = TestPaths.At("tests", "TreatmentFlowModel.Tests", "Scenarios", "budgets-every-key.csv") },
            AreaOverrides = [new AreaOverride("Bristol", [new(ParameterId.AssessmentUptake, Distribution.BetaOf(3, 3))])
                { ModalityValues = [new AreaModalityValue(Modality.GpPrescribing, ModalityParameterId.CostPerPlaceWeek, Distribution.Fixed(30))] }],
            ParameterChanges =
            [
                new ParameterChange(ParameterId.ArrestPerYear, new DateOnly(2003, 4, 1), 0.9, ["Lambeth"]),
                new ParameterChange(0, new DateOnly(2004, 4, 5), 0.8, [], ModalityParameterId.DropoutMultiplier, Modality.SpecialistPrescribing),
            ],
            Targets = [new TargetDeclaration("every_key", TargetDeclarationKind.GrowthOverBase, Metric.Participation, Modality.SpecialistPrescribing, new FinancialYear(2004), 1.1)
                { BaseYear = new FinancialYear(2002), PublishedBaseline = 100, Area = "Lambeth", Source = "test" }],
        };
    }

    private static IEnumerable<string> KeysOf(JsonElement o) => o.EnumerateObject().Select(p => p.Name);

    /// <summary>Checks the writer's object <paramref name="written"/> against the declared keys <paramref name="declared"/>, recursing into sections and lists.</summary>
    private static void AssertSameKeys(IEnumerable<ScenarioKey> declared, JsonElement written, string path)
    {
        var keys = declared.ToList();
        Assert.True(keys.Where(k => k.Written).Select(k => k.Name).SequenceEqual(KeysOf(written)),
            $"{path}: the writer writes [{string.Join(", ", KeysOf(written))}], the declared keys are [{string.Join(", ", keys.Where(k => k.Written).Select(k => k.Name))}]");
        foreach (var key in keys.Where(k => k.Written))
        {
            var value = written.GetProperty(key.Name);
            string at = path.Length == 0 ? key.Name : $"{path}.{key.Name}";
            switch (key.Kind)
            {
                case ScenarioKeyKind.Section:
                    AssertSameKeys(key.Keys, value, at);
                    break;
                case ScenarioKeyKind.List:
                    Assert.True(value.GetArrayLength() > 0, $"{at}: the test scenario must fill every list");
                    foreach (var item in value.EnumerateArray()) AssertSameKeys(key.Keys, item, at);
                    break;
                case ScenarioKeyKind.Parameters:
                    Assert.Equal(ParameterCatalog.Scalars.Select(p => p.Name), KeysOf(value));
                    break;
                case ScenarioKeyKind.Modalities:
                    Assert.Equal(Enum.GetNames<Modality>(), KeysOf(value));
                    foreach (var m in value.EnumerateObject()) Assert.Equal(ParameterCatalog.PerModality.Select(p => p.Name), KeysOf(m.Value));
                    break;
                case ScenarioKeyKind.AreaParameters:
                    Assert.All(value.EnumerateObject().SelectMany(a => KeysOf(a.Value)), name => Assert.True(name == "Modalities" || ParameterCatalog.FindScalar(name) is { } id && ParameterCatalog.Scalars[(int)id].PerArea, name));
                    // An area's own per-modality values (issue 16): modality names, then the parameters that may vary by area.
                    foreach (var area in value.EnumerateObject())
                        if (area.Value.TryGetProperty("Modalities", out var modalities))
                            foreach (var m in modalities.EnumerateObject())
                            {
                                Assert.Contains(m.Name, Enum.GetNames<Modality>());
                                Assert.All(KeysOf(m.Value), name => Assert.Contains(name, ParameterCatalog.PerAreaModality.Select(id => ParameterCatalog.PerModality[(int)id].Name)));
                            }
                    break;
                case ScenarioKeyKind.NumbersByYear:
                    Assert.All(KeysOf(value), year => Assert.True(FinancialYear.TryParse(year, out _), year));
                    break;
            }
        }
    }

    [Fact]
    public void TheWriter_WritesEveryDeclaredKey_AndNoOther()
    {
        using var json = JsonDocument.Parse(ScenarioWriter.ToJson(EveryKeySet()));
        AssertSameKeys(ScenarioKeys.Root, json.RootElement, "");
    }

    [Fact]
    public void AScenarioSettingEveryKey_WrittenAndReadBack_IsTheSameScenario()
    {
        var s = EveryKeySet();
        string written = ScenarioWriter.ToJson(s, deterministic: false, includeRun: false);
        var read = ScenarioLoader.FromJson(ScenarioWriter.ToJson(s));
        Assert.Equal(written, ScenarioWriter.ToJson(read, deterministic: false, includeRun: false));
    }

    [Fact]
    public void TheSchema_DeclaresEveryKeyTheReaderAccepts_AtEveryLevel()
    {
        using var schema = JsonDocument.Parse(ScenarioSchema.Generate());
        void Check(IEnumerable<ScenarioKey> declared, JsonElement properties, string path)
        {
            Assert.True(declared.Select(k => k.Name).SequenceEqual(KeysOf(properties)), $"{path}: schema [{string.Join(", ", KeysOf(properties))}]");
            foreach (var key in declared)
            {
                var node = properties.GetProperty(key.Name);
                if (key.Kind == ScenarioKeyKind.Section) Check(key.Keys, node.GetProperty("properties"), $"{path}.{key.Name}");
                if (key.Kind == ScenarioKeyKind.List) Check(key.Keys, node.GetProperty("items").GetProperty("properties"), $"{path}.{key.Name}");
            }
        }
        Check(ScenarioKeys.Root, schema.RootElement.GetProperty("properties"), "(root)");
    }

    [Fact]
    public void AKeyNotDeclared_IsRefusedWhereverItIs_WithTheDeclaredKeysListed()
    {
        foreach (var (json, path) in new[]
        {
            ("{ \"Rollout\": { \"Tranches\": [ { \"Name\": \"a\", \"FirstRank\": 1, \"LastRank\": 2, \"Start\": \"2003-06-02\", \"Rank\": 3 } ] } }", "Rollout.Tranches"),
            ("{ \"Policy\": { \"PresumptionAgainstBail\": { \"Enabled\": false, \"Pilot\": true } } }", "Policy.PresumptionAgainstBail"),
            ("{ \"Output\": { \"Weekly\": [] } }", "Output"),
        })
        {
            var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.FromJson(json));
            Assert.Contains(e.Errors, x => x.Message.EndsWith($"allowed here: {string.Join(", ", ScenarioKeys.NamesIn(path))}", StringComparison.Ordinal));
        }
    }
}
