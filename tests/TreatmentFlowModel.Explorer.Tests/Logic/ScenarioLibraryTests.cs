namespace TreatmentFlowModel.Explorer.Tests.Logic;

public sealed class ScenarioLibraryTests
{
    [Fact]
    public void TheChoices_AreTheDefaultThenTheFolder_AndTheBrowserSeesNoPath()
    {
        string folder = ExplorerTestScenarios.FolderWithTiny();
        try
        {
            File.WriteAllText(Path.Combine(folder, "scenario.schema.json"), "{}");
            var library = new ScenarioLibrary(new ExplorerOptions { ScenarioFolders = [folder] });
            Assert.Equal([ScenarioLibrary.DefaultKey, "tiny.json"], library.Choices.Select(c => c.Key));
            Assert.All(library.Choices, c => Assert.DoesNotContain(folder, c.Key + c.Label, StringComparison.Ordinal));
            Assert.Equal("tiny", library.Load("tiny.json").Scenario!.Name);
            Assert.Equal(ScenarioLibrary.DefaultKey, library.InitialKey);
            Assert.Equal("tiny.json", new ScenarioLibrary(new ExplorerOptions { ScenarioFiles = [Path.Combine(folder, "tiny.json")] }).InitialKey);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../tiny.json")]
    [InlineData("nothing")]
    public void AKeyNotOffered_LoadsNothing(string key)
    {
        var load = new ScenarioLibrary(new ExplorerOptions()).Load(key);
        Assert.Null(load.Scenario);
        Assert.Equal([$"'{key}' is not one of the scenarios offered"], load.Problems);
    }
}
