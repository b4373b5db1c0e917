using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using static TreatmentFlowModel.Tests.Runs;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>Deaths by state: in prison at their own rate, raised risk after release and after treatment, drug-related deaths.</summary>
public class DeathsTests
{
    private const double Untreated = 0.013; // a year

    private static double Year(EnsembleResult r, Metric metric, int startYear) =>
        r.Annual(AreaId.England, metric)[r.Calendar.YearIndex(new FinancialYear(startYear))].Mean;

    /// <summary>The small scenario with a fixed untreated death rate and no excess risk at all.</summary>
    private static Scenario Flat() => TestScenarios.Small()
        .WithParameter(ParameterId.MortalityUntreatedPerYear, Untreated)
        .WithParameter(ParameterId.PostReleaseDeathMultiplierWeeks1To2, 1).WithParameter(ParameterId.PostReleaseDeathMultiplierWeeks3To4, 1)
        .WithParameter(ParameterId.PostTreatmentDeathMultiplierWeeks1To2, 1).WithParameter(ParameterId.PostTreatmentDeathMultiplierWeeks3To4, 1);

    [Fact]
    public void AfterRelease_ExcessDeathsMatchAHandCalculationFromThePrisonStock()
    {
        // Everyone released goes to the community (no throughcare or aftercare), and only weeks 1-2 carry a raised risk (x8).
        var s = Flat().WithParameter(ParameterId.ThroughcareReferral, 0).WithParameter(ParameterId.AftercareReferral, 0)
            .WithParameter(ParameterId.PostReleaseDeathMultiplierWeeks1To2, 8);
        var r = Deterministic(s);
        // By hand: released in week w = prison at the end of week w-1 x P(released); each cohort dies at 1 - e^(-0.013/52 x 7)
        // in its first week out and, of those left, the same in its second.
        Hazards.Competing(s[ParameterId.MortalityPrisonPerYear].Mean / 52, 1 / s[ParameterId.PrisonStayWeeks].Mean, 0, out _, out double release, out _);
        double p = -Math.ExpM1Safe(-Untreated / 52 * 7);
        var prison = r.Weekly(AreaId.England, Metric.Prison);
        int first = r.Calendar.YearIndex(new FinancialYear(2003)), expectedWeeks = 0;
        double expected = 0;
        for (int w = 0; w < r.Calendar.Weeks; w++)
        {
            if (r.Calendar.YearIndexOfWeek(w) != first) continue;
            double released1 = prison[w - 2].Mean * release, released2 = prison[w - 3].Mean * release;
            expected += released1 * p + released2 * (1 - p) * p;
            expectedWeeks++;
        }
        Assert.True(expectedWeeks >= 52);
        double deaths = Year(r, Metric.DeathsAfterRelease, 2003);
        Assert.True(deaths > 1, $"the scenario must release enough people to mean anything ({deaths})");
        Assert.Equal(expected, deaths, expected * 1e-9);
        Assert.Equal(0, Year(r, Metric.DeathsAfterTreatment, 2003));
    }

    [Fact]
    public void RaisedRisk_AddsDeathsThatLeaveThePopulation()
    {
        var flat = Deterministic(Flat());
        var raised = Deterministic(TestScenarios.Small().WithParameter(ParameterId.MortalityUntreatedPerYear, Untreated));
        Assert.Equal(0, Year(flat, Metric.DeathsAfterRelease, 2004));
        Assert.Equal(0, Year(flat, Metric.DeathsAfterTreatment, 2004));
        double extra = Year(raised, Metric.DeathsAfterRelease, 2004) + Year(raised, Metric.DeathsAfterTreatment, 2004);
        Assert.True(extra > 3, $"{extra} excess deaths");
        // The excess deaths are deaths: fewer people remain (the other deaths move a little with the population).
        Assert.True(Year(raised, Metric.Deaths, 2004) > Year(flat, Metric.Deaths, 2004) + 0.8 * extra);
        Assert.True(Year(raised, Metric.ProblemDrugUsers, 2004) < Year(flat, Metric.ProblemDrugUsers, 2004));
    }

    [Fact]
    public void AftercareReferral_CutsDeathsAfterRelease()
    {
        var s = TestScenarios.Small();
        var none = Deterministic(s.WithParameter(ParameterId.AftercareReferral, 0).WithParameter(ParameterId.ThroughcareReferral, 0));
        var all = Deterministic(s.WithParameter(ParameterId.AftercareReferral, 0).WithParameter(ParameterId.ThroughcareReferral, 1));
        Assert.True(Year(none, Metric.DeathsAfterRelease, 2004) > 1);
        Assert.Equal(0, Year(all, Metric.DeathsAfterRelease, 2004), 1e-9); // everyone released is referred to treatment
    }

    [Fact]
    public void PrisonDeaths_FollowTheirOwnRate()
    {
        var s = Flat().WithParameter(ParameterId.MortalityPrisonPerYear, 0.003);
        var r = Deterministic(s);
        Hazards.Competing(0.003 / 52, 1 / s[ParameterId.PrisonStayWeeks].Mean, 0, out double die, out _, out _);
        var prison = r.Weekly(AreaId.England, Metric.Prison);
        int year = r.Calendar.YearIndex(new FinancialYear(2003));
        double expected = Enumerable.Range(0, r.Calendar.Weeks).Where(w => r.Calendar.YearIndexOfWeek(w) == year).Sum(w => prison[w - 1].Mean * die);
        Assert.Equal(expected, Year(r, Metric.PrisonDeaths, 2003), expected * 1e-9);
        var doubled = Deterministic(s.WithParameter(ParameterId.MortalityPrisonPerYear, 0.006));
        Assert.Equal(2, Year(doubled, Metric.PrisonDeaths, 2003) / Year(r, Metric.PrisonDeaths, 2003), 0.01);
        // Prison no longer uses the in-treatment rate.
        var treated = Deterministic(s.WithParameter(ParameterId.MortalityTreatedPerYear, 0.02));
        Assert.Equal(Year(r, Metric.PrisonDeaths, 2003), Year(treated, Metric.PrisonDeaths, 2003), 0.02 * Year(r, Metric.PrisonDeaths, 2003));
    }

    [Fact]
    public void DrugRelatedDeaths_AreTheExcessPlusTheSharesOfOtherDeaths()
    {
        var s = TestScenarios.Small();
        var none = Deterministic(s.WithParameter(ParameterId.DrugRelatedDeathShare, 0).WithParameter(ParameterId.PrisonDrugRelatedDeathShare, 0));
        Assert.Equal(Year(none, Metric.DeathsAfterRelease, 2004) + Year(none, Metric.DeathsAfterTreatment, 2004), Year(none, Metric.DrugRelatedDeaths, 2004), 1e-6);
        var all = Deterministic(s.WithParameter(ParameterId.DrugRelatedDeathShare, 1).WithParameter(ParameterId.PrisonDrugRelatedDeathShare, 1));
        Assert.Equal(Year(all, Metric.Deaths, 2004), Year(all, Metric.DrugRelatedDeaths, 2004), 1e-6);
        var half = Deterministic(s.WithParameter(ParameterId.DrugRelatedDeathShare, 0.5).WithParameter(ParameterId.PrisonDrugRelatedDeathShare, 0.5));
        double excess = Year(half, Metric.DeathsAfterRelease, 2004) + Year(half, Metric.DeathsAfterTreatment, 2004);
        Assert.Equal(excess + 0.5 * (Year(half, Metric.Deaths, 2004) - excess), Year(half, Metric.DrugRelatedDeaths, 2004), 1e-6);
    }

    [Fact]
    public void Stochastic_DeathsAreWholePeopleAndDrugRelatedOnesAPartOfThem()
    {
        var r = Simulation.Run(TestScenarios.Small(4), new RunOptions());
        var deaths = r.Annual(AreaId.England, Metric.Deaths);
        var drd = r.Annual(AreaId.England, Metric.DrugRelatedDeaths);
        for (int y = 0; y < deaths.Length; y++)
        {
            Assert.True(drd[y].P95 <= deaths[y].P95 && drd[y].Mean < deaths[y].Mean && drd[y].Mean > 0.4 * deaths[y].Mean);
            Assert.Equal(Math.Round(drd[y].Mean * 4), drd[y].Mean * 4, 1e-6); // whole deaths in every replicate
        }
    }
}
