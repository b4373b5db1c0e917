using System.Globalization;
using TreatmentFlowModel.Tests.Harness;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>
/// Issue 18, class 3, end to end: what <c>tfm validate</c> accepts about a drawn parameter, <c>tfm run</c> simulates,
/// and a value the model cannot use is refused with one line naming the key and the value (exit code 2), never
/// summarised as NaN or Infinity.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class DrawnParameterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-drawn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Stdout, string Stderr) Tfm(params string[] args) => TfmInProcess.Run(120, args);

    private string Scenario(string name, string end, string parameters)
    {
        string path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, $$"""{ "Name": "{{name}}", "Areas": ["Lambeth"], "Replicates": 3, "End": "{{end}}", "Parameters": { {{parameters}} } }""");
        return path;
    }

    /// <summary>
    /// Every number in the mean to p95 columns of annual.csv (the summaries a NaN draw would spread into); cells left
    /// empty where a measure does not apply (extra places needed before the first target year) are not numbers.
    /// </summary>
    private static IEnumerable<string> SummaryCells(string folder) =>
        File.ReadLines(Path.Combine(folder, "annual.csv")).Skip(1).SelectMany(line => line.Split(',').Skip(4)).Where(cell => cell.Length > 0);

    [Fact]
    public void GrowthNarrowedByA60YearHorizon_DrawnFromALogNormal_Validates_Runs_AndEverySummaryIsFinite()
    {
        // Over 60 years the span narrows BudgetGrowthAfter2005PerYear to well below 1 a year; this LogNormal has its mean
        // inside that range but about 12% of its mass above it. The run truncates draws to the narrowed bound (before,
        // only to the catalogue's, so validation had to refuse the family and this command exited with code 2).
        string scenario = Scenario("long-growth", "2049-03-31",
            $$"""
            "BudgetGrowthAfter2005PerYear": { "Distribution": "LogNormal", "Mu": {{Math.Log(0.05).ToString("R", CultureInfo.InvariantCulture)}}, "Sigma": 1.5 }
            """);
        var (code, _, stderr) = Tfm("validate", scenario);
        Assert.True(code == 0, stderr);
        string output = Path.Combine(_dir, "out");
        (code, _, stderr) = Tfm("run", scenario, "--out", output, "--quiet");
        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr);
        var cells = SummaryCells(output).ToList();
        Assert.NotEmpty(cells);
        Assert.All(cells, cell => Assert.True(double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x), $"'{cell}' in annual.csv"));
    }

    [Theory]
    [InlineData("file", "\"ArrestPerYear\": 1e999", "Parameters.ArrestPerYear = '1e999'")]
    [InlineData("file", "\"ArrestPerYear\": { \"Distribution\": \"Gamma\", \"Shape\": 2, \"Scale\": 1e999 }", "Parameters.ArrestPerYear.Scale = '1e999'")]
    [InlineData("--set", "Parameters.ArrestPerYear=NaN", "Parameters.ArrestPerYear = 'NaN'")]
    [InlineData("--set", "Modalities.GpPrescribing.DropoutLatePerWeek=-Infinity", "Modalities.GpPrescribing.DropoutLatePerWeek = '-Infinity'")]
    [InlineData("TFM_", "TFM_Parameters__CapacityMultiplier=Infinity", "Parameters.CapacityMultiplier = 'Infinity'")]
    public void ANonFiniteValue_ByEveryRoute_IsRefusedWithCode2_InOneLineNamingKeyAndValue_AndNothingIsWritten(string route, string value, string named)
    {
        string scenario = Scenario("nonfinite", "2004-03-31", route == "file" ? value : "");
        string output = Path.Combine(_dir, "out");
        string[] args = route == "--set" ? ["run", scenario, "--out", output, "--set", value] : ["run", scenario, "--out", output];
        string? variable = route == "TFM_" ? value.Split('=')[0] : null;
        if (variable is not null) Environment.SetEnvironmentVariable(variable, value.Split('=')[1]);
        try
        {
            var (code, stdout, stderr) = Tfm(args);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            var lines = stderr.TrimEnd().Split('\n');
            Assert.Equal(["The scenario has 1 problem:", lines[1]], lines);
            Assert.Contains($"{named}: must be a finite number (NaN and Infinity are not allowed)", lines[1]);
            Assert.False(Directory.Exists(output));
            Assert.False(Directory.Exists(output + ".partial"));
        }
        finally
        {
            if (variable is not null) Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
