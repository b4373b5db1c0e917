using TreatmentFlowModel.Calibration.Abc;

namespace TreatmentFlowModel.Tests.Calibration.Abc;

/// <summary>Issue 15 item 7a on a cheap model: posterior intervals that hold the truth, and a harness that notices when they cannot.</summary>
public class RecoveryStudyTests
{
    // Twelve truths drawn from the prior (nominal coverage is guaranteed on average over the prior: Cook, Gelman and
    // Rubin 2006), a small population and budget so the study runs in seconds.
    private static readonly Prior QueuePrior = ToyModels.QueuePrior();
    private static readonly IReadOnlyList<double[]> Truths = RecoveryStudy.TruthsFromPrior(QueuePrior, 12, seed: 7);

    private static RecoveryOptions Options => new()
    {
        Sampler = new AbcSmcOptions { PopulationSize = 200, MaximumSimulations = 4000, Scaling = DistanceScaling.PriorPredictiveMad, Seed = 3 },
        SummaryNames = ToyModels.QueueSummaries,
    };

    [Fact]
    public void CorrectSimulator_NinetyPercentIntervalsHoldTheTruthInAtLeast80PercentOfCases_AndAreFarNarrowerThanThePrior()
    {
        var result = RecoveryStudy.Run(QueuePrior, (theta, context) => ToyModels.TreatmentQueue(theta, context), Truths, Options);

        // 36 intervals at nominal 90%: were they independent, Binomial(36, 0.9) would fall below 29 (80.6%) with
        // probability about 1.3%; a non-zero ε widens ABC intervals, which only raises coverage.
        Assert.Equal(12, result.Cases.Length);
        Assert.InRange(result.Coverage, 0.80, 1.0);
        // Coverage alone is met by returning the prior: the intervals must also be much narrower than the prior's.
        var priorDraws = RecoveryStudy.TruthsFromPrior(QueuePrior, 4000, seed: 99);
        for (int p = 0; p < QueuePrior.Count; p++)
        {
            var values = priorDraws.Select(t => t[p]).Order().ToArray();
            double priorWidth = values[(int)(0.95 * values.Length)] - values[(int)(0.05 * values.Length)];
            double meanWidth = result.Cases.Average(c => c.Upper[p] - c.Lower[p]);
            Assert.True(meanWidth < 0.6 * priorWidth, $"{QueuePrior.Names[p]}: mean 90% interval width {meanWidth:G4} is not under 0.6 x the prior's {priorWidth:G4}");
        }
    }

    [Fact]
    public void WrongSimulator_HalvedExitProbability_MissesTheTruthAndTheStudySaysSo()
    {
        // The sampler's model halves every exit probability (a weekly rate read as fortnightly, say) while the data
        // come from the true one: to match the caseload the posterior puts h near twice its truth, so h's intervals
        // miss, and referrals (tied to h through the caseload λ/h) are pulled too.
        var result = RecoveryStudy.Run(QueuePrior, (theta, context) => ToyModels.TreatmentQueue(theta, context, exitScale: 0.5), Truths,
            Options with { DataSimulator = (theta, context) => ToyModels.TreatmentQueue(theta, context) });

        int exit = QueuePrior.IndexOf("exit_probability");
        Assert.InRange(result.CoverageOf(exit), 0, 0.25);
        Assert.InRange(result.Coverage, 0, 0.75);
        Assert.All(result.Cases, c => Assert.True(c.Median[exit] > c.Truth[exit], $"case {c.Index}: median {c.Median[exit]:G4} not above truth {c.Truth[exit]:G4}"));
    }

    [Fact]
    public void CoverageTable_ListsEveryCaseAndParameter_WithRoundTripNumbers()
    {
        var result = new RecoveryResult(["a", "b"], 0.9,
        [
            new RecoveryCase(0, [1.0, 0.1], [5.0], [0.5, 0.2], [1.1, 0.25], [1.5, 0.3], 100, 3, 0.5, StopReason.SimulationBudget),
            new RecoveryCase(1, [2.0, 0.4], [6.0], [1.0, 0.2], [2.2, 0.25], [3.0, 0.3], 120, 3, 0.4, StopReason.SimulationBudget),
        ]);
        Assert.Equal(1.0, result.CoverageOf(0));
        Assert.Equal(0.0, result.CoverageOf(1));
        Assert.Equal(0.5, result.Coverage);
        Assert.Equal(220, result.TotalSimulations);
        Assert.Equal("case,parameter,truth,lower,median,upper,covered\n0,a,1,0.5,1.1,1.5,true\n0,b,0.1,0.2,0.25,0.3,false\n"
            + "1,a,2,1,2.2,3,true\n1,b,0.4,0.2,0.25,0.3,false\n", result.ToCsv());
        Assert.Contains("| a | 2 / 2 | 100 % |", result.ToMarkdown());
        Assert.Contains("| all | 2 / 4 | 50 % |", result.ToMarkdown());
    }

    [Fact]
    public void Run_TruthOutsideThePriorOrOfTheWrongLength_IsRejectedWithEveryProblemListed()
    {
        var error = Assert.Throws<ArgumentException>(() => RecoveryStudy.Run(QueuePrior, (t, c) => [0], [[20, 1.5, 0.3], [20, 0.1]]));
        Assert.Contains("truth 0 lies outside the prior's support.", error.Message);
        Assert.Contains("truth 1 has 2 values; the prior has 3 parameters.", error.Message);
    }

    [Fact]
    public void Run_SummaryNamesOfTheWrongLength_AreRejectedWithBothCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => RecoveryStudy.Run(QueuePrior, (t, c) => ToyModels.TreatmentQueue(t, c), [Truths[0]],
            Options with { SummaryNames = ["referrals"] }));
        Assert.Equal("SummaryNames has 1 names; the data simulator returned 4 summaries. (Parameter 'options')", error.Message);
    }
}
