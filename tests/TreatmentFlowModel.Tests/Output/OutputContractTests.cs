using System.Globalization;
using System.Text.RegularExpressions;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Reporting;

namespace TreatmentFlowModel.Tests.Output;

/// <summary>A run folder and a comparison folder, written once for the class.</summary>
public sealed class OutputFolders : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-contract-").FullName;

    public OutputFolders()
    {
        var result = Simulation.Run(TestScenarios.Small(8) with { Start = new DateOnly(1998, 4, 1), WeeklyAreas = ["Lambeth"] }, new RunOptions { Trajectories = 2 });
        Run = Path.Combine(_dir, "run");
        ResultWriter.Write(result, Run);
        var a = TestScenarios.Small(6) with { Start = new DateOnly(1998, 4, 1) };
        var compared = Comparison.Run([a, a.WithParameter(ParameterId.CapacityMultiplier, 0.8) with { Name = "less" }]);
        Compare = Path.Combine(_dir, "compare");
        Directory.CreateDirectory(Compare);
        ComparisonReport.Write(compared, Compare);
    }

    /// <summary>The output folder of a run with trajectories.</summary>
    public string Run { get; }

    /// <summary>The output folder of a comparison.</summary>
    public string Compare { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

/// <summary>The output folder as Excel, R and pandas read it: precision, periods, names and the codebook.</summary>
public sealed partial class OutputContractTests(OutputFolders folders) : IClassFixture<OutputFolders>
{
    private string RunFolder() => folders.Run;

    private string CompareFolder() => folders.Compare;

    private static List<Dictionary<string, string>> Rows(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(SplitCsv(l)).ToDictionary(p => p.First, p => p.Second))];
    }

    private static string[] SplitCsv(string line) => [.. CsvCell().Matches(line + ",").Select(m => m.Groups[1].Value.Trim('"'))];

    private static int Decimals(string cell) => cell.Contains('.') ? cell.Length - cell.IndexOf('.') - 1 : 0;

    /// <summary>The precision each numeric column may use in a row: from the codebook of the folder.</summary>
    private static void AssertNoValueBeyondItsStatedPrecision(string folder)
    {
        var codebook = Rows(Path.Combine(folder, Codebook.FileName));
        var metricDecimals = codebook.Where(r => r["kind"] == "metric").ToDictionary(r => r["name"], r => int.Parse(r["decimals"], CultureInfo.InvariantCulture));
        var checkedCells = 0;
        foreach (var file in Directory.GetFiles(folder, "*.csv").Where(f => Path.GetFileName(f) != Codebook.FileName))
        {
            var columns = codebook.Where(r => r["kind"] == "column" && r["file"] == Path.GetFileName(file)).ToDictionary(r => r["name"], r => r["decimals"]);
            foreach (var row in Rows(file))
                foreach (var (column, cell) in row)
                {
                    if (cell.Length == 0 || !columns.TryGetValue(column, out var rule) || rule.Length == 0) continue;
                    int allowed = rule == "metric" ? metricDecimals[row.TryGetValue("metric", out var m) ? m : MetricOfTarget(row["target"])] : int.Parse(rule, CultureInfo.InvariantCulture);
                    Assert.True(double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"{Path.GetFileName(file)} {column}: '{cell}' is not a number");
                    Assert.DoesNotContain("E", cell, StringComparison.OrdinalIgnoreCase);
                    Assert.True(Decimals(cell) <= allowed, $"{Path.GetFileName(file)} {column} = {cell}: more than the stated {allowed} decimals");
                    checkedCells++;
                }
        }
        Assert.True(checkedCells > 1000, $"only {checkedCells} cells checked");
    }

    private static string MetricOfTarget(string target) => target.StartsWith("participation", StringComparison.Ordinal) ? "participation"
        : target.StartsWith("retention", StringComparison.Ordinal) ? "retained_share" : "p95_wait_weeks";

    [Fact]
    public void NoValueInAnyCsv_HasMoreThanItsMetricsStatedPrecision()
    {
        AssertNoValueBeyondItsStatedPrecision(RunFolder());
        AssertNoValueBeyondItsStatedPrecision(CompareFolder());
    }

    [Fact]
    public void Periods_AreTextSpreadsheetsKeep_BesideANumericYear()
    {
        string folder = RunFolder();
        foreach (var file in new[] { "annual.csv", "targets.csv", "gaps.csv" })
            Assert.All(Rows(Path.Combine(folder, file)), r =>
            {
                Assert.Matches("^FY[0-9]{4}-[0-9]{2}$", r["period"]);
                Assert.Equal(r["period"].Substring(2, 4), r["year"]);
                Assert.Equal(new FinancialYear(int.Parse(r["year"], CultureInfo.InvariantCulture)).Period, r["period"]);
            });
        Assert.All(Rows(Path.Combine(CompareFolder(), "compare.csv")), r => Assert.Equal(new FinancialYear(int.Parse(r["year"], CultureInfo.InvariantCulture)).Period, r["period"]));
    }

    [Fact]
    public void MonthsAndQuarters_AreLabelledSoNoneReadsAsAnotherKindOfPeriod_TotalsOnly_WithoutTheYearOnlyMetrics()
    {
        string folder = RunFolder();
        var monthly = Rows(Path.Combine(folder, "monthly.csv"));
        Assert.All(monthly, r =>
        {
            Assert.Matches("^[0-9]{4}-[0-9]{2}$", r["period"]);
            var first = new DateOnly(int.Parse(r["year"], CultureInfo.InvariantCulture), int.Parse(r["month"], CultureInfo.InvariantCulture), 1);
            Assert.Equal(PeriodLabels.Month(first), r["period"]);
            Assert.Equal(FinancialYear.Of(first).Period, r["financial_year"]);
            Assert.Equal("all", r["modality"]);
        });
        // 1998-04 to 2005-03, for the total and the weekly area; no region is whole in the three DATs.
        Assert.Equal(84, monthly.Select(r => r["period"]).Distinct().Count());
        Assert.Equal(["3 DATs", "Lambeth"], monthly.Select(r => r["area"]).Distinct());
        Assert.DoesNotContain(monthly, r => r["metric"] is "extra_places_needed" or "dat_mean_wait_weeks");
        var quarterly = Rows(Path.Combine(folder, "quarterly.csv"));
        Assert.All(quarterly, r =>
        {
            Assert.Matches("^[0-9]{4}Q[1-4]$", r["period"]);
            Assert.Matches("^FY[0-9]{4}-[0-9]{2}-Q[1-4]$", r["financial_quarter"]);
            var first = new DateOnly(int.Parse(r["year"], CultureInfo.InvariantCulture), 3 * int.Parse(r["quarter"], CultureInfo.InvariantCulture) - 2, 1);
            Assert.Equal(PeriodLabels.Quarter(first), r["period"]);
            Assert.Equal(PeriodLabels.FinancialQuarter(first), r["financial_quarter"]);
        });
        Assert.Equal("1998Q2", quarterly[0]["period"]);
        Assert.Equal("FY1998-99-Q1", quarterly[0]["financial_quarter"]);
        Assert.Equal(28, quarterly.Select(r => r["period"]).Distinct().Count());
    }

    [Fact]
    public void EveryMetricAndModalityName_IsSnakeCase_TheSameInEveryFile()
    {
        string folder = RunFolder();
        var metrics = Enum.GetValues<Metric>().Select(MetricCatalog.OutputName).ToHashSet();
        var modalities = Enumerable.Range(0, Modalities.Count + 1).Select(Modalities.OutputName).ToHashSet();
        foreach (var file in new[] { "weekly.csv", "annual.csv", "monthly.csv", "quarterly.csv", "trajectories.csv" })
            Assert.All(Rows(Path.Combine(folder, file)), r => Assert.Contains(r["metric"], metrics));
        foreach (var file in new[] { "weekly.csv", "annual.csv", "monthly.csv", "quarterly.csv", "gaps.csv" })
            Assert.All(Rows(Path.Combine(folder, file)), r => Assert.Contains(r["modality"], modalities));
        // compare.csv also holds the cost ratios only tfm compare makes: each has a codebook row.
        var compareOnly = MetricCodebook.Entries.Select(e => e.Name).Where(n => !metrics.Contains(n)).ToHashSet();
        Assert.Equal(["cost_per_extra_person_gbp", "cost_per_offence_averted_gbp"], compareOnly.Order());
        Assert.All(Rows(Path.Combine(CompareFolder(), "compare.csv")), r => Assert.Contains(r["metric"], metrics.Union(compareOnly)));
        // One scheme: each modality's output name is its enum name in snake_case (StructuredDayCare -> structured_day_care).
        foreach (var m in Modalities.All)
            Assert.Equal(Snake().Replace(m.ToString(), "_$1").ToLowerInvariant(), Modalities.OutputName(m));
    }

    [Fact]
    public void TheCodebook_DescribesEveryColumnOfEveryCsv_EveryMetricAndEveryTarget()
    {
        foreach (string folder in new[] { RunFolder(), CompareFolder() })
        {
            var codebook = Rows(Path.Combine(folder, Codebook.FileName));
            Assert.All(codebook, r => Assert.False(string.IsNullOrWhiteSpace(r["meaning"]), $"{r["kind"]} {r["name"]} has no meaning"));
            foreach (var file in Directory.GetFiles(folder, "*.csv").Select(Path.GetFileName).Where(f => f != Codebook.FileName))
            {
                var header = File.ReadLines(Path.Combine(folder, file!)).First().Split(',');
                Assert.Equal(header, codebook.Where(r => r["kind"] == "column" && r["file"] == file).Select(r => r["name"]));
            }
            var described = codebook.Where(r => r["kind"] == "metric").Select(r => r["name"]).ToHashSet();
            Assert.All(Enum.GetValues<Metric>(), m => Assert.Contains(MetricCatalog.OutputName(m), described));
            var targets = codebook.Where(r => r["kind"] == "target").Select(r => r["name"]).ToHashSet();
            var used = Directory.GetFiles(folder, "*targets.csv").SelectMany(f => Rows(f).Select(r => r["target"])).ToHashSet();
            Assert.NotEmpty(used);
            Assert.Subset(targets, used);
        }
    }

    [Fact]
    public void SummaryJson_UsesThePeriodLabels_AndTheStatedPrecision()
    {
        string json = File.ReadAllText(Path.Combine(RunFolder(), "summary.json"));
        Assert.Contains("\"FY2004-05\": {", json);
        Assert.DoesNotContain("2004/05", json);
        foreach (Match m in JsonNumber().Matches(json))
            Assert.True(Decimals(m.Groups[1].Value) <= 4, $"{m.Groups[1].Value} has more than four decimals");
    }

    [Theory]
    [InlineData(214.89999999999998, 1, "214.9")]
    [InlineData(187954395.21922606, 0, "187954395")]
    [InlineData(-0.004, 2, "0")]
    [InlineData(0.125, 2, "0.13")]
    [InlineData(double.NaN, 2, "")]
    public void CsvNumbers_AreRoundedToTheirDecimals_WithoutBinaryArtefacts(double x, int decimals, string cell) => Assert.Equal(cell, CsvText.Number(x, decimals));

    [GeneratedRegex("(\"[^\"]*\"|[^,]*),")]
    private static partial Regex CsvCell();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Snake();

    [GeneratedRegex(": (-?[0-9]+\\.?[0-9]*)")]
    private static partial Regex JsonNumber();
}
