using System.Text;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Explorer.Tests.Logic;

public sealed class UploadedScenarioTests
{
    [Fact]
    public void AGoodFile_Loads_AndIsNamedByTheUploadedName()
    {
        var load = UploadedScenario.Load("my-plan.json", Encoding.UTF8.GetBytes(ExplorerTestScenarios.TinyJson));
        Assert.Empty(load.Problems);
        Assert.Equal("tiny", load.Scenario!.Name);
        Assert.Contains("my-plan.json", load.Scenario.Sources);
    }

    [Fact]
    public void ABadFile_IsRefusedWithTheMessagesTfmValidateGives_NamingTheUploadedFile()
    {
        const string bad = """{ "Name": "bad", "Replicates": 0, "Parameters": { "AssesmentUptake": 0.5 } }""";
        var load = UploadedScenario.Load("plan.json", Encoding.UTF8.GetBytes(bad));
        Assert.Null(load.Scenario);

        string folder = Directory.CreateTempSubdirectory("tfm-upload-expected-").FullName;
        try
        {
            string file = Path.Combine(folder, "plan.json");
            File.WriteAllText(file, bad);
            var expected = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([file], [], useEnvironment: false));
            Assert.Equal(expected.Errors.Select(e => e.ToString().Replace(file, "plan.json", StringComparison.Ordinal)), load.Problems);
            Assert.Contains(load.Problems, p => p.StartsWith("plan.json: Parameters.AssesmentUptake", StringComparison.Ordinal) && p.Contains("AssessmentUptake", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("""{ "Extends": "/etc/passwd" }""", "Extends = '/etc/passwd'")]
    [InlineData("""{ "Extends": "other.json" }""", "Extends = 'other.json'")]
    [InlineData("""{ "Data": { "Areas": "/home/analyst/areas.csv" } }""", "Data.Areas = '/home/analyst/areas.csv'")]
    public void AFileThatWouldReadOtherFilesOnTheServer_IsRefused(string json, string named)
    {
        var load = UploadedScenario.Load("x.json", Encoding.UTF8.GetBytes(json));
        Assert.Null(load.Scenario);
        Assert.Contains(load.Problems, p => p.StartsWith("x.json: " + named, StringComparison.Ordinal) && p.Contains("an uploaded scenario can", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\a\\plan.json", "plan.json")]
    [InlineData("<script>.json", "script.json")]
    [InlineData("///", "uploaded.json")]
    public void TheUploadedName_IsShownWithoutItsFolders(string given, string shown) => Assert.Equal(shown, UploadedScenario.SafeName(given));
}
