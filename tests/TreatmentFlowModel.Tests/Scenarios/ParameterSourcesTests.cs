using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Scenarios;

public sealed class ParameterSourcesTests
{
    [Fact]
    public void EveryScalarParameter_CitesASourceInTheDefaultScenario()
    {
        var missing = Enum.GetValues<ParameterId>().Where(id => string.IsNullOrWhiteSpace(ParameterSources.Of(id))).Select(id => id.ToString()).ToList();
        Assert.True(missing.Count == 0, "no source comment beside: " + string.Join(", ", missing));
    }

    [Fact]
    public void Sources_AreTheCommentsBesideTheValues_AndAssumptionsAreMarked()
    {
        Assert.StartsWith("Sondhi et al. DPAS 18", ParameterSources.Of(ParameterId.AssessmentUptake));
        Assert.False(ParameterSources.IsAssumption(ParameterId.AssessmentUptake));
        Assert.True(ParameterSources.IsAssumption(ParameterId.CessationPerYear));
        Assert.True(ParameterSources.IsAssumption(ParameterId.CapacityMultiplier));
        Assert.False(ParameterSources.IsAssumption(ParameterId.TestingCostPerBcuYear));
    }

    [Fact]
    public void OnlyTheParametersSection_IsRead()
    {
        const string json = """
            { "Seed": 1, // not a parameter
              "Parameters": {
                "A": 0.5,  // assumption
                "B": { "Distribution": "Beta", "Alpha": 1, "Beta": 2 } // Smith 2001
              },
              "Rollout": { "TotalBcus": 280 } // seed 004
            }
            """;
        var sources = ParameterSources.ReadScalarSources(json);
        Assert.Equal(["A", "B"], sources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Smith 2001", sources["B"]);
    }
}
