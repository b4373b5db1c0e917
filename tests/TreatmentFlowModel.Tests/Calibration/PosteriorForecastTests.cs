using TreatmentFlowModel.Calibration.Abc;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Calibration;

public class PosteriorForecastTests
{
    private static PosteriorSample Sample(double[] referralRates, double[] weights, string parameter = "OtherReferralPerYear") =>
        new("test", [parameter], [.. referralRates.Select(r => System.Collections.Immutable.ImmutableArray.Create(r))], [.. weights], null);

    private static Scenario Small(int replicates) => TestScenarios.Small(replicates) with { BurnInYears = 1 };

    private static double[] Presenting(EnsembleResult run, int replicates, FinancialYear year)
    {
        int y = run.Calendar.YearIndex(year);
        return [.. Enumerable.Range(0, replicates).Select(r =>
        {
            var weekly = run.Trajectory(r, AreaId.England, Metric.Presenting);
            return Enumerable.Range(0, run.Calendar.Weeks).Where(w => run.Calendar.YearIndexOfWeek(w) == y).Sum(w => weekly[w]);
        })];
    }

    [Fact]
    public void EachReplicate_TakesTheParticleTheAbcPosteriorDrawsForIt_AndAnotherPosteriorChangesTheForecast()
    {
        const int replicates = 16;
        // Two far-apart counts of problem drug users: each replicate's count in its first week shows which one it drew.
        var sample = Sample([200_000, 400_000], [0.5, 0.5], "ProblemDrugUsers");
        var scenario = Small(replicates) with { Posterior = sample };
        var run = Simulation.Run(scenario, new RunOptions { Trajectories = replicates, Threads = 2 });
        var users = Enumerable.Range(0, replicates).Select(r => run.Trajectory(r, AreaId.England, Metric.ProblemDrugUsers)[0]).ToArray();
        var abc = new AbcPosterior(["ProblemDrugUsers"], [[200_000.0], [400_000.0]], [0.5, 0.5], [0.1, 0.1], [new Observation("x", 1, 1)], [1.0],
            [new GenerationDiagnostics(0, double.PositiveInfinity, 2, 2, 2, 2, 2)], StopReason.SimulationBudget, new AbcSmcOptions(), 2);
        double middle = (users.Min() + users.Max()) / 2;
        string table = string.Join("; ", Enumerable.Range(0, replicates).Select(r => $"{r}: particle {abc.DrawIndex(scenario.Seed, r)}, users {users[r]:N0}"));
        for (int r = 0; r < replicates; r++)
            Assert.True(abc.DrawIndex(scenario.Seed, r) == 1 == users[r] > middle, table);
        Assert.True(users.Max() > 1.7 * users.Min(), table);

        // A posterior with all its weight on a high referral rate forecasts more people presenting than one on a low rate.
        var low = Simulation.Run(scenario with { Posterior = Sample([0.25, 0.60], [1, 0]) }, new RunOptions { Trajectories = replicates });
        var high = Simulation.Run(scenario with { Posterior = Sample([0.25, 0.60], [0, 1]) }, new RunOptions { Trajectories = replicates });
        double presentingLow = Presenting(low, replicates, new FinancialYear(2003)).Average(), presentingHigh = Presenting(high, replicates, new FinancialYear(2003)).Average();
        Assert.True(presentingHigh > presentingLow * 1.1, $"{presentingLow:N0} -> {presentingHigh:N0}");
    }

    [Fact]
    public void DeterministicMode_UsesThePosteriorMean()
    {
        var withPosterior = Simulation.Run(Small(1) with { Posterior = Sample([0.30, 0.50], [0.25, 0.75]) }, new RunOptions { Deterministic = true });
        var atMean = Simulation.Run(Small(1).WithParameter(ParameterId.OtherReferralPerYear, 0.30 * 0.25 + 0.50 * 0.75), new RunOptions { Deterministic = true });
        Assert.Equal(atMean.Annual(AreaId.England, Metric.Presenting).Select(s => s.Mean), withPosterior.Annual(AreaId.England, Metric.Presenting).Select(s => s.Mean));
    }

    [Fact]
    public void ForecastFromAPosterior_IsTheSameOnOneThreadAndOnThree()
    {
        var scenario = Small(6) with { Posterior = Sample([0.3, 0.4, 0.5], [0.2, 0.3, 0.5]) };
        var one = Simulation.Run(scenario, new RunOptions { Threads = 1 });
        var three = Simulation.Run(scenario, new RunOptions { Threads = 3 });
        Assert.Equal(one.Annual(AreaId.England, Metric.Participation), three.Annual(AreaId.England, Metric.Participation));
        Assert.Equal(one.Annual(AreaId.England, Metric.Presenting), three.Annual(AreaId.England, Metric.Presenting));
    }

    [Fact]
    public void ShippedDefault_ForecastsFromTheShippedPosterior()
    {
        var scenario = ScenarioLoader.LoadDefault();
        Assert.NotNull(scenario.Posterior);
        Assert.Equal("embedded:posterior.csv", scenario.Posterior!.Source);
        Assert.Equal(12, scenario.Posterior.Names.Length);
        Assert.NotNull(scenario.Posterior.FitReportCsv);
        Assert.True(scenario.Posterior.Particles.Length >= 100);
    }
}
