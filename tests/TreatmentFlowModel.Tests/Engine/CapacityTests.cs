using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>Capacity: places bought by pooled and mainstream money, recruited with a lag, whole by largest remainder, varying by DAT.</summary>
public class CapacityTests
{
    private const int M = Modalities.Count;

    private static Scenario Plain(Func<Scenario, Scenario>? change = null)
    {
        var s = TestScenarios.Small(1).WithParameter(ParameterId.CapacityRandomEffectSd, 0).WithParameter(ParameterId.RecruitmentLagWeeks, 0);
        return change is null ? s : change(s);
    }

    private static double Year(EnsembleResult r, Metric metric, int startYear, string? area = null) =>
        r.Annual(area ?? AreaId.England, metric)[r.Calendar.YearIndex(new FinancialYear(startYear))].Mean;

    [Fact]
    public void FundedPlaces_AreTheSpendingFormula()
    {
        // places = (pooled budget + mainstream spend) × structured share × spend share / (cost per place-week × 52).
        var s = Plain();
        var model = FrozenModel.From(s);
        var sim = new ReplicateSimulator<ExpectedDraws>(model);
        sim.Initialise(0);
        int a = model.IndexOf("Lambeth"), y2004 = model.SimulationCalendar.YearIndex(new FinancialYear(2004));
        var lambeth = s.AreaData.Areas[s.AreaData.IndexOf("Lambeth")];
        double share = lambeth.Budget2002K / s.AreaData.Areas.Sum(x => x.Budget2002K);
        double money = lambeth.Budget2004K * 1000 + s[ParameterId.MainstreamSpend2002].Mean * share * Math.Pow(1 + s[ParameterId.MainstreamGrowthPerYear].Mean, 2);
        double spendShare = s[Modality.GpPrescribing, ModalityParameterId.SpendShare].Mean / Modalities.All.Sum(m => s[m, ModalityParameterId.SpendShare].Mean);
        double expected = money * s[ParameterId.StructuredShareOfSpend].Mean * spendShare / (s[Modality.GpPrescribing, ModalityParameterId.CostPerPlaceWeek].Mean * 52);
        Assert.Equal(expected, sim.FundedPlaces(y2004, a, (int)Modality.GpPrescribing), expected * 1e-12);
    }

    [Fact]
    public void Places_AreWhole_EachWithinOneOfItsLevel_AndTheAreasTotalLosesNothingToRounding()
    {
        var model = FrozenModel.From(Plain());
        var sim = new ReplicateSimulator<ExpectedDraws>(model);
        sim.Initialise(0);
        for (int w = 0; w < model.SimulationCalendar.Weeks; w++)
        {
            sim.Step(w);
            int y = model.SimulationCalendar.YearIndexOfWeek(w);
            for (int a = 0; a < model.AreaCount; a++)
            {
                double funded = 0, whole = 0;
                for (int m = 0; m < M; m++)
                {
                    double places = sim.Places(a, m);
                    Assert.Equal(Math.Floor(places), places);
                    Assert.True(Math.Abs(places - sim.FundedPlaces(y, a, m)) < 1, $"week {w} area {a} modality {m}: {places} places for {sim.FundedPlaces(y, a, m)} funded");
                    funded += sim.FundedPlaces(y, a, m);
                    whole += places;
                }
                Assert.Equal(Math.Floor(funded + 0.5), whole);
            }
        }
    }

    [Fact]
    public void StochasticAndDeterministicModes_HaveTheSamePlaces()
    {
        var s = Plain(x => x.WithParameter(ParameterId.RecruitmentLagWeeks, 26));
        var deterministic = Simulation.Run(s, new RunOptions { Deterministic = true });
        var stochastic = Simulation.Run(s with { Replicates = 2 });
        for (int m = 0; m < M; m++)
        {
            var det = deterministic.Weekly(AreaId.England, Metric.Capacity, (Modality)m);
            var sto = stochastic.Weekly(AreaId.England, Metric.Capacity, (Modality)m);
            for (int w = 0; w < det.Length; w++) Assert.Equal(det[w].Mean, sto[w].Mean);
        }
    }

    [Fact]
    public void RecruitmentLag_ClosesTheGapToANewYearsFunding_ByOneMinusExpOfWeeksOverTau()
    {
        const double tau = 26;
        var s = Plain(x => x.WithParameter(ParameterId.RecruitmentLagWeeks, tau));
        var model = FrozenModel.From(s);
        var sim = new ReplicateSimulator<ExpectedDraws>(model);
        sim.Initialise(0);
        int april2003 = Enumerable.Range(0, model.SimulationCalendar.Weeks).First(w => model.SimulationCalendar.WeekStart(w) >= new DateOnly(2003, 4, 1));
        int y1 = model.SimulationCalendar.YearIndexOfWeek(april2003);
        double Total(Func<int, int, double> places) => Enumerable.Range(0, model.AreaCount).Sum(a => Enumerable.Range(0, M).Sum(m => places(a, m)));
        double after = Total((a, m) => sim.FundedPlaces(y1, a, m)), before = double.NaN;
        for (int w = 0; w < april2003 + 52; w++)
        {
            sim.Step(w);
            if (w == april2003 - 1)
            {
                before = Total(sim.Places);
                Assert.True(after > before * 1.1, "the 2003/04 allocations raise every budget");
            }
            if (w < april2003) continue;
            int k = w - april2003 + 1;
            // Whole places: each area's total within half a place of its level, before and now.
            double expected = after - (after - before) * Math.Exp(-k / tau);
            Assert.True(Math.Abs(Total(sim.Places) - expected) <= model.AreaCount + 1e-9, $"{k} weeks after April 2003: {Total(sim.Places)} places, expected {expected:0.0}");
        }
    }

    [Fact]
    public void CapacityRandomEffect_HasMeanOne_AndTheGivenSpreadOnTheLogScale()
    {
        const double sigma = 0.3;
        var s = (ScenarioLoader.LoadDefault() with { Posterior = null }).WithParameter(ParameterId.CapacityRandomEffectSd, sigma);
        var model = FrozenModel.From(s);
        var expected = new ReplicateSimulator<ExpectedDraws>(model);
        expected.Initialise(0);
        var sim = new ReplicateSimulator<StochasticDraws>(model);
        var ratios = new List<double>();
        for (int r = 0; r < 60; r++)
        {
            sim.Initialise(r);
            for (int a = 0; a < model.AreaCount; a++)
                ratios.Add(sim.FundedPlaces(0, a, (int)Modality.SpecialistPrescribing) / expected.FundedPlaces(0, a, (int)Modality.SpecialistPrescribing));
        }
        double mean = ratios.Average(), se = Math.Sqrt(ratios.Sum(x => (x - mean) * (x - mean)) / (ratios.Count - 1) / ratios.Count);
        Assert.True(Math.Abs(mean - 1) < 4 * se, $"mean {mean:0.0000} ± {se:0.0000}");
        var logs = ratios.Select(x => Math.Log(x)).ToArray();
        double sd = Math.Sqrt(logs.Sum(x => (x - logs.Average()) * (x - logs.Average())) / (logs.Length - 1));
        // The sd of a sample sd of n normals is about sigma / sqrt(2n).
        Assert.True(Math.Abs(sd - sigma) < 4 * sigma / Math.Sqrt(2 * logs.Length), $"sd {sd:0.0000}");
    }

    [Fact]
    public void TwentyPercentMorePlacesFromApril2004_RaiseParticipation_ByAboutAFifthWhenPlacesBind()
    {
        // Places scarce (a third of the money): long lists fill every new place at once, so 2004/05 participation (caseload on
        // 1 April + starts) rises by about 20% of the places' activity: the new places' occupants plus their turnover.
        var scarce = Plain(x => x.WithParameter(ParameterId.CapacityMultiplier, 0.35));
        var more = scarce with { ParameterChanges = [new ParameterChange(ParameterId.CapacityMultiplier, new DateOnly(2004, 4, 1), 1.2, [])] };
        var a = Simulation.Run(scarce, new RunOptions { Deterministic = true });
        var b = Simulation.Run(more, new RunOptions { Deterministic = true });
        Assert.True(Year(a, Metric.Waiting, 2003) > 0.3 * Year(a, Metric.Capacity, 2003), "the lists must be long enough to fill the new places");
        double gain = Year(b, Metric.Participation, 2004) - Year(a, Metric.Participation, 2004);
        double places = Year(a, Metric.Capacity, 2004), starts = Year(a, Metric.TreatmentStarts, 2004);
        // At least the new places, filled on 1 April; at most 20% of the places and their year's starts, plus the faster
        // turnover of new entrants (within 30%).
        Assert.InRange(gain, 0.2 * places, 1.3 * 0.2 * (places + starts));
        Assert.Equal(0, Year(b, Metric.Participation, 2003) - Year(a, Metric.Participation, 2003), 1e-6);
    }
}
