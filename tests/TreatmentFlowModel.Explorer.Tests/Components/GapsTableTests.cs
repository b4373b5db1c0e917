using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Explorer.Components;

namespace TreatmentFlowModel.Explorer.Tests.Components;

public sealed class GapsTableTests : BunitContext
{
    private static readonly Lazy<EnsembleResult> Run = new(() => Simulation.Run(ExplorerTestScenarios.Tiny));

    [Fact]
    public void TheTable_ShowsOneBodyPerRegion_WithItsRows()
    {
        var view = new GapTableView(Run.Value);
        var cut = Render<GapsTable>(p => p.Add(t => t.View, view));
        var regions = cut.FindAll("tbody.region").Select(b => b.GetAttribute("data-region")).ToList();
        Assert.Equal(view.Groups().Select(g => g.Key), regions);
        Assert.Equal(Math.Min(view.Count, regions.Count * GapsTable.RowsPerRegion), cut.FindAll("tr.gap-row").Count);
        Assert.Equal($"{view.Count} rows", cut.Find("#gaps-count").TextContent);
    }

    [Fact]
    public void ClickingAColumnHeading_SortsByIt_AndMarksTheOrder()
    {
        var cut = Render<GapsTable>(p => p.Add(t => t.View, new GapTableView(Run.Value)));
        cut.Find("#gaps-sort-Modality button").Click();
        Assert.Equal("ascending", cut.Find("#gaps-sort-Modality").GetAttribute("aria-sort"));
        Assert.Equal("none", cut.Find("#gaps-sort-Severity").GetAttribute("aria-sort"));
        foreach (var body in cut.FindAll("tbody.region"))
        {
            var modalities = body.QuerySelectorAll("tr.gap-row td:nth-child(2)").Select(td => td.TextContent).ToList();
            var order = Enum.GetValues<Model.Modality>().Select(Reporting.Words.Of).ToList();
            Assert.Equal(modalities.OrderBy(order.IndexOf), modalities);
        }
    }

    [Fact]
    public void TypingInTheFilter_LeavesOnlyMatchingRows()
    {
        var cut = Render<GapsTable>(p => p.Add(t => t.View, new GapTableView(Run.Value)));
        cut.Find("#gaps-filter").Input("Lambeth");
        var areas = cut.FindAll("tr.gap-row td:first-child").Select(td => td.TextContent).Distinct().ToList();
        Assert.Equal(["Lambeth"], areas);
        cut.Find("#gaps-filter").Input("nowhere at all");
        Assert.Empty(cut.FindAll("tr.gap-row"));
        Assert.NotNull(cut.Find("#gaps-empty"));
    }
}
