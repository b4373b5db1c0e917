using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Explorer.Tests.Logic;

public sealed class LeversTests
{
    [Fact]
    public void FromThenApplyTo_WithNothingMoved_GivesTheScenarioBack()
    {
        var scenario = ExplorerTestScenarios.Tiny;
        Assert.Equal(ScenarioWriter.ToJson(scenario), ScenarioWriter.ToJson(Levers.From(scenario).ApplyTo(scenario)));
    }

    [Fact]
    public void EveryLever_ReachesTheScenarioItApplies()
    {
        var scenario = ExplorerTestScenarios.Tiny;
        var levers = Levers.From(scenario);
        levers.CjsPriority = !scenario.Policy.CjsPriority;
        levers.Aftercare = !scenario.Policy.Aftercare;
        levers.Replicates = 3;
        levers.Seed = 99;
        levers.Tranches[0].Start = new DateOnly(2003, 4, 1);
        levers.AddTranche(scenario.Start, scenario.End);
        levers.Parameters.Single(p => p.Id == ParameterId.CapacityMultiplier).FixedAt = 1.5;
        levers.Parameters.Single(p => p.Id == ParameterId.AssessmentUptake).FixedAt = 0.6;

        var changed = levers.ApplyTo(scenario);

        Assert.Empty(changed.Validate());
        Assert.Equal(!scenario.Policy.CjsPriority, changed.Policy.CjsPriority);
        Assert.Equal(!scenario.Policy.Aftercare, changed.Policy.Aftercare);
        Assert.Equal((3, 99UL), (changed.Replicates, changed.Seed));
        Assert.Equal(new DateOnly(2003, 4, 1), changed.Rollout.Tranches[0].Start);
        Assert.Equal(new RolloutTranche("tranche2", 31, 60, new DateOnly(2004, 4, 1)), changed.Rollout.Tranches[1]);
        Assert.Equal(Distribution.Fixed(1.5), changed[ParameterId.CapacityMultiplier]);
        Assert.Equal(Distribution.Fixed(0.6), changed[ParameterId.AssessmentUptake]);
    }

    [Fact]
    public void ANewTranche_StartsAYearAfterTheLast_ButInsideTheRun()
    {
        var scenario = ExplorerTestScenarios.Tiny;
        var levers = Levers.From(scenario);
        levers.Tranches[0].Start = new DateOnly(2004, 6, 1);
        levers.AddTranche(scenario.Start, scenario.End);
        Assert.Equal(scenario.End, levers.Tranches[1].Start);
        Assert.Empty(levers.ApplyTo(scenario).Validate());
        levers.Tranches.Clear();
        levers.AddTranche(scenario.Start, scenario.End);
        Assert.Equal((1, 30, scenario.Start), (levers.Tranches[0].FirstRank, levers.Tranches[0].LastRank, levers.Tranches[0].Start));
    }

    [Fact]
    public void AParameterWithADistribution_KeepsItsPriorUntilFixed_AndShowsItsSource()
    {
        var lever = Levers.From(ExplorerTestScenarios.Tiny).Parameters.Single(p => p.Id == ParameterId.AssessmentUptake);
        Assert.Null(lever.FixedAt);
        Assert.Equal(DistributionKind.Beta, lever.Current.Kind);
        Assert.Equal("Beta(Alpha 5, Beta 10), mean 0.3333", lever.PriorText);
        Assert.StartsWith("Sondhi et al.", lever.Source);
        Assert.False(lever.IsAssumption);
        var capacity = Levers.From(ExplorerTestScenarios.Tiny).Parameters.Single(p => p.Id == ParameterId.CapacityMultiplier);
        Assert.Equal(1, capacity.FixedAt);
        Assert.True(capacity.IsAssumption);
    }

    [Fact]
    public void KeyParameterNamesTheCatalogueDoesNotKnow_AreLeftOut()
    {
        var known = Levers.KeyParameterNames.Where(n => ParameterCatalog.FindScalar(n) is not null).ToList();
        Assert.Equal(known, Levers.From(ExplorerTestScenarios.Tiny).Parameters.Select(p => p.Info.Name));
        Assert.Contains("CapacityMultiplier", known);
    }
}
