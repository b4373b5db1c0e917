using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Recording;

namespace TreatmentFlowModel.Tests.Engine;

public class EnsembleTests
{
    [Fact]
    public void StochasticMean_AgreesWithDeterministicMode_WithinFourStandardErrors()
    {
        // Large populations and fixed parameters: the chain-binomial mean converges to the expected-value run.
        var s = TestScenarios.LinearLargePopulation(replicates: 40);
        var stochastic = Simulation.Run(s);
        var deterministic = Simulation.Run(s, new RunOptions { Deterministic = true });
        foreach (var metric in new[] { Metric.Untreated, Metric.InTreatment, Metric.TreatmentStarts, Metric.ReferralsCjs, Metric.Arrests, Metric.Deaths, Metric.Participation })
        {
            var sto = stochastic.Annual(AreaId.England, metric);
            var det = deterministic.Annual(AreaId.England, metric);
            for (int y = 0; y < sto.Length; y++)
            {
                double se = sto[y].Sd / Math.Sqrt(sto[y].Count);
                Assert.True(Math.Abs(sto[y].Mean - det[y].Mean) <= 4 * se + 1e-6 * det[y].Mean,
                    $"{metric} year {y}: stochastic {sto[y].Mean:0.0} ± {se:0.0} vs deterministic {det[y].Mean:0.0}");
            }
        }
    }

    [Fact]
    public void SameSeed_GivesBitIdenticalOutputs_WithOneOrSeveralThreads()
    {
        var s = TestScenarios.Small(replicates: 12) with { WeeklyAreas = ["Bristol"] };
        string one = Directory.CreateTempSubdirectory("tfm-t1-").FullName, four = Directory.CreateTempSubdirectory("tfm-t4-").FullName;
        try
        {
            ResultWriter.Write(Simulation.Run(s, new RunOptions { Threads = 1 }), one, force: true);
            ResultWriter.Write(Simulation.Run(s, new RunOptions { Threads = 4 }), four, force: true);
            foreach (var file in ResultWriter.Files)
                Assert.Equal(File.ReadAllBytes(Path.Combine(one, file)), File.ReadAllBytes(Path.Combine(four, file)));
        }
        finally
        {
            Directory.Delete(one, true);
            Directory.Delete(four, true);
        }
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentResults()
    {
        var a = Simulation.Run(TestScenarios.Small(4));
        var b = Simulation.Run(TestScenarios.Small(4) with { Seed = 99 });
        Assert.NotEqual(a.Annual(AreaId.England, Metric.TreatmentStarts), b.Annual(AreaId.England, Metric.TreatmentStarts));
    }

    [Fact]
    public void ParameterDistributions_AreDrawnOncePerReplicate()
    {
        // With ProblemDrugUsers uncertain, replicates start from different populations.
        var s = TestScenarios.Small(6).WithParameter(ParameterId.ProblemDrugUsers, Distribution.UniformOf(100_000, 400_000));
        var r = Simulation.Run(s);
        var first = r.Weekly(AreaId.England, Metric.Untreated)[0];
        Assert.True(first.Sd > 0.05 * first.Mean, $"sd {first.Sd} of mean {first.Mean}");
    }

    [Fact]
    public void Summary_UsesType7Quantiles_AndSampleStandardDeviation()
    {
        double[] values = [4, 1, 3, 2, double.NaN];
        var s = Summary.Of(values, new double[5]);
        Assert.Equal(4, s.Count);
        Assert.Equal(2.5, s.Mean);
        Assert.Equal(Math.Sqrt(5.0 / 3), s.Sd, 1e-12);
        Assert.Equal(1.15, s.P05, 1e-12);
        Assert.Equal(2.5, s.P50, 1e-12);
        Assert.Equal(3.85, s.P95, 1e-12);
    }
}
