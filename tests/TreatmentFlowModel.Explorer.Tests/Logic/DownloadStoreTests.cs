using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Explorer.Tests.Logic;

public sealed class DownloadStoreTests
{
    [Fact]
    public void ARun_OffersItsScenarioTablesAndWorkbook_AndNothingElse()
    {
        using var store = new DownloadStore();
        var run = Simulation.Run(ExplorerTestScenarios.Tiny with { Replicates = 2 });
        string token = store.Add(run);

        var scenario = ScenarioLoader.FromJson(System.Text.Encoding.UTF8.GetString(store.Get(token, "scenario.json")!));
        Assert.Equal(ScenarioWriter.ToJson(run.Scenario with { Sources = [] }), ScenarioWriter.ToJson(scenario with { Sources = [] }));
        Assert.StartsWith("period,year,", System.Text.Encoding.UTF8.GetString(store.Get(token, "annual.csv")!));
        Assert.StartsWith("kind,file,name,", System.Text.Encoding.UTF8.GetString(store.Get(token, "codebook.csv")!));
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(store.Get(token, "results.xlsx")!), isEditable: false))
            Assert.Contains("annual", workbook.WorkbookPart!.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value));

        Assert.Null(store.Get(token, "../annual.csv"));
        Assert.Null(store.Get(token, "/etc/passwd"));
        Assert.Null(store.Get("not-a-token", "annual.csv"));
    }

    [Fact]
    public void OnlyTheMostRecentRuns_AreKept()
    {
        using var store = new DownloadStore();
        var run = Simulation.Run(ExplorerTestScenarios.Tiny with { Replicates = 1 });
        var tokens = Enumerable.Range(0, DownloadStore.Capacity + 2).Select(_ => store.Add(run)).ToList();
        Assert.Null(store.Get(tokens[0], "scenario.json"));
        Assert.Null(store.Get(tokens[1], "scenario.json"));
        Assert.NotNull(store.Get(tokens[^1], "scenario.json"));
    }
}
