using TreatmentFlowModel.Explorer.Components;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Explorer.Tests.Components;

public sealed class LeverPanelTests : BunitContext
{
    [Fact]
    public void MovingALever_ChangesTheLevers_AndSaysSo()
    {
        var levers = Levers.From(ExplorerTestScenarios.Tiny);
        int changes = 0;
        var cut = Render<LeverPanel>(p => p.Add(l => l.Levers, levers).Add(l => l.OnChanged, () => changes++));

        cut.Find("#lever-CapacityMultiplier").Change("1.75");
        cut.Find("#cjs-priority").Change(true);
        cut.Find("#tranche-0-start").Change("2004-01-05");
        cut.Find("#replicates").Change("12");

        Assert.Equal(4, changes);
        Assert.Equal(1.75, levers.Parameters.Single(p => p.Id == ParameterId.CapacityMultiplier).FixedAt);
        Assert.True(levers.CjsPriority);
        Assert.Equal(new DateOnly(2004, 1, 5), levers.Tranches[0].Start);
        Assert.Equal(12, levers.Replicates);
    }

    [Fact]
    public void EachKeyParameter_ShowsItsPriorAndSource_AndMarksAssumptions()
    {
        var levers = Levers.From(ExplorerTestScenarios.Tiny);
        var cut = Render<LeverPanel>(p => p.Add(l => l.Levers, levers));
        var uptake = cut.Find("#lever-row-AssessmentUptake");
        Assert.Contains("Prior: Beta(Alpha 5, Beta 10), mean 0.3333.", uptake.TextContent);
        Assert.Contains("Source: Sondhi et al.", uptake.TextContent);
        Assert.Empty(uptake.QuerySelectorAll(".assumption"));
        Assert.NotEmpty(cut.Find("#lever-row-CapacityMultiplier").QuerySelectorAll(".assumption"));
    }

    [Fact]
    public void AddingAndRemovingTranches_EditsTheRollout()
    {
        var levers = Levers.From(ExplorerTestScenarios.Tiny);
        var cut = Render<LeverPanel>(p => p.Add(l => l.Levers, levers));
        cut.Find("#add-tranche").Click();
        Assert.Equal(2, levers.Tranches.Count);
        Assert.NotNull(cut.Find("#tranche-1-first"));
        cut.FindAll("table.tranches button")[0].Click();
        Assert.Equal("tranche2", Assert.Single(levers.Tranches).Name);
    }
}
