using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Reliability;

public class NumericalGuardTests
{
    private const int M = Modalities.Count;

    [Fact]
    public void LargestAllowedPopulation_KeepsWholeCountsAndConservesPersons()
    {
        // 10^8 PDUs (the ceiling) in three DATs: counts stay exact whole numbers (doubles are exact to 2^53,
        // binomial sizes are 64-bit) and nothing overflows into the summaries.
        var s = TestScenarios.Small(2).WithParameter(ParameterId.ProblemDrugUsers, 1e8).WithParameter(ParameterId.IncidencePerYear, 1e7);
        Assert.Empty(s.Validate());
        var setup = FrozenModel.From(s);
        var sim = new ReplicateSimulator<StochasticDraws>(setup);
        sim.Run(0, week =>
        {
            for (int a = 0; a < setup.AreaCount; a++)
            {
                double alive = sim.Untreated[a] + sim.Prison[a] + sim.Recovered[a];
                foreach (double x in sim.WaitingIn(a)) alive += x;
                foreach (double x in sim.TreatmentIn(a)) alive += x;
                Assert.Equal(sim.Entered[a] + sim.NonPduEntered[a], alive + sim.Dead[a] + sim.Ceased[a] + sim.NonPduLeft[a]);
                Assert.Equal(Math.Floor(sim.Untreated[a]), sim.Untreated[a]);
            }
        });
        var result = Simulation.Run(s);
        var need = setup.Need.Shares(s[ParameterId.NeedIndexSteps].Mean);
        double expected = 1e8 * Enumerable.Range(0, setup.AreaCount).Sum(a => need[setup.TableIndex(a)]);
        Assert.InRange(result.Annual(AreaId.England, Metric.Untreated)[0].Mean, 0.5 * expected, 1.2 * expected); // a year's incidence added
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData("per modality")]
    [InlineData("area override")]
    public void ADrawThatIsNotFinite_StopsTheReplicate_NamingTheParameterAndTheReplicate(string where)
    {
        // Validation refuses such values; built past it, the engine's once-per-replicate check is the last line.
        var valid = TestScenarios.Small(2);
        var s = where switch
        {
            "scalar" => valid.WithParameter(ParameterId.ArrestPerYear, double.NaN),
            "per modality" => valid.WithParameter(Modality.GpPrescribing, ModalityParameterId.ExitPerWeekAfter104Weeks, Distribution.Fixed(double.PositiveInfinity)),
            _ => valid with { AreaOverrides = [new AreaOverride(FrozenModel.From(valid).AreaNames[0], [new(ParameterId.CapacityMultiplier, Distribution.Fixed(double.NaN))])] },
        };
        Assert.NotEmpty(s.Validate());
        var sim = new ReplicateSimulator<StochasticDraws>(FrozenModel.From(s));
        var e = Assert.Throws<InvalidOperationException>(() => sim.Run(3, _ => { }));
        string parameter = where switch
        {
            "scalar" => "ArrestPerYear = NaN",
            "per modality" => "GpPrescribing.ExitPerWeekAfter104Weeks = Infinity",
            _ => $"CapacityMultiplier in {FrozenModel.From(valid).AreaNames[0]} = NaN",
        };
        Assert.StartsWith($"replicate 3 drew {parameter} from ", e.Message);
        Assert.EndsWith("every drawn parameter must be finite, so validation should have refused this scenario (a bug)", e.Message);
        // One line: tfm prints it as "tfm: internal error (...)" with exit code 1, and asks once for a report.
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("report", e.Message, StringComparison.OrdinalIgnoreCase);
        // The valid scenario runs the same replicate.
        new ReplicateSimulator<StochasticDraws>(FrozenModel.From(valid)).Run(3, _ => { });
    }

    [Fact]
    public void ValuesAboveTheCeiling_AreRejectedNotClampedSilently()
    {
        var e = Assert.Throws<ScenarioException>(() => TestScenarios.Small().WithParameter(ParameterId.ProblemDrugUsers, 2e8).EnsureValid());
        Assert.Contains("a number from 0 to 100,000,000 (persons)", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-9)]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void OneHazard_BecomesTheWeeklyProbability_OneMinusExpMinusRate(double h)
    {
        Hazards.Competing(h, 0, 0, out double p, out double p2, out double p3);
        Assert.Equal(h < 1e-5 ? h - h * h / 2 : 1 - Math.Exp(-h), p, 1e-15 + 1e-12 * p);
        Assert.Equal(0, p2);
        Assert.Equal(0, p3);
    }

    [Fact]
    public void CompetingHazards_ShareTheProbabilityOfAnyEventInProportion()
    {
        double h1 = 0.02, h2 = 0.3, h3 = 0.001, total = h1 + h2 + h3;
        Hazards.Competing(h1, h2, h3, out double p1, out double p2, out double p3);
        Assert.Equal(1 - Math.Exp(-total), p1 + p2 + p3, 1e-15);
        Assert.Equal(h1 / h2, p1 / p2, 1e-12);
        Assert.Equal(h3 / h2, p3 / p2, 1e-12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    [InlineData(0.999)]
    public void WeeklyProbability_AndHazard_AreInverses(double p)
    {
        double h = Hazards.Hazard(p);
        Hazards.Competing(h, 0, 0, out double back, out _, out _);
        Assert.Equal(p, back, 1e-12);
    }

    [Fact]
    public void ProbabilityPushedAboveOneByAChange_IsCappedAtOne_TheOnlyPlaceTheModelClamps()
    {
        // ParameterChanges multiply a share; the model defines a share above 1 as certainty. Everyone tested is positive.
        var s = TestScenarios.Small(1) with
        {
            ParameterChanges = [new ParameterChange(ParameterId.TestPositiveShare, new DateOnly(2002, 4, 1), 5.0, [])],
        };
        s = s.WithParameter(ParameterId.NonPduPositiveShare, 0.0);
        var r = Simulation.Run(s, new RunOptions { Deterministic = true });
        var tests = r.Annual(AreaId.England, Metric.Tests);
        var positive = r.Annual(AreaId.England, Metric.PositiveTests);
        var pduShare = s.Parameters[(int)ParameterId.PduShareOfTested].Mean;
        for (int y = 1; y < tests.Length; y++)
            Assert.Equal(tests[y].Mean * pduShare, positive[y].Mean, 1e-6 * tests[y].Mean + 1e-9);
    }
}
