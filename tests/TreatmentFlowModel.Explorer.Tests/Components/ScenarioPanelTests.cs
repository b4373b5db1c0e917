using TreatmentFlowModel.Explorer.Components;

namespace TreatmentFlowModel.Explorer.Tests.Components;

public sealed class ScenarioPanelTests : BunitContext
{
    [Fact]
    public void TheChoices_AreListedByLabel_AndPickingOneSendsItsKey()
    {
        string? picked = null;
        var choices = new[] { new ScenarioChoice("default", "Embedded default", null), new ScenarioChoice("tiny.json", "tiny.json", "/somewhere/tiny.json") };
        var cut = Render<ScenarioPanel>(p => p.Add(s => s.Choices, choices).Add(s => s.OnPick, key => picked = key));
        Assert.Equal(["Embedded default", "tiny.json"], cut.FindAll("#scenario-choice option").Select(o => o.TextContent));
        Assert.DoesNotContain("/somewhere", cut.Markup, StringComparison.Ordinal);
        cut.Find("#scenario-choice").Change("tiny.json");
        Assert.Equal("tiny.json", picked);
    }

    [Fact]
    public void AnUploadedFile_IsHandedOnWithItsName()
    {
        (string Name, byte[] Content)? uploaded = null;
        var cut = Render<ScenarioPanel>(p => p.Add(s => s.Choices, [new ScenarioChoice("default", "Embedded default", null)]).Add(s => s.OnUpload, f => uploaded = f));
        cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromText(ExplorerTestScenarios.TinyJson, "tiny.json"));
        Assert.Equal("tiny.json", uploaded!.Value.Name);
        Assert.Equal(ExplorerTestScenarios.TinyJson, System.Text.Encoding.UTF8.GetString(uploaded.Value.Content));
    }

    [Fact]
    public void AFileOverTheLimit_IsRefusedBeforeItIsRead()
    {
        bool called = false;
        var cut = Render<ScenarioPanel>(p => p.Add(s => s.Choices, [new ScenarioChoice("default", "Embedded default", null)]).Add(s => s.MaxUploadBytes, 10L).Add(s => s.OnUpload, _ => called = true));
        cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromText(ExplorerTestScenarios.TinyJson, "big.json"));
        Assert.False(called);
        Assert.Contains("big.json: the file has", cut.Find(".problems").TextContent);
    }
}
