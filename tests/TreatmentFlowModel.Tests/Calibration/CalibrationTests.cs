using TreatmentFlowModel.Calibration;
using TreatmentFlowModel.Calibration.Abc;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Calibration;

public class CalibrationTests
{
    /// <summary>A small spec over three DATs: a value, a ratio, a modality block and a check.</summary>
    internal const string TinySpec = """
        {
          "Parameters": {
            "OtherReferralPerYear": { "Prior": "Uniform", "Lower": 0.25, "Upper": 0.6, "Source": "test" },
            "SpecialistPrescribing.ExitHazardMultiplier": { "Prior": "LogNormal", "Median": 1, "Factor90": 1.4, "Source": "test" }
          },
          "Observations": [
            { "Name": "presenting 2000/01", "Metric": "presenting", "Year": "2000/01", "Scale": "Log", "Value": 1500, "Bias": 1.05, "Sd": 0.1, "Dated": "2000/01", "Source": "test" },
            { "Name": "growth 2001/02", "Metric": "presenting", "Year": "2001/02", "Per": [ { "Metric": "presenting", "Year": "2000/01" } ], "Scale": "Log", "Value": 1.075, "Sd": 0.04, "Dated": "2001/02", "Source": "test" },
            { "Name": "longest Dec 2001", "Metric": "longest_wait_weeks", "Date": "2001-12-03", "Scale": "Log", "Values": [12, 14, 5, 7, 6, 9], "Sd": 0.35, "Dated": "2001/02", "Source": "test" },
            { "Name": "DTTO Apr-Oct 2002", "Metric": "dtto_orders", "From": "2002-04-01", "To": "2002-10-31", "Scale": "Log", "Value": 50, "Sd": 0.15, "CheckOnly": true, "Source": "test" }
          ]
        }
        """;

    /// <summary>Three DATs from April 1998 with a one-year burn-in: a fit-horizon replicate in a fraction of a second.</summary>
    internal static Scenario Tiny() => TestScenarios.Small() with { Start = new DateOnly(1998, 4, 1), BurnInYears = 1 };

    [Fact]
    public void ShippedSpec_LoadsTwelveParametersWithSources_AndSplitsAt2000_01AsTheEvidenceSays()
    {
        var spec = CalibrationSpec.Load(TestPaths.At("scenarios", "calibration", "spec.json"));
        Assert.Equal(12, spec.Parameters.Length);
        Assert.All(spec.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
        Assert.All(spec.Observations, o => Assert.False(string.IsNullOrWhiteSpace(o.Source)));
        var split = spec.Observations.Where(o => !o.CheckOnly).ToLookup(o => o.IsFitted(new FinancialYear(2000)), o => o.Name.Split(' ')[0]);
        // Issue 15 evidence 1c: calibrate to T1, T3, T4, T7, T13, T15, T16 (and prevalence); predict T2, T5, T6, T12.
        Assert.Equal(["P1", "T1", "T13", "T15", "T16", "T3", "T4", "T7"], split[true].Order(StringComparer.Ordinal));
        Assert.Equal(["T12", "T2", "T5", "T6"], split[false].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BadSpec_ReportsEveryProblemWithFileKeyValueAndWhatIsAllowed()
    {
        const string text = """
            {
              "Parameters": {
                "OtherReferalPerYear": { "Prior": "Uniform", "Lower": 0.1, "Upper": 1, "Source": "s" },
                "CessationPerYear": { "Prior": "Uniform", "Lower": 0.5, "Upper": 0.2, "Source": "s" },
                "StructuredShareOfSpend": { "Prior": "LogNormal", "Median": 0.6, "Factor90": 1.3, "Source": "s" },
                "Detox.ExitHazardMultiplier": { "Prior": "Uniform", "Lower": 0.5, "Upper": 2, "Source": "s" }
              },
              "Observations": [
                { "Name": "x", "Metric": "treatment_start", "Year": "2000-01", "Scale": "Log", "Value": -3, "Sd": 0.1, "Source": "s" },
                { "Name": "y", "Metric": "presenting", "Year": "2000/01", "Date": "2001-12-03", "Scale": "Square", "Values": [1, 2], "Sd": 0, "Source": "s", "Colour": "red" }
              ]
            }
            """;
        var e = Assert.Throws<ScenarioException>(() => CalibrationSpec.Parse(text, "bad.json"));
        Assert.All(e.Errors, x => Assert.Equal("bad.json", x.Source));
        Assert.Contains(e.Errors, x => x.Path == "Parameters.OtherReferalPerYear" && x.Message.Contains("did you mean 'OtherReferralPerYear'"));
        Assert.Contains(e.Errors, x => x.Path == "Parameters.CessationPerYear" && x.Value == "0.5..0.2" && x.Message.Contains("Lower must be below Upper"));
        Assert.Contains(e.Errors, x => x.Path == "Parameters.StructuredShareOfSpend" && x.Message.Contains("use Uniform or Normal"));
        Assert.Contains(e.Errors, x => x.Path == "Parameters.Detox.ExitHazardMultiplier" && x.Value == "Detox" && x.Message.Contains("InpatientDetox"));
        Assert.Contains(e.Errors, x => x.Path == "Observations[0] (x).Metric" && x.Value == "treatment_start" && x.Message.Contains("treatment_starts"));
        Assert.Contains(e.Errors, x => x.Path == "Observations[0] (x).Year" && x.Value == "2000-01" && x.Message.Contains("2000/01"));
        Assert.Contains(e.Errors, x => x.Path == "Observations[0] (x).Value" && x.Message.Contains("must be > 0"));
        Assert.Contains(e.Errors, x => x.Path == "Observations[1] (y)" && x.Message.Contains("exactly one of Year"));
        Assert.Contains(e.Errors, x => x.Path == "Observations[1] (y).Scale" && x.Value == "Square" && x.Message.Contains("Log or Linear"));
        Assert.Contains(e.Errors, x => x.Path == "Observations[1] (y).Values" && x.Message.Contains("six numbers"));
        Assert.Contains(e.Errors, x => x.Path == "Observations[1] (y).Sd" && x.Message.Contains("positive"));
        Assert.Contains(e.Errors, x => x.Path == "Observations[1].Colour" && x.Message.Contains("unknown key"));
    }

    [Fact]
    public void Spec_ThatIsNotJson_NamesTheFileAndLine()
    {
        var e = Assert.Throws<ScenarioException>(() => CalibrationSpec.Parse("{\n \"Parameters\": {,\n}", "broken.json"));
        Assert.Equal("broken.json", Assert.Single(e.Errors).Source);
        Assert.StartsWith("line 2", e.Errors[0].Path);
    }

    [Fact]
    public void Summaries_AreABlockMeanAtFullWeightAndDeviationsAtHalfWeight_FittedFirst()
    {
        var model = new CalibrationModel(Tiny(), CalibrationSpec.Parse(TinySpec, "tiny"), new FinancialYear(2000));
        Assert.Equal(new DateOnly(2003, 3, 31), model.Horizon.End);
        Assert.Equal(1, model.FittedCount); // only presenting 2000/01 is dated up to 2000/01
        Assert.Equal(["presenting 2000/01", "growth 2001/02", "longest Dec 2001 mean", "longest Dec 2001 inpatient_detox"], model.Summaries.Take(4).Select(s => s.Abc.Name));
        var mean = model.Summaries.Single(s => s.Kind == SummaryKind.BlockMean);
        double[] logs = [.. new[] { 12.0, 14, 5, 7, 6, 9 }.Select(x => Math.Log(x))];
        Assert.Equal(logs.Average(), mean.Abc.Value, 12);
        Assert.Equal(0.35, mean.Abc.Uncertainty, 12);
        var detox = model.Summaries.Single(s => s.Kind == SummaryKind.BlockDeviation && s.Modality == Modality.InpatientDetox);
        Assert.Equal(logs[0] - logs.Average(), detox.Abc.Value, 12);
        Assert.Equal(0.35 * Math.Sqrt(2), detox.Abc.Uncertainty, 12);
        Assert.Equal(Math.Log(1500 * 1.05), model.Summaries[0].Abc.Value, 12);
    }

    [Fact]
    public void Simulator_IsDeterministicInThetaSeedAndReplicate_AndThetaMovesTheSummaries()
    {
        var model = new CalibrationModel(Tiny(), CalibrationSpec.Parse(TinySpec, "tiny"));
        var context = new SimulationContext(SimulationPurpose.Calibration, 1, 3, 42UL, 3, CancellationToken.None);
        double[] theta = [0.3, 1.0];
        var a = model.AllSimulator(theta, context);
        var b = model.AllSimulator([.. theta], context);
        Assert.Equal(a, b);
        Assert.Equal(model.Summaries.Length, a.Length);
        Assert.All(a, x => Assert.True(double.IsFinite(x)));
        Assert.Equal(a.Take(model.FittedCount), model.FitSimulator(theta, context));
        Assert.NotEqual(a, model.AllSimulator(theta, context with { NoiseReplicate = 4 }));
        // Twice the referral rate at zero wait: more people come forward (log presenting rises by far more than its noise).
        var more = model.AllSimulator([0.6, 1.0], context);
        Assert.True(more[0] > a[0] + 0.2, $"log presenting {a[0]:F3} -> {more[0]:F3}");
    }
}
