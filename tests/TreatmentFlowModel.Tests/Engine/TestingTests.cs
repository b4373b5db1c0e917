using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;
using Xunit;
using static TreatmentFlowModel.Tests.Runs;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>
/// Issue 17 item 3: tests per trigger arrest (testing on charge, or on arrest through a dated change), treatment starts that
/// came through testing (treatment_starts_dip), the share of tests positive, and the hindsight scenario of the Drugs Act 2005
/// (testing on arrest and required assessment from 1 December 2005), each checked by hand on Lambeth in the deterministic mode.
/// </summary>
public sealed class TestingTests
{
    private static readonly DateOnly TestingStarts = new(2003, 6, 2);

    private static Scenario Lambeth(DateOnly? end = null) =>
        (TestScenarios.Small(1) with { Areas = ["Lambeth"], End = end ?? new DateOnly(2005, 3, 31) }).WithParameter(ParameterId.CapacityRandomEffectSd, 0);

    private static double Week(EnsembleResult r, Metric metric, int week) => r.Weekly(AreaId.England, metric)[week].Mean;

    private static double Year(EnsembleResult r, Metric metric, int startYear) => r.Annual(AreaId.England, metric)[r.Calendar.YearIndex(new FinancialYear(startYear))].Mean;

    [Fact]
    public void TestsPerTriggerArrest_ScalesTheFirstWeeksTests_ToArrestsTimesCoverageTimesTestsPerArrestOverPduShare()
    {
        var s = Lambeth();
        var charge = Deterministic(s.WithParameter(ParameterId.TestsPerTriggerArrest, 0.45));
        var every = Deterministic(s.WithParameter(ParameterId.TestsPerTriggerArrest, 0.9));
        int w = WeekOf(charge, TestingStarts);
        var model = FrozenModel.From(s);
        double coverage = model.Rollout.Coverage(w + model.BurnInWeeks, 0);
        Assert.True(coverage > 0, "Lambeth tests from June 2003");
        Assert.Equal(0, Week(charge, Metric.Tests, w - 1));
        // Arrests are the same in both runs up to the first week of testing; every tested PDU brings (1 - s) / s others (s = PduShareOfTested).
        double arrests = Week(charge, Metric.Arrests, w), pduShare = s[ParameterId.PduShareOfTested].Mean;
        Assert.Equal(arrests, Week(every, Metric.Arrests, w), 1e-6);
        Assert.Equal(arrests * coverage * 0.45 / pduShare, Week(charge, Metric.Tests, w), 1e-3);
        Assert.Equal(2 * Week(charge, Metric.Tests, w), Week(every, Metric.Tests, w), 1e-3);
        Assert.True(Year(every, Metric.TreatmentStartsDip, 2004) > 1.5 * Year(charge, Metric.TreatmentStartsDip, 2004),
            $"2004/05 starts through testing: on arrest {Year(every, Metric.TreatmentStartsDip, 2004):0.0}, on charge {Year(charge, Metric.TreatmentStartsDip, 2004):0.0}");
    }

    [Fact]
    public void TreatmentStartsDip_AreEveryCriminalJusticeStart_WhenTestingIsTheOnlyCriminalJusticeRoute()
    {
        var s = Lambeth() with { Policy = Lambeth().Policy with { Aftercare = false } };
        s = s.WithParameter(ParameterId.ArrestReferralUptake, 0).WithParameter(ParameterId.DttoPerArrest, 0).WithParameter(ParameterId.ThroughcareReferral, 0);
        var r = Deterministic(s);
        double dip = Year(r, Metric.TreatmentStartsDip, 2004), cjs = Year(r, Metric.TreatmentStartsCjs, 2004);
        Assert.True(dip > 10, $"{dip:0.0} starts through testing in 2004/05");
        Assert.Equal(cjs, dip, cjs * 1e-6);
        Assert.Equal(0, Year(r, Metric.TreatmentStartsDip, 2002));
    }

    [Fact]
    public void TreatmentStartsDip_AreTheTestingRoutesShareOfCriminalJusticeStarts_WhenOtherRoutesShareTheList()
    {
        var r = Deterministic(Lambeth());
        double dip = Year(r, Metric.TreatmentStartsDip, 2004), cjs = Year(r, Metric.TreatmentStartsCjs, 2004);
        Assert.True(dip > 0 && dip < cjs, $"2004/05: {dip:0.0} through testing of {cjs:0.0} criminal-justice starts");
        // Without testing no start comes through it.
        var none = Deterministic(Lambeth() with { Rollout = Lambeth().Rollout with { Tranches = [] } });
        Assert.Equal(0, Year(none, Metric.TreatmentStartsDip, 2004));
    }

    [Fact]
    public void TestPositiveShare_IsPositivesOverTests()
    {
        var s = Lambeth();
        var r = Deterministic(s);
        double t = s[ParameterId.TestPositiveShare].Mean, q = s[ParameterId.NonPduPositiveShare].Mean, pdu = s[ParameterId.PduShareOfTested].Mean;
        // Each tested PDU positive with t, with (1 - s) / s others positive with q: share = s t + (1 - s) q.
        double expected = pdu * t + (1 - pdu) * q;
        Assert.Equal(expected, Year(r, Metric.TestPositiveShare, 2004), 1e-4);
        Assert.Equal(Year(r, Metric.PositiveTests, 2004) / Year(r, Metric.Tests, 2004), Year(r, Metric.TestPositiveShare, 2004), 1e-4);
        Assert.True(double.IsNaN(Year(r, Metric.TestPositiveShare, 2002)), "no tests before June 2003: empty");
    }

    [Fact]
    public void RankBands_PutOldhamInRanks31To100_AndRutlandsSynthesisedBcuBeyondRank100()
    {
        var s = Everywhere(["Lambeth", "Oldham", "Rutland"]);
        var model = FrozenModel.From(s);
        int w = model.BurnInWeeks + WeekOf(Deterministic(s), TestingStarts);
        Assert.Equal((0.0, 0.0), model.Rollout.RankBands(w, 0)); // Lambeth, rank 1
        Assert.Equal((1.0, 0.0), model.Rollout.RankBands(w, 1)); // Oldham, rank 31, its DAT's only BCU (seed 004)
        Assert.Equal((0.0, 1.0), model.Rollout.RankBands(w, 2)); // Rutland: no named BCU, a small synthesised one
        Assert.Equal((0.0, 0.0), model.Rollout.RankBands(w - 1, 1)); // nothing tests yet
    }

    [Fact]
    public void TestPositiveShare_FallsByRankBand_ToEachBandsPduShareTimesTPlusTheRestTimesQ()
    {
        var s = Everywhere(["Lambeth", "Oldham", "Rutland"]);
        var r = Deterministic(s);
        double t = s[ParameterId.TestPositiveShare].Mean, q = s[ParameterId.NonPduPositiveShare].Mean;
        double Positivity(ParameterId band) => s[band].Mean * t + (1 - s[band].Mean) * q;
        double Area(string dat) => r.Annual(dat, Metric.TestPositiveShare)[r.Calendar.YearIndex(new FinancialYear(2004))].Mean;
        Assert.Equal(Positivity(ParameterId.PduShareOfTested), Area("Lambeth"), 1e-4);
        Assert.Equal(Positivity(ParameterId.PduShareOfTestedRanks31To100), Area("Oldham"), 1e-4);
        Assert.Equal(Positivity(ParameterId.PduShareOfTestedBeyondRank100), Area("Rutland"), 1e-4);
        // At the defaults (issue 16-17 evidence section 3): 0.58, 0.48 and 0.40.
        Assert.Equal(0.58, Area("Lambeth"), 1e-3);
        Assert.Equal(0.48, Area("Oldham"), 1e-3);
        Assert.Equal(0.40, Area("Rutland"), 1e-3);
        // The lever: the lowest band's share moves Rutland's positivity and its tests, and nothing else.
        var changed = Deterministic(s.WithParameter(ParameterId.PduShareOfTestedBeyondRank100, 0.6));
        double Changed(string dat, Metric m) => changed.Annual(dat, m)[r.Calendar.YearIndex(new FinancialYear(2004))].Mean;
        Assert.Equal(0.58, Changed("Rutland", Metric.TestPositiveShare), 1e-3);
        double rutlandTests = r.Annual("Rutland", Metric.Tests)[r.Calendar.YearIndex(new FinancialYear(2004))].Mean;
        Assert.Equal(rutlandTests * 0.375 / 0.6, Changed("Rutland", Metric.Tests), rutlandTests * 1e-6);
        Assert.Equal(Area("Oldham"), Changed("Oldham", Metric.TestPositiveShare), 1e-12);
        Assert.Equal(Year(r, Metric.TreatmentStarts, 2004), Year(changed, Metric.TreatmentStarts, 2004), 1e-9);
    }

    [Fact]
    public void TestPositiveShare_FallsNationally_AsTestingWidensBeyondTheTop30()
    {
        var s = TestScenarios.Small(4) with { Areas = ["Lambeth", "Oldham", "Darlington", "Rutland"] };
        var top30 = s with { Rollout = s.Rollout with { Tranches = [new("top30", 1, 30, TestingStarts)] } };
        var wider = top30 with { Rollout = top30.Rollout with { Tranches = [.. top30.Rollout.Tranches, new("rest", 31, 280, new DateOnly(2004, 4, 5))] } };
        var a = Simulation.Run(top30);
        var b = Simulation.Run(wider);
        double Positivity(EnsembleResult r, int year) => Year(r, Metric.TestPositiveShare, year);
        // Before the widening both run the same draws; after it positivity falls towards the lower bands' 0.48 and 0.40.
        Assert.Equal(Positivity(a, 2003), Positivity(b, 2003), 1e-12);
        Assert.True(Positivity(b, 2004) < Positivity(a, 2004) - 0.03, $"2004/05: {Positivity(b, 2004):0.000} testing everywhere, {Positivity(a, 2004):0.000} in the top 30");
        Assert.True(Positivity(b, 2004) > 0.40, $"{Positivity(b, 2004):0.000} is a mix, above the lowest band's 0.40");
    }

    private static Scenario Everywhere(string[] dats)
    {
        var s = Lambeth() with { Areas = [.. dats] };
        return s with { Rollout = s.Rollout with { Tranches = [new("all", 1, s.Rollout.TotalBcus, TestingStarts)], Explicit = [] } };
    }

    [Fact]
    public void RequiredAssessmentScenario_TestsMoreAndStartsMoreThroughTesting_FromDecember2005()
    {
        var end = new DateOnly(2007, 3, 31);
        var baseline = Lambeth(end);
        var file = ScenarioLoader.Load([TestPaths.At("scenarios", "required-assessment-dec2005.json")], [], useEnvironment: false);
        Assert.StartsWith("HINDSIGHT", file.Description, StringComparison.Ordinal);
        var hindsight = baseline with { ParameterChanges = file.ParameterChanges };
        var a = Deterministic(baseline);
        var b = Deterministic(hindsight);
        int w = WeekOf(a, new DateOnly(2005, 12, 1));
        // Identical until the Act; in its first week tests rise by the change's multiplier, 2.11 (testing on arrest).
        Assert.Equal(Week(a, Metric.Tests, w - 1), Week(b, Metric.Tests, w - 1), 1e-9);
        Assert.Equal(2.11 * Week(a, Metric.Tests, w), Week(b, Metric.Tests, w), 1e-3);
        double dipA = Year(a, Metric.TreatmentStartsDip, 2006), dipB = Year(b, Metric.TreatmentStartsDip, 2006);
        Assert.True(dipB > 2 * dipA, $"2006/07 starts through testing: {dipB:0.0} with the Act, {dipA:0.0} without");
        Assert.Equal(Year(a, Metric.TreatmentStartsDip, 2004), Year(b, Metric.TreatmentStartsDip, 2004));
    }
}
