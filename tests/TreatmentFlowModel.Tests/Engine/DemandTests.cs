using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;
using static TreatmentFlowModel.Tests.Runs;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>Demand that responds: presenting, deterrence by perceived waits, reneging, and people who are not problem drug users.</summary>
public class DemandTests
{
    private static double Year(EnsembleResult r, Metric metric, int startYear, Modality? m = null) =>
        r.Annual(AreaId.England, metric, m)[r.Calendar.YearIndex(new FinancialYear(startYear))].Mean;

    /// <summary>Places scarce enough that lists and waits form.</summary>
    private static Scenario Scarce() => TestScenarios.Small(1).WithParameter(ParameterId.CapacityMultiplier, 0.6).WithParameter(ParameterId.CapacityRandomEffectSd, 0);

    [Fact]
    public void Presenting_IsEveryoneJoiningAList_ButTransfersToRehab()
    {
        var r = Deterministic(Scarce());
        foreach (var m in Modalities.All)
        {
            double joined = Year(r, Metric.ReferralsCjs, 2003, m) + Year(r, Metric.ReferralsOther, 2003, m) + Year(r, Metric.ReferralsNonPdu, 2003, m);
            double presenting = Year(r, Metric.Presenting, 2003, m);
            if (m == Modality.ResidentialRehab) Assert.True(presenting < joined, "transfers from detox join the rehab list but do not present");
            else Assert.Equal(joined, presenting, joined * 1e-12);
        }
        Assert.True(Year(r, Metric.Presenting, 2003) > Year(r, Metric.TreatmentStarts, 2003), "with lists and reneging, more come forward than start");
    }

    [Fact]
    public void ComingForward_IsDeterredByThePerceivedWait_ExactlyAsExpMinusBetaW()
    {
        // Deterministic mode: the week's other-route referrals of problem drug users are U × h/H × (1 − e^−H) with
        // h = r₀ e^(−βŴ) / 52 and H every hazard of the untreated, Ŵ the wait perceived after the week before.
        var s = Scarce().WithParameter(ParameterId.WaitDeterrencePerWeek, 0.05);
        var model = FrozenModel.From(s);
        var sim = new ReplicateSimulator<ExpectedDraws>(model);
        sim.Initialise(0);
        double Hazard(ParameterId id) => s[id].Mean / 52;
        int checkedWeeks = 0;
        for (int w = 0; w < model.SimulationCalendar.Weeks; w++)
        {
            double untreated = sim.Untreated[0], perceived = sim.PerceivedWait(0);
            sim.Step(w);
            if (w < 52) continue;
            Assert.True(perceived > 1, $"week {w}: the lists must imply a wait for the test to mean anything ({perceived})");
            var row = sim.View(w).Series(0);
            double pdusForward = row[MetricCatalog.Total(Metric.Presenting)] - row[MetricCatalog.Total(Metric.ReferralsCjs)] - row[MetricCatalog.Total(Metric.ReferralsNonPdu)];
            double refer = Hazard(ParameterId.OtherReferralPerYear) * Math.Exp(-0.05 * perceived);
            double total = Hazard(ParameterId.MortalityUntreatedPerYear) + Hazard(ParameterId.CessationPerYear) + Hazard(ParameterId.ArrestPerYear) + refer;
            Assert.Equal(untreated * refer / total * (1 - Math.Exp(-total)), pdusForward, 1e-9 * pdusForward);
            checkedWeeks++;
        }
        Assert.True(checkedWeeks > 100);
    }

    [Fact]
    public void PerceivedWait_FollowsTheListsLittlesLawWait()
    {
        // A steady binding state: Ŵ converges to waiting / admissions a week.
        var s = Scarce().WithParameter(ParameterId.PerceivedWaitLagWeeks, 4);
        var model = FrozenModel.From(s);
        var sim = new ReplicateSimulator<ExpectedDraws>(model);
        sim.Initialise(0);
        for (int w = 0; w < model.SimulationCalendar.Weeks; w++) sim.Step(w);
        var row = sim.View(model.SimulationCalendar.Weeks - 1).Series(0);
        double little = row[MetricCatalog.Total(Metric.Waiting)] / row[MetricCatalog.Total(Metric.TreatmentStarts)];
        Assert.InRange(sim.PerceivedWait(0) / little, 0.8, 1.25);
    }

    [Fact]
    public void Deterrence_LowersPresentingAndWaits_WhenPlacesBind()
    {
        var none = Deterministic(Scarce().WithParameter(ParameterId.WaitDeterrencePerWeek, 0));
        var strong = Deterministic(Scarce().WithParameter(ParameterId.WaitDeterrencePerWeek, 0.06));
        Assert.True(Year(strong, Metric.Presenting, 2004) < 0.97 * Year(none, Metric.Presenting, 2004));
        Assert.True(Year(strong, Metric.MeanWaitWeeks, 2004) < Year(none, Metric.MeanWaitWeeks, 2004));
    }

    [Fact]
    public void MorePlaces_ReleaseLatentDemand_WhenWaitsDeter()
    {
        // Doubling the money from April 2003 shortens waits; with deterrence more people then come forward.
        ParameterChange more = new(ParameterId.CapacityMultiplier, new DateOnly(2003, 4, 1), 2.0, []);
        double Gain(double beta)
        {
            var s = Scarce().WithParameter(ParameterId.WaitDeterrencePerWeek, beta);
            return Year(Deterministic(s with { ParameterChanges = [more] }), Metric.Presenting, 2004) / Year(Deterministic(s), Metric.Presenting, 2004);
        }
        Assert.True(Gain(0.06) > Gain(0) + 0.03, $"{Gain(0.06)} vs {Gain(0)}");
    }

    [Fact]
    public void WaitDropoutMultiplier_ScalesReneging()
    {
        var one = Deterministic(Scarce());
        var two = Deterministic(Scarce().WithParameter(ParameterId.WaitDropoutMultiplier, 2));
        // When places bind, drop-outs are about arrivals less admissions whatever the hazard; the lists shrink instead.
        Assert.True(Year(two, Metric.Waiting, 2003) < 0.8 * Year(one, Metric.Waiting, 2003));
        Assert.True(Year(two, Metric.MeanWaitWeeks, 2003) < Year(one, Metric.MeanWaitWeeks, 2003));
    }

    [Fact]
    public void NonPduReferrals_ArriveByNeedAndGrowth_UsePlaces_AndNeverBecomeProblemDrugUsers()
    {
        var s = TestScenarios.Small(1) with { Areas = [] }; // all of England: the need shares sum to one
        s = s.WithParameter(ParameterId.NonPduReferralsPerYear, 20_000).WithParameter(ParameterId.NonPduReferralGrowthPerYear, 0.05);
        var r = Deterministic(s);
        for (int y = 0; y < r.Calendar.Years; y++)
        {
            int year = r.Calendar.Year(y).StartYear;
            int weeks = Enumerable.Range(0, r.Calendar.Weeks).Count(w => r.Calendar.YearIndexOfWeek(w) == y);
            Assert.Equal(20_000 * Math.Pow(1.05, year - 2000) * weeks / 52, r.Annual(AreaId.England, Metric.ReferralsNonPdu)[y].Mean, 1e-6);
        }
        // With ample places they change nothing for problem drug users; they add to starts and participation.
        var ample = TestScenarios.Small(1).WithParameter(ParameterId.CapacityMultiplier, 20).WithParameter(ParameterId.CapacityRandomEffectSd, 0);
        var without = Deterministic(ample.WithParameter(ParameterId.NonPduReferralsPerYear, 0));
        var with = Deterministic(ample.WithParameter(ParameterId.NonPduReferralsPerYear, 40_000));
        Assert.Equal(0, Year(with, Metric.Waiting, 2004), 1e-6);
        Assert.Equal(Year(without, Metric.Untreated, 2004), Year(with, Metric.Untreated, 2004), 1e-6);
        Assert.Equal(Year(without, Metric.Crimes, 2004), Year(with, Metric.Crimes, 2004), 1e-6);
        Assert.True(Year(with, Metric.Participation, 2004) > Year(without, Metric.Participation, 2004) + 100);
    }

    [Fact]
    public void NonPdus_AreConserved_OnTheirOwn()
    {
        var model = FrozenModel.From(Scarce().WithParameter(ParameterId.NonPduReferralsPerYear, 50_000));
        var sim = new ReplicateSimulator<StochasticDraws>(model);
        sim.Run(3, w =>
        {
            for (int a = 0; a < model.AreaCount; a++)
            {
                double inSystem = 0;
                for (int m = 0; m < Modalities.Count; m++)
                {
                    int am = AreaModality.Index(a, m);
                    foreach (double x in sim.Waiting.AsSpan(sim.Lists.Start(WaitingListLayout.List(am, ReferralQueue.NonPdu)), sim.Lists.Bins)) inSystem += x;
                    foreach (double x in sim.Treatment.AsSpan(sim.TreatmentBins.RowStart(TreatmentLayout.Row(am, TreatmentRoute.NonPdu)), sim.TreatmentBins.Bins)) inSystem += x;
                }
                Assert.Equal(sim.NonPduEntered[a], inSystem + sim.NonPduLeft[a]);
            }
        });
        Assert.True(sim.NonPduLeft.Sum() > 0);
    }
}
