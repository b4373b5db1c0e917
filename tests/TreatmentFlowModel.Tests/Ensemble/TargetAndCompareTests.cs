using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Reporting;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Tests.Ensemble;

public class TargetAndCompareTests
{
    private const int N = 16;

    /// <summary>Three DATs from April 1998 to March 2005: the baseline year and the +55% target year.</summary>
    private static EnsembleResult RunFrom1998() => Simulation.Run(
        TestScenarios.Small(N) with { Start = new DateOnly(1998, 4, 1), End = new DateOnly(2005, 3, 31) },
        new RunOptions { Trajectories = N });

    private static double YearValue(EnsembleResult r, int replicate, Metric metric, int year)
    {
        var weekly = r.Trajectory(replicate, AreaId.England, metric);
        var weeks = Enumerable.Range(0, r.Calendar.Weeks).Where(w => r.Calendar.YearIndexOfWeek(w) == r.Calendar.YearIndex(new FinancialYear(year))).ToArray();
        return MetricCatalog.Kind(metric) == MetricKind.Flow ? weeks.Sum(w => weekly[w]) : weekly[weeks[^1]];
    }

    [Fact]
    public void ParticipationTarget_JudgesEachReplicateAgainstItsOwnBaseline()
    {
        var r = RunFrom1998();
        var row = r.Targets.Single(t => t.Target.Name == "participation_55pct" && t.Area.IsTotal);
        var baseline = Enumerable.Range(0, N).Select(i => YearValue(r, i, Metric.Participation, 1998)).ToArray();
        var value = Enumerable.Range(0, N).Select(i => YearValue(r, i, Metric.Participation, 2004)).ToArray();
        int met = Enumerable.Range(0, N).Count(i => value[i] >= 1.55 * baseline[i]);
        Assert.Equal("2004/05", row.Year.ToString());
        Assert.Equal((double)met / N, row.PMet);
        Assert.Equal(baseline.Average(), row.Baseline, 1e-3);
        Assert.Equal(1.55 * baseline.Average(), row.Threshold, 1e-3);
        Assert.Equal(value.Average(), row.Mean, 1e-3);
    }

    [Fact]
    public void RetentionTarget_IsARiseInTheShareRetainedOnTheYearBefore()
    {
        var r = RunFrom1998();
        double Share(int i, int year) => YearValue(r, i, Metric.Retained12Wk, year) / YearValue(r, i, Metric.TreatmentStarts, year);
        foreach (int year in new[] { 1999, 2003 })
        {
            var row = r.Targets.Single(t => t.Target.Name == "retention_rise" && t.Area.IsTotal && t.Year == new FinancialYear(year));
            int met = Enumerable.Range(0, N).Count(i => Share(i, year) > Share(i, year - 1));
            Assert.Equal((double)met / N, row.PMet);
            Assert.Equal(Enumerable.Range(0, N).Average(i => Share(i, year - 1)), row.Baseline, 1e-3);
        }
    }

    [Fact]
    public void WaitTargets_UseThe2002Column_Then2003OnwardsAndNothingBefore()
    {
        var r = RunFrom1998();
        var detox = r.Targets.Where(t => t.Target.Name == "max_wait_inpatient_detox" && t.Area.IsTotal).ToArray();
        Assert.Equal(["2002/03", "2003/04", "2004/05"], detox.Select(t => t.Year.ToString()));
        Assert.Equal([4.0, 2.0, 2.0], detox.Select(t => t.Threshold));
    }

    [Fact]
    public void Compare_PairsReplicates_SoIdenticalScenariosDifferByExactlyZero_AndDifferencesMatchTheMeans()
    {
        var a = TestScenarios.Small(10);
        var b = a.WithParameter(ParameterId.CapacityMultiplier, 0.5) with { Name = "half-capacity" };
        var result = Comparison.Run([a, a with { Name = "same" }, b]);
        foreach (var metric in Comparison.Headline)
        {
            Assert.All(result.Difference(1, metric), d => Assert.True(d.Count == 0 || (d.Mean == 0 && d.P05 == 0 && d.P95 == 0 && d.Sd == 0), $"{metric}: {d}"));
            var va = result.Value(0, metric);
            var vb = result.Value(2, metric);
            var diff = result.Difference(2, metric);
            for (int y = 0; y < va.Length; y++)
                if (diff[y].Count == 10) Assert.Equal(vb[y].Mean - va[y].Mean, diff[y].Mean, 1e-3 * Math.Max(1, Math.Abs(va[y].Mean)));
        }
        Assert.True(result.Difference(2, Metric.Waiting)[2].Mean > 0, "half the places must lengthen the lists");
        string csv = ComparisonReport.Csv(result);
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("scenario,area,metric,period,year,mean,p05,p50,p95,diff_mean,diff_sd,diff_p05,diff_p95", lines[0]);
        // 3 scenarios, the total and 3 DATs, 3 years; and the two cost ratios (cost per extra person, per offence averted)
        // of each scenario beside the reference, for each area and year.
        Assert.Equal(1 + 3 * 4 * Comparison.Headline.Count * 3 + 2 * 4 * 2 * 3, lines.Length);
        Assert.Equal(2 * 4 * 2 * 3, lines.Count(l => l.Contains(",cost_per_extra_person_gbp,") || l.Contains(",cost_per_offence_averted_gbp,")));
        Assert.StartsWith("small,3 DATs,participation,FY2002-03,2002,", lines[1]); // the total of a run of three DATs is never England
        Assert.EndsWith(",,,", lines[1]);
    }

    [Fact]
    public void Compare_GivesPairedDifferencesForEveryDatTheScenariosShare_AndTheyAddUpToTheTotal()
    {
        var a = TestScenarios.Small(8);
        var b = a.WithParameter(ParameterId.CapacityMultiplier, 0.5) with { Name = "half-capacity", Areas = ["Darlington", "Lambeth", "Bristol", "Manchester"] };
        var result = Comparison.Run([a, b]);
        // The DATs both simulate, in the first scenario's order; Manchester is only in the second. The scenarios cover
        // different DATs (3 and 4), so the total says neither England nor one scenario's count.
        Assert.Equal(["Total of the simulated DATs", "Lambeth", "Bristol", "Darlington"], result.Areas.Select(x => x.Name));
        for (int y = 0; y < result.Calendar.Years; y++)
        {
            double places = result.Areas.Skip(1).Sum(area => result.Value(0, Metric.Capacity, area)[y].Mean);
            Assert.Equal(result.Value(0, Metric.Capacity)[y].Mean, places, 1e-6 * places);
            foreach (var area in result.Areas.Skip(1))
            {
                var d = result.Difference(1, Metric.Capacity, area)[y];
                Assert.Equal(result.Value(1, Metric.Capacity, area)[y].Mean - result.Value(0, Metric.Capacity, area)[y].Mean, d.Mean, 1e-6 * Math.Max(1, Math.Abs(d.Mean)));
                Assert.True(d.Mean < 0, $"half the money must mean fewer places in {area}");
            }
        }
        Assert.Throws<ArgumentException>(() => result.Value(1, Metric.Capacity, "Manchester"));
    }

    [Fact]
    public void Compare_ReportsItsProgress_ReplicateByReplicate()
    {
        var seen = new List<int>();
        var a = TestScenarios.Small(5);
        Comparison.Run([a, a with { Name = "again" }], new RunOptions { Threads = 1, Progress = new Progress(seen) });
        Assert.Equal([0, 1, 2, 3, 4, 5], seen);
    }

    [Fact]
    public void CostRatios_AreGivenOnlyForAGain_NeverAsANegativeCostOverALoss()
    {
        // Half the places: fewer people in treatment and more offences, at a lower cost. Against the reference that is a
        // loss on both outcomes, so neither ratio exists; the other way round both are gains and the ratios are the cost
        // difference over the gain (negative: a saving, here there is none as more places cost more).
        var full = TestScenarios.Small(6);
        var half = full.WithParameter(ParameterId.CapacityMultiplier, 0.5) with { Name = "half-capacity" };
        var loss = Comparison.Run([full, half]);
        var gain = Comparison.Run([half, full with { Name = "full" }]);
        int y = 2;
        Assert.True(loss.Difference(1, Metric.Participation)[y].Mean <= -1 && loss.Difference(1, Metric.Crimes)[y].Mean >= 1, "half the places must lose people in treatment and add offences");
        Assert.True(double.IsNaN(loss.CostPerExtraPerson(1)[y]));
        Assert.True(double.IsNaN(loss.CostPerOffenceAverted(1)[y]));
        double cost = gain.Difference(1, Metric.ProgrammeCostGbp)[y].Mean;
        Assert.Equal(cost / gain.Difference(1, Metric.Participation)[y].Mean, gain.CostPerExtraPerson(1)[y], 1e-9);
        Assert.Equal(cost / -gain.Difference(1, Metric.Crimes)[y].Mean, gain.CostPerOffenceAverted(1)[y], 1e-9);
        Assert.True(gain.CostPerExtraPerson(1)[y] > 0);
    }

    [Fact]
    public void CompareHtml_LeadsWithThePairedDifferences_ThenTargetsDatsAndCharts()
    {
        var a = TestScenarios.Small(6);
        var result = Comparison.Run([a, a.WithParameter(ParameterId.CapacityMultiplier, 1.5) with { Name = "more-money" }]);
        string folder = Directory.CreateTempSubdirectory("tfm-compare-").FullName;
        try
        {
            ComparisonReport.Write(result, folder);
            string html = File.ReadAllText(Path.Combine(folder, "compare.html"));
            var headings = System.Text.RegularExpressions.Regex.Matches(html, "<h2 id=\"([a-z0-9-]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(["differences-1", "targets", "areas-1", "charts"], headings);
            Assert.Matches("In 2004/05, more-money has [+-]?[0-9][0-9,.]* people in treatment in the year compared with small \\(5-95% of paired runs: [+-]?[0-9,.]+ to [+-]?[0-9,.]+\\)", html);
            foreach (var metric in ComparisonReport.Charted)
            {
                string name = MetricCodebook.Of(metric).Name;
                Assert.True(File.Exists(Path.Combine(folder, "charts", $"compare_{name}.png")), name);
                Assert.True(File.Exists(Path.Combine(folder, "charts", $"compare_{name}_difference.png")), name);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Records every report, on the reporting thread.</summary>
    private sealed class Progress(List<int> seen) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (seen) seen.Add(value);
        }
    }

    [Fact]
    public void Compare_RefusesScenariosWithDifferentSeedsOrSpans()
    {
        var a = TestScenarios.Small(4);
        var e = Assert.Throws<IncomparableScenariosException>(() => Comparison.Run([a, a with { Name = "other", Seed = 7 }]));
        Assert.Equal([$"seed (7 vs {a.Seed})"], e.Differences);
        Assert.Equal("other", e.Scenario);
        Assert.DoesNotContain("--", e.Message); // the library speaks no command line
    }
}
