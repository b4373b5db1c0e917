using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Scenarios;

/// <summary><c>--set Key=Value</c> with JSON values: lists and objects mean what they mean in a scenario file.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SetOverridesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-set-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Scenario Load(params string[] sets) => ScenarioLoader.Load([], sets, useEnvironment: false, setsSource: "--set");

    [Fact]
    public void AJsonList_ReplacesTheListWhole()
    {
        Assert.Equal(["North East Lincolnshire", "Lambeth"], Load("""Areas=["North East Lincolnshire", "Lambeth"]""").Areas.ToArray());
        // A later --set of the same key replaces the earlier one, a shorter list included.
        Assert.Equal(["Bristol"], Load("""Areas=["Lambeth", "Camden", "Leeds"]""", """Areas=["Bristol"]""").Areas.ToArray());
    }

    [Fact]
    public void AJsonListOfObjects_ReplacesTheRolloutTranches()
    {
        var s = Load("""Rollout.Tranches=[{"Name":"a","FirstRank":1,"LastRank":10,"Start":"2003-04-01"},{"Name":"b","FirstRank":11,"LastRank":40,"Start":"2004-04-01"}]""");
        Assert.Equal([new RolloutTranche("a", 1, 10, new DateOnly(2003, 4, 1)), new RolloutTranche("b", 11, 40, new DateOnly(2004, 4, 1))], s.Rollout.Tranches.ToArray());
    }

    [Fact]
    public void AJsonListItem_ReplacesThatItemOnly()
    {
        string file = Path.Combine(_dir, "two.json");
        File.WriteAllText(file, """{ "Rollout": { "Tranches": [ { "Name": "a", "FirstRank": 1, "LastRank": 30, "Start": "2003-06-02" }, { "Name": "b", "FirstRank": 31, "LastRank": 40, "Start": "2004-04-01" } ] } }""");
        var s = ScenarioLoader.Load([file], ["""Rollout.Tranches.1={"Name":"b","FirstRank":31,"LastRank":40,"Start":"2005-04-01"}"""], useEnvironment: false);
        Assert.Equal([new RolloutTranche("a", 1, 30, new DateOnly(2003, 6, 2)), new RolloutTranche("b", 31, 40, new DateOnly(2005, 4, 1))], s.Rollout.Tranches.ToArray());
    }

    [Fact]
    public void AJsonObject_SetsTheKeysItNames_AndKeepsTheOthers()
    {
        var d = ScenarioLoader.LoadDefault();
        var s = Load("""Policy={"CjsPriority": true}""");
        Assert.True(s.Policy.CjsPriority);
        Assert.False(d.Policy.CjsPriority);
        Assert.Equal(d.Policy.Aftercare, s.Policy.Aftercare);
        Assert.Equal(d.Policy.DttoCaps, s.Policy.DttoCaps);
    }

    [Fact]
    public void AJsonObject_GivesAParameterItsDistribution()
    {
        var s = Load("""Parameters.AssessmentUptake={"Distribution": "Beta", "Alpha": 3, "Beta": 7}""");
        Assert.Equal("Beta(Alpha=3, Beta=7)", s[ParameterId.AssessmentUptake].ToString());
        // A plain value after it replaces the distribution whole.
        Assert.Equal(Distribution.Fixed(0.4), Load("""Parameters.AssessmentUptake={"Distribution": "Beta", "Alpha": 3, "Beta": 7}""", "Parameters.AssessmentUptake=0.4")[ParameterId.AssessmentUptake]);
    }

    [Fact]
    public void AJsonValue_IsCheckedAsAFileWouldBe_NamingTheOverride()
    {
        var e = Assert.Throws<ScenarioException>(() => Load("""Areas=["NE Lincolnshire"]"""));
        Assert.Equal("--set Areas.0: Areas.0 = 'NE Lincolnshire': unknown area; did you mean 'North East Lincolnshire'?; areas are the DAT names in embedded:dat_treatment_allocations.csv",
            Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void InvalidJson_IsReported_WithHowToWriteAList()
    {
        var e = Assert.Throws<ScenarioException>(() => Load("""Areas=[Lambeth, Bristol]"""));
        string message = Assert.Single(e.Errors).ToString();
        Assert.StartsWith("--set: Areas = '[Lambeth, Bristol]': a value starting with [ or { is read as JSON, and this is not valid JSON (", message);
        Assert.EndsWith("""write a list as ["a", "b"] (in single quotes in a shell: --set 'Areas=["Lambeth", "Bristol"]')""", message);
        Assert.DoesNotContain("LineNumber", message);
    }

    [Fact]
    public void TextThatIsNotJson_StaysText()
    {
        Assert.Equal("a [draft] scenario", Load("Description=a [draft] scenario").Description);
        Assert.Equal(Distribution.Fixed(1.5), Load("Parameters.ArrestPerYear=1.5")[ParameterId.ArrestPerYear]);
    }
}
