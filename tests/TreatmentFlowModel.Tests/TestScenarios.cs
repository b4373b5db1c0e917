using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests;

/// <summary>Small scenarios that run in well under a second.</summary>
internal static class TestScenarios
{
    private static readonly Lazy<Scenario> Default = new(ScenarioLoader.LoadDefault);

    /// <summary>
    /// Three London/Bristol DATs with top-30 BCUs, April 2002 to March 2005, 20 replicates; without the default's calibration
    /// posterior, so mechanism tests see the scenario's own parameter values (PosteriorForecastTests add one where needed).
    /// </summary>
    public static Scenario Small(int replicates = 20) => Default.Value with
    {
        Posterior = null,
        Name = "small",
        Areas = ["Lambeth", "Bristol", "Darlington"],
        Start = new DateOnly(2002, 4, 1),
        End = new DateOnly(2005, 3, 31),
        Replicates = replicates,
    };

    /// <summary>
    /// A scenario where every parameter is fixed (no uncertainty) and places are plentiful, so the model is
    /// nearly linear and the stochastic ensemble mean must converge to the deterministic run.
    /// </summary>
    public static Scenario LinearLargePopulation(int replicates)
    {
        var s = Small(replicates) with { Areas = ["Birmingham", "Manchester"] };
        for (int i = 0; i < s.Parameters.Length; i++) s = s.WithParameter((ParameterId)i, s.Parameters[i].Mean);
        for (int m = 0; m < Modalities.Count; m++)
            for (int i = 0; i < ParameterCatalog.PerModality.Count; i++)
                s = s.WithParameter((Modality)m, (ModalityParameterId)i, Distribution.Fixed(s.ModalityParameters[m][i].Mean));
        return s.WithParameter(ParameterId.CapacityMultiplier, 30.0).WithParameter(ParameterId.ProblemDrugUsers, 2_500_000)
            .WithParameter(ParameterId.CapacityRandomEffectSd, 0);
    }
}
