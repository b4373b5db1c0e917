using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;
using static TreatmentFlowModel.Tests.Runs;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>
/// Issue 17 item 7: <c>ParameterChanges</c> on national scalars and on per-modality parameters (one modality or all),
/// checked against the exact values the engine uses from the change's week on, and never before it.
/// </summary>
public class ParameterChangeTests
{
    private static readonly DateOnly From = new(2004, 4, 5);

    private static double Year(EnsembleResult r, Metric metric, int startYear, Modality? m = null) =>
        r.Annual(AreaId.England, metric, m)[r.Calendar.YearIndex(new FinancialYear(startYear))].Mean;

    private static Scenario WithChange(Scenario s, ParameterChange change) => s with { ParameterChanges = [.. s.ParameterChanges, change] };

    private static ParameterChange Dropout(double multiplier, Modality? modality) =>
        new(0, From, multiplier, [], ModalityParameterId.DropoutMultiplier, modality);

    /// <summary>Steps a deterministic replicate to the week before <see cref="From"/> and to its week, reading the exit probabilities of both.</summary>
    private static ((double Death, double Completion, double Dropout) Before, (double Death, double Completion, double Dropout) After) ExitsAroundTheChange(
        Scenario s, Modality m, TreatmentRoute route, int bin)
    {
        var model = FrozenModel.From(s);
        var sim = new ReplicateSimulator<ExpectedDraws>(model);
        sim.Initialise(0);
        int first = 0;
        while (model.SimulationCalendar.WeekStart(first) < From) first++;
        for (int w = 0; w < first; w++) sim.Step(w);
        var before = sim.ExitProbabilities(0, (int)m, route, bin);
        sim.Step(first);
        return (before, sim.ExitProbabilities(0, (int)m, route, bin));
    }

    /// <summary>The weekly hazards behind three competing probabilities: p_i = h_i / H (1 − e^−H), so H = −ln(1 − Σp) and h_i = p_i H / Σp.</summary>
    private static (double Death, double Completion, double Dropout) Hazards((double Death, double Completion, double Dropout) p)
    {
        double any = p.Death + p.Completion + p.Dropout, total = -Math.Log(1 - any);
        return (p.Death * total / any, p.Completion * total / any, p.Dropout * total / any);
    }

    [Fact]
    public void DropoutHalved_FromItsWeek_HalvesThatModalitysDropoutHazard_AndLeavesTheRestAlone()
    {
        var s = WithChange(TestScenarios.Small(), Dropout(0.5, Modality.SpecialistPrescribing));
        var (before, after) = ExitsAroundTheChange(s, Modality.SpecialistPrescribing, TreatmentRoute.Other, 5);
        var unchanged = ExitsAroundTheChange(TestScenarios.Small(), Modality.SpecialistPrescribing, TreatmentRoute.Other, 5);
        // Before the date: exactly the probabilities of the scenario without the change.
        Assert.Equal(unchanged.Before, before);
        // From it: the drop-out hazard halves; death and completion hazards stay; the probabilities follow p_i = h_i / H (1 − e^−H).
        Assert.Equal(unchanged.Before, unchanged.After); // without it nothing moves that week, so the change alone does
        var h = Hazards(before);
        double total = h.Death + h.Completion + h.Dropout / 2, any = (1 - Math.Exp(-total)) / total;
        Assert.Equal(h.Dropout / 2 * any, after.Dropout, 1e-12);
        Assert.Equal(h.Completion * any, after.Completion, 1e-12);
        Assert.Equal(h.Death * any, after.Death, 1e-12);
        Assert.True(after.Dropout < 0.6 * before.Dropout, $"drop-out {before.Dropout} -> {after.Dropout}");
        // Another modality is untouched.
        var (gpBefore, gpAfter) = ExitsAroundTheChange(s, Modality.GpPrescribing, TreatmentRoute.Other, 5);
        Assert.Equal(gpBefore, gpAfter);
    }

    [Fact]
    public void DropoutChangeWithoutModality_ChangesEveryModality()
    {
        var s = WithChange(TestScenarios.Small(), Dropout(0.5, null));
        foreach (var m in new[] { Modality.SpecialistPrescribing, Modality.StructuredCounselling })
        {
            var (before, after) = ExitsAroundTheChange(s, m, TreatmentRoute.Other, 5);
            Assert.Equal(Hazards(before).Dropout / 2, Hazards(after).Dropout, 1e-12);
        }
    }

    [Fact]
    public void NationalScalar_CjsTreatmentDropoutMultiplierDoubled_DoublesTheCriminalJusticeRowsDropoutHazard()
    {
        var s = WithChange(TestScenarios.Small(), new ParameterChange(ParameterId.CjsTreatmentDropoutMultiplier, From, 2, []));
        var (before, after) = ExitsAroundTheChange(s, Modality.SpecialistPrescribing, TreatmentRoute.Cjs, 5);
        Assert.Equal(2 * Hazards(before).Dropout, Hazards(after).Dropout, 1e-12);
        var (other, otherAfter) = ExitsAroundTheChange(s, Modality.SpecialistPrescribing, TreatmentRoute.Other, 5);
        Assert.Equal(other, otherAfter);
    }

    [Fact]
    public void NationalScalar_TestingCostHalved_HalvesTheWeeklyTestingCostFromItsDateOnly()
    {
        var baseline = Deterministic(TestScenarios.Small());
        var changed = Deterministic(WithChange(TestScenarios.Small(), new ParameterChange(ParameterId.TestingCostPerBcuYear, From, 0.5, [])));
        var b = baseline.Weekly(AreaId.England, Metric.TestingCostGbp);
        var c = changed.Weekly(AreaId.England, Metric.TestingCostGbp);
        int checkedAfter = 0;
        for (int w = 0; w < baseline.Calendar.Weeks; w++)
        {
            bool inForce = baseline.Calendar.WeekStart(w) >= From;
            Assert.Equal(inForce ? b[w].Mean / 2 : b[w].Mean, c[w].Mean, 1e-9 * Math.Max(1, b[w].Mean));
            if (inForce && b[w].Mean > 0) checkedAfter++;
        }
        Assert.True(checkedAfter > 40, $"{checkedAfter} weeks with testing after the change");
        // Testing cost is a cost only: the flows are untouched.
        Assert.Equal(Year(baseline, Metric.TreatmentStarts, 2004), Year(changed, Metric.TreatmentStarts, 2004));
    }

    [Fact]
    public void RetentionDrive_KeepsMoreInThatModality_FromItsYearOnly()
    {
        var baseline = Deterministic(TestScenarios.Small());
        var drive = Deterministic(WithChange(TestScenarios.Small(), Dropout(0.5, Modality.SpecialistPrescribing)));
        const Modality sp = Modality.SpecialistPrescribing;
        // 2003/04 ends before 5 April 2004: identical. 2004/05: fewer drop-outs, more retained in treatment.
        Assert.Equal(Year(baseline, Metric.Dropouts, 2003, sp), Year(drive, Metric.Dropouts, 2003, sp));
        Assert.Equal(Year(baseline, Metric.InTreatment, 2003, sp), Year(drive, Metric.InTreatment, 2003, sp));
        Assert.True(Year(drive, Metric.Dropouts, 2004, sp) < 0.8 * Year(baseline, Metric.Dropouts, 2004, sp),
            $"drop-outs {Year(baseline, Metric.Dropouts, 2004, sp)} -> {Year(drive, Metric.Dropouts, 2004, sp)}");
        // Places bind in these DATs: those kept in treatment hold their places longer, so fewer start (and none fewer are in it).
        Assert.True(Year(drive, Metric.InTreatment, 2004, sp) >= Year(baseline, Metric.InTreatment, 2004, sp) - 1e-6);
        Assert.True(Year(drive, Metric.TreatmentStarts, 2004, sp) < Year(baseline, Metric.TreatmentStarts, 2004, sp),
            $"starts {Year(baseline, Metric.TreatmentStarts, 2004, sp)} -> {Year(drive, Metric.TreatmentStarts, 2004, sp)}");
    }

    [Fact]
    public void ShippedRetentionDrive_IsSpecialistPrescribingDropoutTimesPointEightFromApril2004()
    {
        var s = ScenarioLoader.Load([TestPaths.At("scenarios", "retention-drive-2004.json")], [], useEnvironment: false);
        var change = Assert.Single(s.ParameterChanges);
        Assert.Equal(ModalityParameterId.DropoutMultiplier, change.PerModality);
        Assert.Equal(Modality.SpecialistPrescribing, change.Modality);
        Assert.Equal(0.8, change.Multiplier);
        Assert.Equal(new DateOnly(2004, 4, 5), change.From);
        var model = FrozenModel.From(s);
        Assert.True(model.Changes.Of(ModalityParameterId.DropoutMultiplier, (int)Modality.GpPrescribing).IsDefault);
        Assert.False(model.Changes.Of(ModalityParameterId.DropoutMultiplier, (int)Modality.SpecialistPrescribing).IsDefault);
    }

    [Fact]
    public void CjsReferralShareDoubled_FromItsWeek_SendsTwoPOverOnePlusPOfCriminalJusticeReferrals()
    {
        const Modality sp = Modality.SpecialistPrescribing;
        var baseline = Deterministic(TestScenarios.Small());
        var changed = Deterministic(WithChange(TestScenarios.Small(), new(0, From, 2, [], ModalityParameterId.CjsReferralShare, sp)));
        int w = WeekOf(baseline, From);
        double Week(EnsembleResult r, int k, Modality? m = null) => r.Weekly(AreaId.England, Metric.ReferralsCjs, m)[k].Mean;
        // The week before: the same split. From the change's week: the same referrals (nothing upstream moved yet), and the
        // modality's share p becomes 2p / (1 + p) in every area (all three share the national mix).
        Assert.Equal(Week(baseline, w - 1, sp), Week(changed, w - 1, sp));
        double total = Week(baseline, w), p = Week(baseline, w, sp) / total;
        Assert.True(p is > 0.1 and < 0.9, $"specialist prescribing's share {p:0.000}");
        Assert.Equal(total, Week(changed, w), total * 1e-9);
        Assert.Equal(total * 2 * p / (1 + p), Week(changed, w, sp), total * 1e-9);
        // The other routes' mixes are untouched.
        Assert.Equal(baseline.Weekly(AreaId.England, Metric.ReferralsOther, sp)[w].Mean, changed.Weekly(AreaId.England, Metric.ReferralsOther, sp)[w].Mean);
    }

    [Fact]
    public void ReferralShareChange_InOneArea_MovesThatAreasMixOnly()
    {
        const Modality counselling = Modality.StructuredCounselling;
        var change = new ParameterChange(0, From, 3, ["Bristol"], ModalityParameterId.ReferralShare, counselling);
        var baseline = Deterministic(TestScenarios.Small());
        var changed = Deterministic(WithChange(TestScenarios.Small(), change));
        double AreaYear(EnsembleResult r, string area, int year) =>
            r.Annual(area, Metric.ReferralsOther, counselling)[r.Calendar.YearIndex(new FinancialYear(year))].Mean;
        Assert.Equal(AreaYear(baseline, "Bristol", 2003), AreaYear(changed, "Bristol", 2003));
        Assert.True(AreaYear(changed, "Bristol", 2004) > 2 * AreaYear(baseline, "Bristol", 2004),
            $"Bristol's counselling referrals 2004/05: {AreaYear(baseline, "Bristol", 2004):0} -> {AreaYear(changed, "Bristol", 2004):0}");
        Assert.Equal(AreaYear(baseline, "Lambeth", 2004), AreaYear(changed, "Lambeth", 2004));
    }

    [Fact]
    public void NoChanges_BuildNoTables()
    {
        var model = FrozenModel.From(TestScenarios.Small());
        Assert.False(model.Changes.AnyPerModality);
        Assert.True(model.Changes.ExitInputsMove.IsDefault);
        Assert.All(Enum.GetValues<ParameterId>(), id => Assert.True(model.Changes.Of(id).IsDefault));
    }

    [Fact]
    public void EveryNationalScalar_IsChangeableOrSaysWhyNot()
    {
        foreach (var info in ParameterCatalog.Scalars.Concat(ParameterCatalog.PerModality))
            Assert.True(info.Changeable ^ info.WhyUnchangeable is not null, info.Name);
        Assert.Contains(ParameterCatalog.Scalars, p => p.Scope == AreaScope.National && p.Changeable);
    }
}
