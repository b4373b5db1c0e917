using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>Start-up: a steady state at the burn-in's inputs, a burn-in that is simulated but not reported.</summary>
public class StartUpTests
{
    private const int M = Modalities.Count;

    private static double Year(EnsembleResult r, Metric metric, int startYear) => r.Annual(AreaId.England, metric)[r.Calendar.YearIndex(new FinancialYear(startYear))].Mean;

    [Fact]
    public void BurnIn_StartsFourYearsEarly_OnAWholeWeek_AndIsNotReported()
    {
        var s = TestScenarios.Small(1);
        var model = FrozenModel.From(s);
        Assert.Equal(4, s.BurnInYears);
        Assert.Equal(209, model.BurnInWeeks);
        Assert.Equal(s.Start.AddDays(-7 * 209), model.SimulationCalendar.Start);
        Assert.Equal(model.SimulationCalendar.Weeks, model.BurnInWeeks + model.Calendar.Weeks);
        var r = Simulation.Run(s, new RunOptions { Deterministic = true });
        Assert.Equal(s.Start, r.Calendar.Start);
        Assert.Equal(model.Calendar.Weeks, r.Weekly(AreaId.England, Metric.InTreatment).Length);
        // Reported week 0 is simulated week 209.
        var sim = new ReplicateSimulator<ExpectedDraws>(model);
        sim.Initialise(0);
        for (int w = 0; w <= model.BurnInWeeks; w++) sim.Step(w);
        double england = Enumerable.Range(0, model.AreaCount).Sum(a => sim.View(0).Series(a)[MetricCatalog.Total(Metric.InTreatment)]);
        Assert.Equal(england, r.Weekly(AreaId.England, Metric.InTreatment)[0].Mean, 1e-9 * england);
    }

    [Fact]
    public void InitialState_IsASteadyState_WithListsWherePlacesBind()
    {
        // Inputs held still (no budget growth, no DTTOs or testing in the burn-in): the first quarter barely moves the caseload,
        // the lists or the perceived wait, and the lists are not empty.
        var s = TestScenarios.Small(1).WithParameter(ParameterId.BudgetGrowthBefore2002PerYear, 0).WithParameter(ParameterId.MainstreamGrowthPerYear, 0)
            .WithParameter(ParameterId.NonPduReferralGrowthPerYear, 0).WithParameter(ParameterId.CapacityRandomEffectSd, 0);
        var model = FrozenModel.From(s);
        var sim = new ReplicateSimulator<ExpectedDraws>(model);
        sim.Initialise(0);
        double Sum(ReadOnlySpan<double> x) { double t = 0; foreach (double v in x) t += v; return t; }
        double treated0 = Enumerable.Range(0, model.AreaCount).Sum(a => Sum(sim.TreatmentIn(a)));
        double waiting0 = Enumerable.Range(0, model.AreaCount).Sum(a => Sum(sim.WaitingIn(a)));
        double[] perceived0 = [.. Enumerable.Range(0, model.AreaCount).Select(sim.PerceivedWait)];
        Assert.True(waiting0 > 100, $"{waiting0} waiting at the start");
        for (int w = 0; w < 13; w++) sim.Step(w);
        double treated = Enumerable.Range(0, model.AreaCount).Sum(a => Sum(sim.TreatmentIn(a)));
        double waiting = Enumerable.Range(0, model.AreaCount).Sum(a => Sum(sim.WaitingIn(a)));
        Assert.InRange(treated / treated0, 0.98, 1.02);
        Assert.InRange(waiting / waiting0, 0.85, 1.15);
        for (int a = 0; a < model.AreaCount; a++) Assert.InRange(sim.PerceivedWait(a), 0.8 * perceived0[a] - 0.5, 1.2 * perceived0[a] + 0.5);
    }

    [Fact]
    public void FirstReportedYear_IsNoWarmUp()
    {
        // The issue: participation fell from 1998/99 to 1999/00 because the initial caseload was more than demand sustained.
        var r = Simulation.Run(ScenarioLoader.LoadDefault(), new RunOptions { Deterministic = true });
        Assert.True(Year(r, Metric.Participation, 1999) > Year(r, Metric.Participation, 1998));
        Assert.InRange(Year(r, Metric.TreatmentStarts, 1999) / Year(r, Metric.TreatmentStarts, 1998), 1.0, 1.1);
        Assert.True(r.Weekly(AreaId.England, Metric.Waiting)[0].Mean > 1000, "lists are not empty in April 1998");
    }

    [Fact]
    public void NoBurnIn_StartsFromTheSteadyStateAtStart()
    {
        var s = TestScenarios.Small(1) with { BurnInYears = 0 };
        var model = FrozenModel.From(s);
        Assert.Equal(0, model.BurnInWeeks);
        Assert.Equal(model.Calendar.Weeks, model.SimulationCalendar.Weeks);
        var r = Simulation.Run(s, new RunOptions { Deterministic = true });
        Assert.True(r.Weekly(AreaId.England, Metric.Waiting)[0].Mean > 0);
    }
}
