using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>
/// Issue 18, class 4: list indices in TFM_ variables and --set. An override replaces an existing item; an index past
/// the end (which appended), a negative one (which prepended) or one with a leading zero (which added a second
/// item beside item 1) is refused, naming the variable or option, the list's length and the rule.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class OverrideIndexTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-index-").FullName;
    private readonly List<string> _variables = [];

    public void Dispose()
    {
        foreach (var name in _variables) Environment.SetEnvironmentVariable(name, null);
        Directory.Delete(_dir, recursive: true);
    }

    private string ThreeAreas()
    {
        string path = Path.Combine(_dir, "three.json");
        File.WriteAllText(path, """{ "Areas": ["Lambeth", "Bristol", "Darlington"] }""");
        return path;
    }

    private void Set(string name, string value)
    {
        _variables.Add(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    [Fact]
    public void AnIndexOfAnExistingItem_ReplacesThatItem()
    {
        Assert.Equal(["Lambeth", "Leeds", "Darlington"], ScenarioLoader.Load([ThreeAreas()], ["Areas.1=Leeds"], useEnvironment: false).Areas.ToArray());
        Set("TFM_Areas__2", "Camden");
        Assert.Equal(["Lambeth", "Bristol", "Camden"], ScenarioLoader.Load([ThreeAreas()], []).Areas.ToArray());
    }

    [Theory]
    [InlineData("TFM_Areas__3", "Areas.3", "index 3 is past the end of Areas, which has 3 items (0 to 2); an override replaces an item but cannot add one: write the whole list in a scenario file")]
    [InlineData("TFM_Areas__7", "Areas.7", "index 7 is past the end of Areas, which has 3 items (0 to 2); an override replaces an item but cannot add one: write the whole list in a scenario file")]
    [InlineData("TFM_Areas__-1", "Areas.-1", "'-1' is not a list index: items of Areas are numbered 0, 1, 2 ... (no sign, no leading zeros)")]
    [InlineData("TFM_Areas__01", "Areas.01", "'01' is not a list index: items of Areas are numbered 0, 1, 2 ... (no sign, no leading zeros)")]
    [InlineData("TFM_Rollout__Tranches__+0__Start", "Rollout.Tranches.+0.Start", "'+0' is not a list index: items of Rollout.Tranches are numbered 0, 1, 2 ... (no sign, no leading zeros)")]
    public void AnEnvironmentIndexThatWouldAddAnItem_IsRefused(string variable, string path, string message)
    {
        Set(variable, "2003-06-02");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([ThreeAreas()], []));
        var error = Assert.Single(e.Errors);
        Assert.Equal($"environment variable {variable}: {path} = '2003-06-02': {message}", error.ToString());
    }

    [Fact]
    public void IntoAnEmptyList_AnOverrideMayWriteItemsFromZero_ButNotLeaveAGap()
    {
        var s = ScenarioLoader.Load([ThreeAreas()], ["Output.WeeklyAreas.0=Lambeth", "Output.WeeklyAreas.1=Bristol"], useEnvironment: false);
        Assert.Equal(["Lambeth", "Bristol"], s.WeeklyAreas.ToArray());
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([ThreeAreas()], ["Output.WeeklyAreas.1=Bristol"], useEnvironment: false, setsSource: "--set"));
        Assert.Equal("--set Output.WeeklyAreas.1: Output.WeeklyAreas.1 = 'Bristol': Output.WeeklyAreas is empty, so an override must give its items 0, 1, 2 ... without gaps; item 0 is missing",
            Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void AJsonListInSet_IsANewList_SoItsIndicesAreNotCheckedAgainstTheOldOne()
    {
        // Five areas over a list of three: items 3 and 4 belong to the new list, not appended to the old one.
        string[] five = ["Lambeth", "Bristol", "Darlington", "Leeds", "Camden"];
        Assert.Equal(five, ScenarioLoader.Load([ThreeAreas()], ["""Areas=["Lambeth", "Bristol", "Darlington", "Leeds", "Camden"]"""], useEnvironment: false).Areas.ToArray());
        // A list inside a JSON object is new too: one weekly area becomes two.
        string oneWeekly = Path.Combine(_dir, "one-weekly.json");
        File.WriteAllText(oneWeekly, """{ "Areas": ["Lambeth", "Bristol", "Darlington"], "Output": { "WeeklyAreas": ["Lambeth"] } }""");
        var s = ScenarioLoader.Load([oneWeekly], ["""Output={"WeeklyAreas": ["Lambeth", "Bristol"]}"""], useEnvironment: false);
        Assert.Equal(["Lambeth", "Bristol"], s.WeeklyAreas.ToArray());
    }

    [Theory]
    [InlineData("""Rollout.Tranches.1={"Name": "late", "FirstRank": 31, "LastRank": 40, "Start": "2005-04-01"}""", "Rollout.Tranches.1.FirstRank",
        "index 1 is past the end of Rollout.Tranches, which has 1 item (0 to 0); an override replaces an item but cannot add one: write the whole list in a scenario file")]
    [InlineData("""Areas.-1=["Leeds"]""", "Areas.-1.0", "'-1' is not a list index: items of Areas are numbered 0, 1, 2 ... (no sign, no leading zeros)")]
    [InlineData("""Areas.01=["Leeds"]""", "Areas.01.0", "'01' is not a list index: items of Areas are numbered 0, 1, 2 ... (no sign, no leading zeros)")]
    public void AnIndexAboveAJsonValue_IsStillChecked(string set, string path, string message)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([ThreeAreas()], [set], useEnvironment: false, setsSource: "--set"));
        Assert.Contains(e.Errors, error => error.Path == path && error.Message == message);
    }

    [Fact]
    public void AJsonObjectWithNumberKeys_IsReadAsAListOnlyWhenNumbered0ToNMinus1()
    {
        string path = Path.Combine(_dir, "object.json");
        File.WriteAllText(path, """{ "Areas": { "0": "Lambeth", "1": "Bristol" } }""");
        Assert.Equal(["Lambeth", "Bristol"], ScenarioLoader.Load([path], [], useEnvironment: false).Areas.ToArray());
        File.WriteAllText(path, """{ "Areas": { "-1": "Lambeth", "0": "Bristol" } }""");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([path], [], useEnvironment: false));
        Assert.EndsWith("Areas.-1 = 'Lambeth': '-1' is not the index of item 0: the 2 items of Areas are numbered 0 to 1", Assert.Single(e.Errors).ToString());
    }
}
