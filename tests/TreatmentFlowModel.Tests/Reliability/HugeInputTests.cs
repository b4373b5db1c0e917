using System.Text;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Tests.Harness;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>
/// Issue 18, class 2: inputs whose cost grew faster than their size. 10^5 entries in Areas took 248 s to refuse
/// (every key was compared with every other while the layers were merged); 10^4 tranches with three problems each
/// took 40 s. Loading is now linear in the number of keys and every list or section is capped, with the cap in the
/// message. The time limits below are not speed measurements: they are twenty times what the work takes on a busy
/// two-core machine, and far below what the quadratic code took, so they catch the quadratic code coming back.
/// </summary>
public sealed class HugeInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-huge-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string json)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static string List(int count, Func<int, string> item)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < count; i++) text.Append(i > 0 ? "," : "").Append(item(i));
        return text.Append(']').ToString();
    }

    [Fact]
    public void HundredThousandAreas_AreRefusedInSeconds_WithTheLimitInTheMessage()
    {
        string path = Write("areas.json", $$"""{ "Areas": {{List(100_000, i => $"\"Area {i}\"")}} }""");
        var e = SpecialFiles.WithinSeconds(20, () => Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([path], [], useEnvironment: false)));
        var error = Assert.Single(e.Errors);
        Assert.Equal("Areas", error.Path);
        Assert.Equal("holds 100,000 items; a list or section may hold at most 10,000", error.Message);
    }

    [Fact]
    public void AListOfExactlyTheLimit_IsRead_AndLongerThanTheAreaTable_IsOneProblem()
    {
        string path = Write("areas.json", $$"""{ "Areas": {{List(ConfigLayers.MaxItems, i => "\"Lambeth\"")}} }""");
        var e = SpecialFiles.WithinSeconds(20, () => Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([path], [], useEnvironment: false)));
        var error = Assert.Single(e.Errors);
        Assert.Equal("lists 10,000 areas, but embedded:dat_treatment_allocations.csv has 149 DATs; list each DAT at most once", error.Message);
    }

    [Fact]
    public void TenThousandTranches_WithThreeProblemsEach_AreEveryOneReported_InSeconds()
    {
        string path = Write("tranches.json", $$"""{ "Rollout": { "Tranches": {{List(10_000, i => $$"""{ "Name": "t{{i}}" }""")}} } }""");
        var e = SpecialFiles.WithinSeconds(30, () => Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([path], [], useEnvironment: false)));
        Assert.Equal(30_000, e.Errors.Count);
        Assert.Equal(10_000, e.Errors.Count(x => x.Path.EndsWith(".Start", StringComparison.Ordinal) && x.Message == "missing; expected a date yyyy-MM-dd"));
    }

    [Fact]
    public void ASectionWithMoreKeysThanTheLimit_IsRefused_NamingIt()
    {
        var overrides = new StringBuilder("{");
        for (int i = 0; i <= ConfigLayers.MaxItems; i++) overrides.Append(i > 0 ? "," : "").Append($$"""  "Area {{i}}": { "ArrestPerYear": 1 }""");
        string path = Write("overrides.json", $$"""{ "AreaOverrides": {{overrides}}} }""");
        var e = SpecialFiles.WithinSeconds(20, () => Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([path], [], useEnvironment: false)));
        var error = Assert.Single(e.Errors);
        Assert.Equal("AreaOverrides", error.Path);
        Assert.Equal("holds 10,001 keys; a list or section may hold at most 10,000", error.Message);
    }
}
