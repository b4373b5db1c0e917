using TreatmentFlowModel.Calibration;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Tests.Calibration;

public class CalibrationTests
{
    private static string Spec(string free, string targets)
    {
        string path = Path.Combine(Path.GetTempPath(), $"tfm-cal-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""{ "Free": { {{free}} }, "Targets": [ {{targets}} ] }""");
        return path;
    }

    [Fact]
    public void Fit_RecoversTheParametersThatGeneratedTheTargets()
    {
        // Targets made by the model itself at known parameter values: the fit must find those values again. (Referrals, not
        // starts: when places bind, starts hardly depend on the referral rate.)
        var s = TestScenarios.Small();
        var truth = s.WithParameter(ParameterId.OtherReferralPerYear, 0.45)
            .WithParameter(ParameterId.CessationPerYear, 0.09);
        var probe = new CalibrationSpec([], [
            new("referrals", Metric.ReferralsOther, [], new FinancialYear(2003), 1, "test"),
            new("untreated", Metric.Untreated, [], new FinancialYear(2004), 1, "test")]);
        var values = Calibrator.Evaluate(truth, probe.Targets);
        var spec = new CalibrationSpec(
            [new(ParameterId.OtherReferralPerYear, 0.05, 1.5), new(ParameterId.CessationPerYear, 0.01, 0.3)],
            [new("referrals", Metric.ReferralsOther, [], new FinancialYear(2003), values[0], "test"), new("untreated", Metric.Untreated, [], new FinancialYear(2004), values[1], "test")]);
        var result = Calibrator.Fit(s, spec);
        Assert.Equal(0.45, result.Parameters[0].Fitted, 0.45 * 0.01);
        Assert.Equal(0.09, result.Parameters[1].Fitted, 0.09 * 0.01);
        Assert.All(result.Targets, t => Assert.True(Math.Abs(t.RelativeError) < 1e-4, $"{t.Target.Name}: {t.RelativeError:P3}"));
        Assert.Equal(0.45, result.Scenario.Parameters[(int)ParameterId.OtherReferralPerYear].Mean, 0.45 * 0.01);
    }

    [Fact(Skip = "issue 15: the point fit of the old model is being replaced (new mechanisms land first, hand-set central values and the ABC follow); re-enabled with the new central values")]
    public void ShippedDefault_ReproducesThePublishedFiguresWithinThreePercent()
    {
        var spec = CalibrationSpec.Load(TestPaths.At("scenarios", "calibration", "calibration.json"));
        var values = Calibrator.Evaluate(ScenarioLoader.LoadDefault(), spec.Targets);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] / spec.Targets[i].Value - 1) < 0.03, $"{spec.Targets[i].Name}: model {values[i]:N3} vs published {spec.Targets[i].Value:N3}");
    }

    [Fact]
    public void WithMean_MovesTheMeanAndKeepsTheFamily()
    {
        foreach (var d in new[] { Distribution.TriangularOf(1, 2, 6), Distribution.UniformOf(2, 4), Distribution.BetaOf(2, 6), Distribution.Fixed(3), Distribution.GammaOf(2, 3), Distribution.LogNormalOf(0.1, 0.4), Distribution.NormalOf(5, 1) })
        {
            double target = d.Kind == DistributionKind.Beta ? 0.4 : d.Mean * 1.7;
            var moved = d.WithMean(target);
            Assert.Equal(d.Kind, moved.Kind);
            Assert.Equal(target, moved.Mean, 1e-9);
        }
    }

    [Fact]
    public void BadCalibrationFile_ReportsEveryProblemWithFileKeyAndWhatIsAllowed()
    {
        string path = Spec("""
            "OtherReferalPerYear": { "Min": 0.1, "Max": 1 },
            "CessationPerYear": { "Min": 0.5, "Max": 0.2 }
            """, """
            { "Name": "x", "Metric": "treatment_start", "Year": "2000-01", "Value": -3, "Source": "s" }
            """);
        try
        {
            var e = Assert.Throws<ScenarioException>(() => CalibrationSpec.Load(path));
            Assert.Contains(e.Errors, x => x.Path == "Free.OtherReferalPerYear" && x.Message.Contains("did you mean 'OtherReferralPerYear'"));
            Assert.Contains(e.Errors, x => x.Path == "Free.CessationPerYear" && x.Message.Contains("Min must be below Max"));
            Assert.Contains(e.Errors, x => x.Path == "Targets[0].Metric" && x.Message.Contains("treatment_starts"));
            Assert.Contains(e.Errors, x => x.Path == "Targets[0].Year" && x.Message.Contains("2000/01"));
            Assert.Contains(e.Errors, x => x.Path == "Targets[0].Value" && x.Message.Contains("positive"));
            Assert.All(e.Errors, x => Assert.Equal(path, x.Source));
        }
        finally { File.Delete(path); }
    }
}
