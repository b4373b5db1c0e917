using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>
/// Issue 17: every parameter value draws from its own random stream, so two scenarios with the same seed share every
/// parameter they have in common, whatever else one of them makes uncertain. Before, the draws were one sequence in
/// catalogue order: making RecruitableStaffPerYear uncertain (workforce-cap.json) moved every later draw (the modalities'
/// retention, posts per place, area overrides), and a lever comparison was not paired.
/// </summary>
public class ParameterStreamTests
{
    private static ReplicateSimulator<StochasticDraws> Drawn(Scenario s, int replicate)
    {
        var simulator = new ReplicateSimulator<StochasticDraws>(FrozenModel.From(s));
        simulator.Run(replicate);
        return simulator;
    }

    private static Scenario Lambeth() => TestScenarios.Small(1) with { Areas = ["Lambeth"], End = new DateOnly(2003, 3, 31) };

    [Fact]
    public void MakingOneParameterUncertain_MovesNoOtherDraw()
    {
        // Uncertain parameters after the cap in the old order too: a later scalar, a modality's retention, an area override.
        var s = Lambeth();
        var fixedCap = s with
        {
            Parameters = s.Parameters.SetItem((int)ParameterId.CrimesPerWeekOnOrder, Distribution.UniformOf(1, 3)),
            ModalityParameters = s.ModalityParameters.SetItem((int)Modality.SpecialistPrescribing,
                s.ModalityParameters[(int)Modality.SpecialistPrescribing].SetItem((int)ModalityParameterId.Survival0To4Weeks, Distribution.UniformOf(0.7, 0.9))),
            AreaOverrides = [new AreaOverride("Lambeth", [new(ParameterId.ArrestPerYear, Distribution.UniformOf(1, 2))])],
        };
        var uncertainCap = fixedCap with
        {
            Parameters = fixedCap.Parameters.SetItem((int)ParameterId.RecruitableStaffPerYear, Distribution.UniformOf(680, 1100)),
        };
        for (int replicate = 0; replicate < 5; replicate++)
        {
            var a = Drawn(fixedCap, replicate);
            var b = Drawn(uncertainCap, replicate);
            Assert.Equal(0, a.Drawn(ParameterId.RecruitableStaffPerYear, 0));
            Assert.InRange(b.Drawn(ParameterId.RecruitableStaffPerYear, 0), 680, 1100);
            foreach (var id in Enum.GetValues<ParameterId>().Where(id => id != ParameterId.RecruitableStaffPerYear))
                Assert.Equal(a.Drawn(id, 0), b.Drawn(id, 0));
            foreach (var m in Enum.GetValues<Modality>())
                foreach (var id in Enum.GetValues<ModalityParameterId>())
                    Assert.Equal(a.Drawn(m, id), b.Drawn(m, id));
        }
    }

    [Fact]
    public void UncertainParameters_StillDifferByReplicate_AndByParameter()
    {
        // Not one stream for all: two parameters with the same prior draw different values, and a replicate's differ from the next's.
        var s = Lambeth() with
        {
            Parameters = Lambeth().Parameters
                .SetItem((int)ParameterId.ArrestPerYear, Distribution.UniformOf(0, 1))
                .SetItem((int)ParameterId.CessationPerYear, Distribution.UniformOf(0, 1)),
        };
        var r0 = Drawn(s, 0);
        double arrest0 = r0.Drawn(ParameterId.ArrestPerYear, 0), cessation0 = r0.Drawn(ParameterId.CessationPerYear, 0);
        Assert.NotEqual(arrest0, cessation0);
        Assert.NotEqual(arrest0, Drawn(s, 1).Drawn(ParameterId.ArrestPerYear, 0));
    }

    [Fact]
    public void AnOverrideForAnAreaNotSimulated_MovesNoDraw()
    {
        var s = Lambeth();
        var withBristol = s with { AreaOverrides = [new AreaOverride("Bristol", [new(ParameterId.ArrestPerYear, Distribution.UniformOf(1, 2))])] };
        var a = Drawn(s, 2);
        var b = Drawn(withBristol, 2);
        foreach (var id in Enum.GetValues<ParameterId>()) Assert.Equal(a.Drawn(id, 0), b.Drawn(id, 0));
    }
}
