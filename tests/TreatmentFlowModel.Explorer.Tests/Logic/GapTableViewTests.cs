using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Explorer.Tests.Logic;

public sealed class GapTableViewTests
{
    private static readonly Lazy<EnsembleResult> Run = new(() => Simulation.Run(ExplorerTestScenarios.Tiny));

    [Fact]
    public void Rows_AreTheDatGapsOfTheYear_GroupedByTheDatsRegions()
    {
        var view = new GapTableView(Run.Value);
        var groups = view.Groups();
        Assert.Equal(["London", "North East"], groups.Select(g => g.Key).Order(StringComparer.Ordinal));
        Assert.All(groups.Single(g => g.Key == "London"), r => Assert.Equal("Lambeth", r.Area));
        Assert.Equal(Run.Value.Gaps.Count(g => g.Area.IsDat && g.Year == view.Year), view.Count);
        Assert.Equal(new FinancialYear(2004), view.Year);
    }

    [Fact]
    public void SeveritySort_PutsTheLeastLikelyToMeetTheWaitTargetFirst_WhateverItsSize()
    {
        var view = new GapTableView(Run.Value);
        foreach (var group in view.Groups())
        {
            var met = group.Select(r => r.Gap.PTargetMet).ToList();
            Assert.Equal(met.Order(), met);
        }
    }

    [Fact]
    public void SortingOnAColumn_OrdersEveryRegionByIt_AndASecondClickReversesIt()
    {
        var view = new GapTableView(Run.Value);
        view.Sort(GapColumn.Places);
        Assert.True(view.Descending);
        foreach (var group in view.Groups()) Assert.Equal(group.Select(r => r.Gap.Places).OrderDescending(), group.Select(r => r.Gap.Places));
        view.Sort(GapColumn.Places);
        Assert.False(view.Descending);
        foreach (var group in view.Groups()) Assert.Equal(group.Select(r => r.Gap.Places).Order(), group.Select(r => r.Gap.Places));
    }

    [Fact]
    public void Filter_KeepsRowsWhoseDatRegionOrModalityContainsTheText()
    {
        var view = new GapTableView(Run.Value) { Filter = "darl" };
        Assert.All(view.Groups().SelectMany(g => g), r => Assert.Equal("Darlington", r.Area));
        view.Filter = "detox";
        Assert.All(view.Groups().SelectMany(g => g), r => Assert.Equal(Modality.InpatientDetox, r.Modality));
        Assert.NotEqual(0, view.Count);
        view.Filter = "no such area";
        Assert.Equal(0, view.Count);
    }

    [Fact]
    public void MetBelow_HidesRowsThatMeetTheirWaitTargetOftenEnough()
    {
        var view = new GapTableView(Run.Value) { MetBelow = 0.9 };
        Assert.All(view.Groups().SelectMany(g => g), r => Assert.True(r.Gap.PTargetMet < 0.9));
    }
}
