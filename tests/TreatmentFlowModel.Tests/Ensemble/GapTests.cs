using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Tests.Ensemble;

public class GapTests
{
    [Fact]
    public void ExtraPlaces_HandWorkedCase()
    {
        // Target 4 weeks. Admitted this year: 10 at 0 weeks, 4 at 3, 6 at 5 weeks (late: 6).
        // Still waiting at the year's end: 2 at 4 weeks (can still be admitted in time), 3 at 6 weeks and 1 criminal-justice
        // referral at 9 weeks (late: 4). Ten people needed a place in time; each stays 26 weeks on average, so a place serves
        // 52/26 = 2 of them a year: 10 / 2 = 5 extra places.
        var admitted = new double[53];
        admitted[0] = 10; admitted[3] = 4; admitted[5] = 6;
        var other = new double[53];
        other[4] = 2; other[6] = 3;
        var cjs = new double[53];
        cjs[9] = 1;
        Assert.Equal(5.0, ReplicateRecorder.ExtraPlaces(admitted, other, cjs, [], targetWeeks: 4, meanStayWeeks: 26), 12);
        Assert.Equal(0.0, ReplicateRecorder.ExtraPlaces(admitted, other, cjs, [], targetWeeks: 9, meanStayWeeks: 26), 12);
    }

    [Fact]
    public void ScarcePlaces_OpenGaps_AndPlentifulPlaces_CloseThem()
    {
        var s = TestScenarios.Small(12);
        var scarce = Simulation.Run(s.WithParameter(ParameterId.CapacityMultiplier, 0.4));
        var plenty = Simulation.Run(s.WithParameter(ParameterId.CapacityMultiplier, 5.0));
        CapacityGap Row(EnsembleResult r) => r.Gaps.Single(g => g.Year == new FinancialYear(2004) && g.Area.IsTotal && g.Modality == Modality.SpecialistPrescribing);
        var tight = Row(scarce);
        var loose = Row(plenty);
        Assert.True(tight.ExtraPlacesP90 > 0 && tight.Waiting > 0 && tight.PTargetMet < 1, $"scarce: {tight}");
        Assert.True(tight.ExtraPlacesP90 >= tight.ExtraPlacesMedian);
        Assert.Equal(0, loose.ExtraPlacesP90);
        Assert.Equal(1, loose.PTargetMet);
        // England's gap is the sum of its areas' gaps (replicate by replicate, so the means add up).
        double areas = scarce.Areas.Skip(1).Sum(a => scarce.Annual(a, Metric.ExtraPlacesNeeded, Modality.SpecialistPrescribing)[2].Mean);
        Assert.Equal(areas, scarce.Annual(AreaId.England, Metric.ExtraPlacesNeeded, Modality.SpecialistPrescribing)[2].Mean, 1e-3 * Math.Max(1, areas));
    }

    [Fact]
    public void ExtraPlaces_AreEmptyInWeeklyOutputAndBeforeTheTargetsExisted()
    {
        var r = Simulation.Run(TestScenarios.Small(3));
        Assert.All(r.Weekly(AreaId.England, Metric.ExtraPlacesNeeded), w => Assert.Equal(0, w.Count));
        Assert.Equal(3, r.Annual(AreaId.England, Metric.ExtraPlacesNeeded)[0].Count);
    }
}
