using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Explorer.Components;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Explorer.Tests.Components;

public sealed class TargetTableTests : BunitContext
{
    [Fact]
    public void EachTarget_ShowsItsChanceWithTheMonteCarloError_GroupedByKind()
    {
        var run = Simulation.Run(ExplorerTestScenarios.Tiny);
        var cut = Render<TargetTable>(p => p.Add(t => t.Result, run).Add(t => t.Area, AreaId.England));
        var groups = cut.FindAll("details.target-group").Select(d => d.Id).ToList();
        Assert.Equal(["targets-GrowthOverBaseYear", "targets-RiseOnYearBefore", "targets-P95WaitAtMost"], groups);
        var participation = run.Targets.Single(t => t.Area.IsTotal && t.Target == DrugStrategy.Participation55);
        // Both readings of "by 2004" are declared (issue 16): 2003/04 first, then the strategy's 2004/05.
        var rows = cut.FindAll("#targets-GrowthOverBaseYear tbody tr");
        Assert.Equal("+55% people in treatment by 2003/04 (over 1998/99)", rows[0].QuerySelector("td")!.TextContent);
        var row = rows.Single(r => r.QuerySelector("td")!.TextContent == "+55% people in treatment by 2004/05 (over 1998/99)");
        Assert.Equal(ShareOfRuns.Of(participation.PMet, run.Replicates).Describe(), row.QuerySelector("td.sure")!.TextContent);
    }

    [Fact]
    public void ADeterministicRun_SaysItHasNoProbability()
    {
        var run = Simulation.Run(ExplorerTestScenarios.Tiny, new RunOptions { Deterministic = true });
        var cut = Render<TargetTable>(p => p.Add(t => t.Result, run));
        Assert.All(cut.FindAll("td.sure"), td => Assert.StartsWith("deterministic preview", td.TextContent));
    }
}
