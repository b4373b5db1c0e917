using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using static TreatmentFlowModel.Tests.Runs;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>The programme's cost lines: unit cost times activity, and their sum.</summary>
public class CostTests
{
    private static readonly Metric[] Lines =
    [
        Metric.TreatmentCostGbp, Metric.TestingCostGbp, Metric.ArrestReferralCostGbp, Metric.DttoCostGbp, Metric.RemandCostGbp,
        Metric.AftercareCostGbp, Metric.CapacityBuildingCostGbp,
    ];

    private static double[] Years(EnsembleResult r, Metric metric) => [.. r.Annual(AreaId.England, metric).Select(x => x.Mean)];

    private static Scenario WithPab(Scenario s) => s with
    {
        Policy = s.Policy with { PresumptionAgainstBail = new PresumptionAgainstBail(new DateOnly(2003, 6, 2), []) },
    };

    [Fact]
    public void ProgrammeCost_IsTheSumOfItsLines_AndEachLineIsUnitCostTimesActivity()
    {
        var s = WithPab(TestScenarios.Small());
        var r = Deterministic(s);
        var programme = Years(r, Metric.ProgrammeCostGbp);
        var lines = Lines.Select(m => Years(r, m)).ToArray();
        for (int y = 0; y < programme.Length; y++)
            Assert.Equal(lines.Sum(l => l[y]), programme[y], 1e-6 * programme[y]);
        var orders = Years(r, Metric.DttoOrders);
        var referrals = Years(r, Metric.ReferralsArrestReferral);
        var cost = Years(r, Metric.CostGbp);
        for (int y = 0; y < programme.Length; y++)
        {
            Assert.Equal(orders[y] * 6700, lines[3][y], 1e-6 * Math.Max(1, lines[3][y]));
            Assert.Equal(referrals[y] * 730, lines[2][y], 1e-6 * Math.Max(1, lines[2][y]));
            Assert.Equal(cost[y], lines[0][y] + lines[1][y], 1e-6 * cost[y]); // cost_gbp stays treatment plus testing
        }
        int y2004 = r.Calendar.YearIndex(new FinancialYear(2004));
        Assert.True(lines[4][y2004] > 0, "presumption against bail must remand someone for the remand line to be tested");
        // Raising one unit cost moves its line and nothing else.
        var dearer = Deterministic(WithPab(TestScenarios.Small()).WithParameter(ParameterId.DttoCostPerOrder, 13400));
        Assert.Equal(2 * lines[3][y2004], Years(dearer, Metric.DttoCostGbp)[y2004], 1e-6 * lines[3][y2004]);
        Assert.Equal(programme[y2004] + lines[3][y2004], Years(dearer, Metric.ProgrammeCostGbp)[y2004], 1e-6 * programme[y2004]);
    }

    [Fact]
    public void CapacityBuilding_IsOneGrantPerTestingDat_AndAftercareRunsWhereTestingDoes()
    {
        // The small scenario's DATs with a top-30 BCU start testing in June 2003: one grant each over their first 52 weeks,
        // which the run (to March 2005) holds whole.
        var r = Deterministic(TestScenarios.Small());
        var model = Setup.FrozenModel.From(TestScenarios.Small());
        int testing = Enumerable.Range(0, model.AreaCount).Count(a => Enumerable.Range(0, model.SimulationCalendar.Weeks).Any(w => model.Rollout.Coverage(w, a) > 0));
        Assert.True(testing >= 1);
        Assert.Equal(testing * 600_000.0, Years(r, Metric.CapacityBuildingCostGbp).Sum(), 1e-3);
        Assert.Equal(0, Years(r, Metric.CapacityBuildingCostGbp)[r.Calendar.YearIndex(new FinancialYear(2002))]);
        // Aftercare: £200k a DAT-year for each week it runs, times its coverage (full where testing runs, rising across
        // 2004/05 elsewhere with the default policy).
        double weeks = Enumerable.Range(0, model.SimulationCalendar.Weeks).Where(w => w >= model.BurnInWeeks)
            .Sum(w => Enumerable.Range(0, model.AreaCount).Sum(a => model.Policy.AftercareCoverage(w, a)));
        Assert.True(weeks > 0);
        Assert.Equal(weeks * 200_000.0 / 52, Years(r, Metric.AftercareCostGbp).Sum(), 1e-3);
    }

    [Fact]
    public void HomeOfficePlan_TestingCostsAbout73Point8MillionOverThreeYears()
    {
        // Seed 004: testing £20.1m + £20.1m + £33.6m = £73.8m for 60, 60 and 100 BCUs in 2003/04-2005/06.
        var plan = ScenarioLoader.Load([TestPaths.At("scenarios", "ho-nov2002-plan.json")], [], useEnvironment: false);
        var r = Deterministic(plan with { Start = new DateOnly(2003, 4, 1), End = new DateOnly(2006, 3, 31), Posterior = null });
        double testing = Years(r, Metric.TestingCostGbp).Sum();
        Assert.Equal(73.8e6, testing, 0.02 * 73.8e6);
    }
}
