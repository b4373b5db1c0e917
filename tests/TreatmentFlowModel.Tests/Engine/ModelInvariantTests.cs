using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Engine;

public class ModelInvariantTests
{
    private const int M = Modalities.Count;

    private static double Alive<T>(ReplicateSimulator<T> sim, int a) where T : struct, IDraws
    {
        double waiting = 0, treated = 0;
        foreach (double x in sim.WaitingIn(a)) waiting += x;
        foreach (double x in sim.TreatmentIn(a)) treated += x;
        return sim.Untreated[a] + sim.Prison[a] + sim.Recovered[a] + waiting + treated;
    }

    [Fact]
    public void EveryReplicateWeek_CountsAreWholeAndNonNegative_AndPersonsAreConserved()
    {
        var scenario = TestScenarios.Small().WithParameter(ParameterId.CapacityMultiplier, 0.6); // scarce places: lists form
        var setup = FrozenModel.From(scenario);
        var sim = new ReplicateSimulator<StochasticDraws>(setup);
        for (int r = 0; r < 5; r++)
            sim.Run(r, week =>
            {
                foreach (var stock in new[] { sim.Untreated, sim.Prison, sim.Recovered, sim.Dead, sim.Ceased, sim.Waiting, sim.Treatment })
                    foreach (double x in stock)
                        Assert.True(x >= 0 && x == Math.Floor(x), $"replicate {r} week {week}: count {x}");
                for (int a = 0; a < setup.AreaCount; a++)
                    Assert.Equal(sim.Entered[a] + sim.NonPduEntered[a], Alive(sim, a) + sim.Dead[a] + sim.Ceased[a] + sim.NonPduLeft[a]);
            });
    }

    [Fact]
    public void DeterministicMode_ConservesPersonsToRoundingError()
    {
        var setup = FrozenModel.From(TestScenarios.Small());
        var sim = new ReplicateSimulator<ExpectedDraws>(setup);
        sim.Run(0, week =>
        {
            for (int a = 0; a < setup.AreaCount; a++)
                Assert.Equal(sim.Entered[a] + sim.NonPduEntered[a], Alive(sim, a) + sim.Dead[a] + sim.Ceased[a] + sim.NonPduLeft[a], sim.Entered[a] * 1e-9);
        });
    }

    [Fact]
    public void Admissions_NeverFillMorePlacesThanFunded()
    {
        // Places only grow over the run here, so the caseload can never exceed them once admissions start.
        var scenario = TestScenarios.Small().WithParameter(ParameterId.CapacityMultiplier, 0.5);
        var setup = FrozenModel.From(scenario);
        var sim = new ReplicateSimulator<StochasticDraws>(setup);
        sim.Run(1, week =>
        {
            for (int a = 0; a < setup.AreaCount; a++)
                for (int m = 0; m < M; m++)
                {
                    double starts = sim.View(week).Series(a)[MetricCatalog.Series(Metric.TreatmentStarts, m)];
                    double inTreatment = sim.View(week).Series(a)[MetricCatalog.Series(Metric.InTreatment, m)];
                    if (starts > 0) Assert.True(inTreatment <= sim.Places(a, m) + 1e-9, $"week {week} area {a} modality {m}: {inTreatment} in {sim.Places(a, m)} places");
                }
        });
    }
}
