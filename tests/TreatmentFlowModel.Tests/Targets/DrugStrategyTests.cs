using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Tests.Targets;

public class DrugStrategyTests
{
    [Fact]
    public void ParticipationTargets_AreFiftyFivePercentBy2004AndDoubleBy2008_Over1998()
    {
        Assert.Equal(new FinancialYear(1998), DrugStrategy.BaseYear);
        Assert.Equal(["participation_55pct", "participation_100pct"], DrugStrategy.ParticipationTargets.Select(t => t.Name));
        Assert.Equal(["+55%", "+100%"], DrugStrategy.ParticipationTargets.Select(t => t.Growth));
        Assert.Equal([new FinancialYear(2004), new FinancialYear(2008)], DrugStrategy.ParticipationTargets.Select(t => t.Year));
        Assert.All(DrugStrategy.ParticipationTargets, t => Assert.Equal(TargetKind.GrowthOverBaseYear, t.Kind));
    }

    [Fact]
    public void TargetTrajectory_RunsStraightFromTheBaseThroughEachTarget()
    {
        Assert.Null(DrugStrategy.TrajectoryFactor(new FinancialYear(1997)));
        Assert.Equal(1.0, DrugStrategy.TrajectoryFactor(new FinancialYear(1998)));
        Assert.Equal(1.275, DrugStrategy.TrajectoryFactor(new FinancialYear(2001))!.Value, 12);
        Assert.Equal(1.55, DrugStrategy.TrajectoryFactor(new FinancialYear(2004))!.Value, 12);
        Assert.Equal(1.775, DrugStrategy.TrajectoryFactor(new FinancialYear(2006))!.Value, 12);
        Assert.Equal(2.0, DrugStrategy.TrajectoryFactor(new FinancialYear(2008))!.Value, 12);
        Assert.Null(DrugStrategy.TrajectoryFactor(new FinancialYear(2009)));
    }

    [Fact]
    public void TargetsOfARun_AreTypedByKind_WithTheirMeasureAndModality()
    {
        var r = Simulation.Run(TestScenarios.Small() with { Start = new DateOnly(1998, 4, 1), End = new DateOnly(2005, 3, 31) }, new RunOptions { Deterministic = true });
        var england = r.Targets.Where(t => t.Area.IsTotal).ToArray();
        // The default file's two readings of "by 2004" (the 2008/09 target is outside this run).
        Assert.Equal(DrugStrategy.Participation55, england.Single(t => t.Target.Kind == TargetKind.GrowthOverBaseYear && t.Year == new FinancialYear(2004)).Target);
        Assert.Equal(1.55, ((GrowthTarget)england.Single(t => t.Target.Name == "participation_55pct_2003_04").Target).Factor);
        Assert.All(england.Where(t => t.Target.Kind == TargetKind.RiseOnYearBefore), t => Assert.Equal(Metric.RetainedShare, t.Target.Metric));
        var waits = england.Where(t => t.Target.Kind == TargetKind.P95WaitAtMost).ToArray();
        Assert.Equal(Modalities.Count * 3, waits.Length); // 2002/03 to 2004/05
        Assert.All(waits, t => Assert.Equal($"max_wait_{Modalities.OutputName(t.Target.Modality!.Value)}", t.Target.Name));
    }
}
