using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>Issue 17 item 5: offending tied to state: untreated (and waiting, and after release), in treatment, on a court order; none in prison.</summary>
public class CrimeByStateTests
{
    private static double Year(EnsembleResult r, Metric metric, int startYear) =>
        r.Annual(AreaId.England, metric)[r.Calendar.YearIndex(new FinancialYear(startYear))].Mean;

    /// <summary>A deterministic replicate stepped to the first week of 2004/05: its simulator, and that week's index.</summary>
    private static (ReplicateSimulator<ExpectedDraws> Sim, FrozenModel Model) SteppedTo2004(Scenario s)
    {
        var model = FrozenModel.From(s);
        var sim = new ReplicateSimulator<ExpectedDraws>(model);
        sim.Initialise(0);
        for (int w = 0; model.SimulationCalendar.WeekStart(w) < new DateOnly(2004, 4, 5); w++) sim.Step(w);
        return (sim, model);
    }

    private static double Cell(ReplicateSimulator<ExpectedDraws> sim, int a, Metric metric) => sim.Week[SeriesRows.Cell(a, MetricCatalog.TotalSeries(metric))];

    [Fact]
    public void PeopleOnOrders_OffendAtTheOrderRate_LoweringCrimesByOrdersTimesTheRateGap()
    {
        // The same run twice but for the order rate: 2 a week (the in-treatment rate, as before issue 17) and the default 1.5.
        var asBefore = SteppedTo2004(TestScenarios.Small().WithParameter(ParameterId.CrimesPerWeekOnOrder, 2));
        var onOrders = SteppedTo2004(TestScenarios.Small());
        Assert.Equal(1.5, TestScenarios.Small()[ParameterId.CrimesPerWeekOnOrder].Mean);
        Assert.Equal(2, TestScenarios.Small()[ParameterId.CrimesPerWeekInTreatment].Mean);
        double orders = 0;
        for (int a = 0; a < onOrders.Model.AreaCount; a++)
        {
            double inForce = onOrders.Sim.OrdersDtto[a] + onOrders.Sim.OrdersDrr[a];
            orders += inForce;
            // Orders change nothing but offending, so the flows are the same; every order holder is in treatment here
            // (their orders are far fewer than the people in treatment), so each offends 0.5 a week less.
            Assert.Equal(Cell(asBefore.Sim, a, Metric.InTreatment), Cell(onOrders.Sim, a, Metric.InTreatment));
            Assert.True(inForce < Cell(onOrders.Sim, a, Metric.InTreatment));
            Assert.Equal(Cell(asBefore.Sim, a, Metric.Crimes) - 0.5 * inForce, Cell(onOrders.Sim, a, Metric.Crimes), 1e-9);
            Assert.Equal(1.5 * inForce, Cell(onOrders.Sim, a, Metric.CrimesOnOrder), 1e-9);
            Assert.Equal(Cell(asBefore.Sim, a, Metric.CrimesUntreated), Cell(onOrders.Sim, a, Metric.CrimesUntreated), 1e-9);
        }
        Assert.True(orders > 10, $"{orders} orders in force");
    }

    [Fact]
    public void CrimesByState_SumToCrimes_AndWithoutOrdersNoneAreOnOrder()
    {
        var r = Simulation.Run(TestScenarios.Small(), new RunOptions { Deterministic = true });
        foreach (int year in new[] { 2002, 2003, 2004 })
        {
            double parts = Year(r, Metric.CrimesUntreated, year) + Year(r, Metric.CrimesInTreatment, year) + Year(r, Metric.CrimesOnOrder, year);
            Assert.Equal(Year(r, Metric.Crimes, year), parts, 1e-6 * parts);
        }
        Assert.True(Year(r, Metric.CrimesOnOrder, 2003) > 0);
        var none = Simulation.Run(TestScenarios.Small().WithParameter(ParameterId.DttoPerArrest, 0), new RunOptions { Deterministic = true });
        Assert.Equal(0, Year(none, Metric.CrimesOnOrder, 2003));
    }

    [Fact]
    public void PeopleInPrison_OffendNot()
    {
        // Out of treatment means untreated or waiting (5 offences a week each, no order holder being outside treatment here);
        // the people in prison, though problem drug users, add none.
        var s = TestScenarios.Small();
        var free = SteppedTo2004(s);
        for (int a = 0; a < free.Model.AreaCount; a++)
        {
            double prison = Cell(free.Sim, a, Metric.Prison), untreated = Cell(free.Sim, a, Metric.Untreated);
            Assert.True(prison > 0);
            // crimes_untreated counts the untreated and the PDUs waiting (less order holders outside treatment), never prison.
            double waitingPdus = Cell(free.Sim, a, Metric.ProblemDrugUsers) - prison - untreated - (Cell(free.Sim, a, Metric.InTreatment) - NonPduInTreatment(free.Sim, a));
            Assert.Equal((untreated + waitingPdus) * 5, Cell(free.Sim, a, Metric.CrimesUntreated), 1e-6 * Cell(free.Sim, a, Metric.CrimesUntreated));
        }
    }

    /// <summary>People in treatment who are not problem drug users in area <paramref name="a"/>.</summary>
    private static double NonPduInTreatment(ReplicateSimulator<ExpectedDraws> sim, int a)
    {
        double sum = 0;
        for (int m = 0; m < Modalities.Count; m++)
        {
            var layout = sim.TreatmentBins;
            int start = layout.RowStart(TreatmentLayout.Row(AreaModality.Index(a, m), TreatmentRoute.NonPdu));
            for (int b = 0; b < layout.Bins; b++) sum += sim.Treatment[start + b];
        }
        return sum;
    }
}
