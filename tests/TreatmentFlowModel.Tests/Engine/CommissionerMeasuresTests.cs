using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Random;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>
/// Issue 16 item 4, the measures commissioners report: referrals by route, planned exits and effective treatment (the
/// NTA's 2008 definition), checked week by week against the engine's own state in one stochastic replicate.
/// </summary>
public class CommissionerMeasuresTests
{
    private static double Cell(ReplicateSimulator<StochasticDraws> sim, int a, Metric metric) =>
        sim.Week[SeriesRows.Cell(a, MetricCatalog.Total(metric))];

    [Fact]
    public void ReferralsByRoute_AddUpToEveryProblemDrugUsersReferral_AndEachRouteIsUsed()
    {
        // More DTTO candidates than the default, so the court route carries people in every DAT (throughcare refers the released).
        var s = TestScenarios.Small(1).WithParameter(ParameterId.DttoPerArrest, 0.05);
        var sim = new ReplicateSimulator<StochasticDraws>(FrozenModel.From(s));
        var totals = new double[5];
        int weeks = 0;
        sim.Run(0, _ =>
        {
            for (int a = 0; a < s.Areas.Length; a++)
            {
                double testing = Cell(sim, a, Metric.ReferralsTesting), worker = Cell(sim, a, Metric.ReferralsArrestReferral);
                double court = Cell(sim, a, Metric.ReferralsCourt), prison = Cell(sim, a, Metric.ReferralsPrison);
                double other = Cell(sim, a, Metric.ReferralsOther);
                // The criminal-justice routes are exactly the criminal-justice referrals (whole people in the stochastic mode).
                Assert.Equal(Cell(sim, a, Metric.ReferralsCjs), testing + worker + court + prison);
                Assert.Equal(Cell(sim, a, Metric.ReferralsCjs) + other, testing + worker + court + prison + other);
                Assert.Equal(Cell(sim, a, Metric.OrdersStarted), court);
                totals[0] += testing; totals[1] += worker; totals[2] += court; totals[3] += prison; totals[4] += other;
            }
            weeks++;
        });
        Assert.True(weeks > 150);
        Assert.All(totals, t => Assert.True(t > 0, "every route refers someone over three years in three DATs"));
    }

    [Fact]
    public void PlannedExits_AreTheCompletionsOfEveryModality()
    {
        var s = TestScenarios.Small(1);
        var sim = new ReplicateSimulator<StochasticDraws>(FrozenModel.From(s));
        double planned = 0;
        sim.Run(0, _ =>
        {
            for (int a = 0; a < s.Areas.Length; a++)
            {
                Assert.Equal(Cell(sim, a, Metric.Completions), Cell(sim, a, Metric.PlannedExits));
                planned += Cell(sim, a, Metric.PlannedExits);
            }
        });
        Assert.True(planned > 0);
    }

    [Fact]
    public void EffectiveTreatment_IsTheRetainedOn1AprilOnceAYear_PlusThoseReaching12WeeksOrCompletingBefore()
    {
        var s = TestScenarios.Small(1);
        var model = FrozenModel.From(s);
        var sim = new ReplicateSimulator<StochasticDraws>(model);
        var layout = new TreatmentLayout(model.AreaCount);
        var atLeast12Weeks = new double[model.AreaCount]; // after the week before: the stock the next week starts from
        int yearStarts = 0;
        sim.Run(0, w =>
        {
            int simWeek = w + model.BurnInWeeks;
            bool newYear = model.SimulationCalendar.IsFirstWeekOfYear(simWeek);
            for (int a = 0; a < model.AreaCount; a++)
            {
                double effective = Cell(sim, a, Metric.EffectiveTreatment), retained = Cell(sim, a, Metric.Retained12Wk);
                // The first reported week has no week before it here: check it from the second year start on.
                if (newYear && w > 0)
                {
                    Assert.True(atLeast12Weeks[a] > 0);
                    Assert.Equal(atLeast12Weeks[a] + retained, effective, 1e-9);
                }
                else if (!newYear) Assert.Equal(retained, effective);
                atLeast12Weeks[a] = 0;
                for (int m = 0; m < Modalities.Count; m++)
                    for (var route = TreatmentRoute.Other; route <= TreatmentRoute.NonPdu; route++)
                        for (int d = 12; d < layout.Bins; d++) atLeast12Weeks[a] += sim.Treatment[layout.Bin(AreaModality.Index(a, m), route, d)];
            }
            if (newYear && w > 0) yearStarts++;
        });
        Assert.Equal(2, yearStarts); // April 2003 and April 2004
    }

    [Fact]
    public void EffectiveTreatment_InAYear_LiesBetweenTheRetainedAndParticipation_AndRisesWithRetention()
    {
        var s = TestScenarios.Small(1);
        var r = Simulation.Run(s, new RunOptions { Deterministic = true });
        // Lower drop-out of criminal-justice entrants in their first quarter retains more of them past 12 weeks.
        var longer = Simulation.Run(s.WithParameter(ParameterId.CjsTreatmentDropoutMultiplier, 0.5), new RunOptions { Deterministic = true });
        for (int y = 1; y < r.Calendar.Years; y++)
        {
            double effective = r.Annual(AreaId.England, Metric.EffectiveTreatment)[y].Mean;
            Assert.True(effective > r.Annual(AreaId.England, Metric.Retained12Wk)[y].Mean);
            Assert.True(effective <= r.Annual(AreaId.England, Metric.Participation)[y].Mean);
            Assert.True(longer.Annual(AreaId.England, Metric.EffectiveTreatment)[y].Mean > effective);
        }
    }
}
