using System.Globalization;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;
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
    private static IEnumerable<string> SummaryCells(string folder)
    {
        var lines = File.ReadLines(Path.Combine(folder, "annual.csv")).ToList();
        // The summaries start at the mean column, after the text and key columns (period, year, area, modality, metric).
        int mean = Array.IndexOf(lines[0].Split(','), "mean");
        Assert.True(mean > 0, "annual.csv has no mean column: " + lines[0]);
        return lines.Skip(1).SelectMany(line => line.Split(',').Skip(mean)).Where(cell => cell.Length > 0);
    }

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
    [InlineData("--set", "Modalities.GpPrescribing.ExitPerWeekAfter104Weeks=-Infinity", "Modalities.GpPrescribing.ExitPerWeekAfter104Weeks = '-Infinity'")]
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

    [Fact]
    public void ANormalFarWiderThanItsRange_IsDrawnInsideIt_SoTheRunThatValidationAcceptedSucceeds()
    {
        // Normal(0.5, 10^6) for a probability: its mean is allowed, but [0, 1] holds 4 in 10^7 of its mass, so redrawing
        // until a draw fell inside gave up after 10,000 tries and 'tfm run' exited 1 with an internal error. Over so
        // narrow a range the density is flat: the draw is uniform on it.
        string scenario = Scenario("wide-normal", "2004-03-31", """
            "AssessmentUptake": { "Distribution": "Normal", "Mean": 0.5, "Sd": 1e6 }
            """);
        Assert.Equal(0, Tfm("validate", scenario).Code);
        var (code, _, stderr) = Tfm("run", scenario, "--out", Path.Combine(_dir, "out"), "--quiet");
        Assert.True(code == 0, stderr);

        var draw = new ParameterDraw(Distribution.NormalOf(0.5, 1e6), 0, 1);
        var random = new System.Random(11);
        var draws = Enumerable.Range(0, 2000).Select(_ => draw.Draw(random, expected: false)).ToList();
        Assert.All(draws, x => Assert.InRange(x, 0, 1));
        // Uniform on [0, 1]: mean 0.5, standard error 0.2887 / sqrt(2000) = 0.0065; four standard errors either side.
        Assert.InRange(draws.Average(), 0.5 - 0.026, 0.5 + 0.026);
        Assert.True(draws.Min() < 0.01 && draws.Max() > 0.99, $"draws span [{draws.Min()}, {draws.Max()}]");
    }

    [Fact]
    public void ABetaWhoseParametersSumPastTheLimit_IsRefused_AndOneAtTheLimitDrawsAroundItsMean()
    {
        // Beta(10^308, 10^308) drew 0 every time (the sum of its two Gamma draws overflows), where its mean is 0.5.
        var valid = TestScenarios.Small(2);
        var refused = valid.WithParameter(ParameterId.AssessmentUptake, Distribution.BetaOf(1e308, 1e308)).Validate();
        Assert.Equal("Beta needs Alpha + Beta <= 1E+300 (was Alpha=1E+308, Beta=1E+308): larger ones overflow when drawn", Assert.Single(refused).Message);
        Assert.NotEmpty(valid.WithParameter(ParameterId.AssessmentUptake, Distribution.BetaOf(1e300, 1e286)).Validate());
        // At the stated limit (5e299 doubled is exactly 1e300): accepted, and every draw is the mean to 12 digits (sd about 10^-150).
        var atLimit = Distribution.BetaOf(5e299, 5e299);
        Assert.Empty(valid.WithParameter(ParameterId.AssessmentUptake, atLimit).Validate());
        var random = new System.Random(5);
        Assert.All(Enumerable.Range(0, 100).Select(_ => new ParameterDraw(atLimit, 0, 1).Draw(random, expected: false)), x => Assert.Equal(0.5, x, 12));
    }

    [Fact]
    public void AGammaWithAScaleBelowTheLimit_IsRefused_AndOneAtTheLimitDrawsAroundItsMean()
    {
        // Gamma(Shape 10^300, Scale 10^-320) has mean 10^-20, but its rate 1/Scale is infinite and every draw was the
        // Shape, 10^300, clamped to the parameter's ceiling.
        var valid = TestScenarios.Small(2);
        var refused = valid.WithParameter(ParameterId.ArrestPerYear, Distribution.GammaOf(1e300, 1e-320)).Validate();
        Assert.Equal("Gamma needs Scale >= 1E-300 (was Shape=1E+300, Scale=1E-320): smaller ones overflow when drawn", Assert.Single(refused).Message);
        Assert.NotEmpty(valid.WithParameter(ParameterId.ArrestPerYear, Distribution.GammaOf(1e290, Math.BitDecrement(1e-300))).Validate());
        // At the stated limit: accepted, and the draws lie around the mean 10^-10 (relative sd 10^-145).
        var atLimit = Distribution.GammaOf(1e290, 1e-300);
        Assert.Empty(valid.WithParameter(ParameterId.ArrestPerYear, atLimit).Validate());
        var (min, max) = ParameterCatalog.Bounds(ParameterCatalog.Scalars[(int)ParameterId.ArrestPerYear]);
        var random = new System.Random(5);
        Assert.All(Enumerable.Range(0, 100).Select(_ => new ParameterDraw(atLimit, min, max).Draw(random, expected: false)), x => Assert.Equal(1e-10, x, 1e-20));
    }
}
