using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Scenarios;

public class ShippedScenarioTests
{
    private static string RepositoryRoot() => TestPaths.RepositoryRoot;

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(RepositoryRoot(), "scenarios"), "*.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedScenario_LoadsAndRunsInTheDeterministicMode(string file)
    {
        var scenario = ScenarioLoader.Load([Path.Combine(RepositoryRoot(), "scenarios", file)], [], useEnvironment: false);
        var result = Simulation.Run(scenario, new RunOptions { Deterministic = true });
        Assert.All(result.Annual(EnsembleResult.England, TreatmentFlowModel.Engine.Metric.Participation), s => Assert.True(s.Mean > 0));
    }

    [Fact]
    public void EmbeddedDefault_IsTheShippedDefaultFile()
    {
        string onDisk = File.ReadAllText(Path.Combine(RepositoryRoot(), "scenarios", "default.json"));
        Assert.Equal(onDisk, ScenarioLoader.ReadEmbedded("default.json"));
    }
}
