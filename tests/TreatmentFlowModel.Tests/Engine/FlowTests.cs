using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;
using TreatmentFlowModel.Targets;
using static TreatmentFlowModel.Tests.Runs;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>One behaviour of the pathway per test, on the deterministic mode (exact and fast) unless stated.</summary>
public class FlowTests
{
    private static double Year(EnsembleResult r, Metric metric, int startYear, string? area = null, Modality? m = null) =>
        r.Annual(area ?? AreaId.England, metric, m)[r.Calendar.YearIndex(new FinancialYear(startYear))].Mean;

    [Fact]
    public void Testing_HappensOnlyAfterTheAreaIsRolledOut()
    {
        var r = Deterministic(TestScenarios.Small());
        var tests = r.Weekly(AreaId.England, Metric.Tests);
        for (int w = 0; w < r.Calendar.Weeks; w++)
        {
            bool live = r.Calendar.WeekStart(w) >= new DateOnly(2003, 6, 2);
            Assert.True(live ? tests[w].Mean > 0 : tests[w].Mean == 0, $"week {r.Calendar.WeekStart(w)}: {tests[w].Mean} tests");
        }
    }

    [Fact]
    public void NoArrests_MeansNoTestsDttosOrCriminalJusticeReferralsExceptAftercare()
    {
        var s = TestScenarios.Small().WithParameter(ParameterId.ArrestPerYear, 0).WithParameter(ParameterId.ThroughcareReferral, 0)
            .WithParameter(ParameterId.AftercareReferral, 0);
        var r = Deterministic(s);
        foreach (var metric in new[] { Metric.Arrests, Metric.Tests, Metric.DttoOrders, Metric.ReferralsCjs })
            Assert.Equal(0, Year(r, metric, 2003));
    }

    [Fact]
    public void DttoOrders_NeverExceedTheAnnualCap()
    {
        var s = TestScenarios.Small().WithParameter(ParameterId.DttoPerArrest, 1.0);
        var r = Deterministic(s);
        var setup = FrozenModel.From(s);
        // England's cap shared by need (the deterministic mode's N is the mean of its distribution) in whole orders.
        var need = setup.Need.Shares(s[ParameterId.NeedIndexSteps].Mean);
        double Cap(double england)
        {
            var caps = new double[need.Length];
            LargestRemainder.Apportion(england, need, caps);
            return Enumerable.Range(0, setup.AreaCount).Sum(a => caps[setup.TableIndex(a)]);
        }
        Assert.Equal(Cap(9000), Year(r, Metric.DttoOrders, 2003), 1e-6);
        Assert.Equal(Cap(12000), Year(r, Metric.DttoOrders, 2004), 1e-6);
    }

    [Fact]
    public void Rollout_RaisesCriminalJusticeStarts()
    {
        var without = Deterministic(TestScenarios.Small() with { Rollout = TestScenarios.Small().Rollout with { Tranches = [] } });
        var with = Deterministic(TestScenarios.Small());
        Assert.Equal(Year(without, Metric.TreatmentStartsCjs, 2002), Year(with, Metric.TreatmentStartsCjs, 2002), 1e-9);
        Assert.True(Year(with, Metric.TreatmentStartsCjs, 2004) > 1.2 * Year(without, Metric.TreatmentStartsCjs, 2004));
    }

    [Fact]
    public void CjsPriority_ShortensCriminalJusticeWaitsWhenPlacesAreScarce()
    {
        var scarce = TestScenarios.Small().WithParameter(ParameterId.CapacityMultiplier, 0.5);
        var fcfs = Deterministic(scarce);
        var priority = Deterministic(scarce with { Policy = scarce.Policy with { CjsPriority = true } });
        double ShareCjs(EnsembleResult r) => Year(r, Metric.TreatmentStartsCjs, 2004) / Year(r, Metric.TreatmentStarts, 2004);
        Assert.True(Year(fcfs, Metric.Waiting, 2004) > 100, "the scenario must have waiting lists for the test to mean anything");
        Assert.True(ShareCjs(priority) > ShareCjs(fcfs));
    }

    [Fact]
    public void Waits_AreNonNegative_AndGrowWhenPlacesShrink()
    {
        var ample = Deterministic(TestScenarios.Small());
        var scarce = Deterministic(TestScenarios.Small().WithParameter(ParameterId.CapacityMultiplier, 0.5));
        double ampleWait = Year(ample, Metric.MeanWaitWeeks, 2004), scarceWait = Year(scarce, Metric.MeanWaitWeeks, 2004);
        Assert.True(ampleWait >= 0);
        Assert.True(scarceWait > ampleWait + 1, $"{scarceWait} vs {ampleWait}");
    }

    [Fact]
    public void Participation_IsInTreatmentOnFirstAprilPlusStartsInTheYear()
    {
        var r = Deterministic(TestScenarios.Small());
        var inTreatment = r.Weekly(AreaId.England, Metric.InTreatment);
        int firstWeekOf2003 = WeekOf(r, new DateOnly(2003, 4, 1));
        double expected = inTreatment[firstWeekOf2003 - 1].Mean + Year(r, Metric.TreatmentStarts, 2003);
        Assert.Equal(expected, Year(r, Metric.Participation, 2003), expected * 1e-9);
    }

    [Fact]
    public void Retention_CountsTwelveWeekSurvivorsAndEarlyCompletions_AtMostStarts()
    {
        var r = Deterministic(TestScenarios.Small());
        double retained = Year(r, Metric.Retained12Wk, 2004), starts = Year(r, Metric.TreatmentStarts, 2004);
        Assert.InRange(retained / starts, 0.4, 1.0);
    }

    [Fact]
    public void ParameterChange_AppliesFromItsDate()
    {
        var s = TestScenarios.Small() with { ParameterChanges = [new ParameterChange(ParameterId.ArrestPerYear, new DateOnly(2004, 4, 1), 0, [])] };
        var r = Deterministic(s);
        Assert.True(Year(r, Metric.Arrests, 2003) > 0);
        Assert.Equal(0, Year(r, Metric.Arrests, 2004));
    }

    [Fact]
    public void AreaOverride_ChangesThatAreaOnly()
    {
        var s = TestScenarios.Small() with { AreaOverrides = [new AreaOverride("Lambeth", [new(ParameterId.ArrestPerYear, Distribution.Fixed(0))])] };
        var r = Deterministic(s);
        Assert.Equal(0, Year(r, Metric.Arrests, 2003, "Lambeth"));
        Assert.True(Year(r, Metric.Arrests, 2003, "Bristol") > 0);
    }

    [Fact]
    public void ScenarioOutsideTheTargetYears_HasNoParticipationTargets()
    {
        var r = Deterministic(TestScenarios.Small());
        Assert.DoesNotContain(r.Targets, t => t.Target is GrowthTarget);
        Assert.Contains(r.Targets, t => t.Target.Name == "max_wait_residential_rehab" && t.Year == new FinancialYear(2003));
    }
}
