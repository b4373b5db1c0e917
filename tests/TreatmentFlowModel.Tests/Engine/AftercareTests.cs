using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using static TreatmentFlowModel.Tests.Runs;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>Issue 17's aftercare for prison and treatment leavers in every DAT from a national switch-on (deterministic mode: exact).</summary>
public class AftercareTests
{
    private static readonly DateOnly SwitchOn = new(2004, 4, 5);

    /// <summary>Darlington alone: no top-30 BCU, so no testing and no programme aftercare before the national switch-on.</summary>
    private static Scenario Darlington(AftercareRamp? national, double completionMultiplier = 1.5)
    {
        var s = (TestScenarios.Small() with { Areas = ["Darlington"] }).WithParameter(ParameterId.RelapsePerYear, 0.6)
            .WithParameter(ParameterId.MortalityRecoveredPerYear, 0.005).WithParameter(ParameterId.RecoveredCessationPerYear, 0.15)
            .WithParameter(ParameterId.AftercareRelapseMultiplier, 0.5).WithParameter(ParameterId.AftercareCompletionMultiplier, completionMultiplier);
        return s with { Policy = s.Policy with { AftercareNational = national } };
    }

    private static int WeekOf(EnsembleResult r, DateOnly date)
    {
        int w = 0;
        while (r.Calendar.WeekStart(w) < date) w++;
        return w;
    }

    [Fact]
    public void NationalAftercare_LowersRelapseOfTreatmentLeavers_ByItsMultiplier()
    {
        var off = Deterministic(Darlington(null, 1.0));
        var on = Deterministic(Darlington(new AftercareRamp(SwitchOn, SwitchOn), 1.0));
        int w = WeekOf(on, SwitchOn);
        var recoveredOff = off.Weekly(AreaId.England, Metric.Recovered);
        var recoveredOn = on.Weekly(AreaId.England, Metric.Recovered);
        Assert.Equal(recoveredOff[w - 1].Mean, recoveredOn[w - 1].Mean, 1e-9); // nothing changes before the switch-on
        // Hand check of the switch-on week: the recovered n of the week before leave (die, cease or relapse) with probability
        // 1 − e^−H, H the weekly hazards' sum, (0.6 + 0.005 + 0.15) / 52 without aftercare and (0.3 + 0.005 + 0.15) / 52 with
        // it (relapse halved); the completers joining are the same (completion multiplier 1 here).
        static double Stay(double relapsePerYear) => Math.Exp(-(relapsePerYear + 0.005 + 0.15) / 52);
        double n = recoveredOff[w - 1].Mean;
        Assert.True(n > 0);
        Assert.Equal(n * (Stay(0.3) - Stay(0.6)), recoveredOn[w].Mean - recoveredOff[w].Mean, 1e-6);
    }

    [Fact]
    public void NationalAftercare_TurnsDropoutsIntoCompletions_WithoutChangingExits()
    {
        // Criminal-justice entrants' drop-out multiplier at 1: otherwise moving their drop-outs to completions also lowers their
        // exit hazard (the multiplier applies to drop-out only), so exits would not be exactly the same.
        var off = Deterministic(Darlington(null).WithParameter(ParameterId.CjsTreatmentDropoutMultiplier, 1.0));
        var on = Deterministic(Darlington(new AftercareRamp(SwitchOn, SwitchOn)).WithParameter(ParameterId.CjsTreatmentDropoutMultiplier, 1.0));
        int w = WeekOf(on, SwitchOn);
        double Exits(EnsembleResult r) => r.Weekly(AreaId.England, Metric.Completions)[w].Mean + r.Weekly(AreaId.England, Metric.Dropouts)[w].Mean;
        double completionsOff = off.Weekly(AreaId.England, Metric.Completions)[w].Mean, completionsOn = on.Weekly(AreaId.England, Metric.Completions)[w].Mean;
        // The exit hazard is unchanged, so the week's exits are the same; completions are 1.5 times as many (every band's
        // completion share × 1.5 stays below 1 here: at most 0.75 × 1.5 > 1 only for detox's first weeks, capped at 1).
        Assert.Equal(Exits(off), Exits(on), 1e-6);
        Assert.InRange(completionsOn / completionsOff, 1.3, 1.5 + 1e-9);
        Assert.True(on.Annual(AreaId.England, Metric.Recovered)[on.Calendar.YearIndex(new FinancialYear(2004))].Mean
            > off.Annual(AreaId.England, Metric.Recovered)[off.Calendar.YearIndex(new FinancialYear(2004))].Mean);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NationalAftercareRamp_GivesEachAreaTheExitsItHasAlone_WhetherItsTableIsCopiedOrBuilt(bool ownMortality)
    {
        // During a ramp every area's exit table is rebuilt each week; an area whose inputs equal the area built just before
        // copies that table instead (the engine's shortcut). Deterministic runs have no random numbers, so Hartlepool's
        // exits with Darlington beside it must equal Hartlepool's alone: the copy (same inputs) and the build (its own
        // treated mortality) alike.
        var ramp = new AftercareRamp(SwitchOn, new DateOnly(2005, 4, 4));
        var pair = Darlington(ramp) with { Areas = ["Darlington", "Hartlepool"], WeeklyAreas = ["Hartlepool"] };
        if (ownMortality)
            pair = pair with { AreaOverrides = [new AreaOverride("Hartlepool", [new(ParameterId.MortalityTreatedPerYear, Distribution.Fixed(0.02))])] };
        var alone = pair with { Areas = ["Hartlepool"] };
        var withNeighbour = Deterministic(pair).Weekly(new AreaId("Hartlepool"), Metric.Completions);
        var byItself = Deterministic(alone).Weekly(AreaId.England, Metric.Completions);
        int w = WeekOf(Deterministic(alone), SwitchOn) + 26; // half-way through the ramp
        Assert.True(byItself[w].Mean > 0);
        for (int week = 0; week < byItself.Length; week++) Assert.Equal(byItself[week].Mean, withNeighbour[week].Mean, 1e-9);
    }

    [Fact]
    public void NationalAftercare_RampsCoverageBetweenItsDates_AndRefersMorePrisonLeavers()
    {
        var full = new DateOnly(2005, 4, 4);
        var off = Deterministic(Darlington(null));
        var ramp = Deterministic(Darlington(new AftercareRamp(SwitchOn, full)));
        var atOnce = Deterministic(Darlington(new AftercareRamp(SwitchOn, SwitchOn)));
        double Cjs(EnsembleResult r, int year) => r.Annual(AreaId.England, Metric.ReferralsCjs)[r.Calendar.YearIndex(new FinancialYear(year))].Mean;
        Assert.Equal(Cjs(off, 2003), Cjs(ramp, 2003), 1e-9);
        Assert.True(Cjs(off, 2004) < Cjs(ramp, 2004) && Cjs(ramp, 2004) < Cjs(atOnce, 2004), $"{Cjs(off, 2004)} < {Cjs(ramp, 2004)} < {Cjs(atOnce, 2004)}");
        Assert.Equal(0.5, new AftercareRamp(SwitchOn, full).Coverage(SwitchOn.AddDays((full.DayNumber - SwitchOn.DayNumber) / 2)), 2);
    }

    [Fact]
    public void AftercareOff_SwitchesNationalAftercareOffToo()
    {
        var national = Darlington(new AftercareRamp(SwitchOn, SwitchOn));
        var none = Deterministic(national with { Policy = national.Policy with { Aftercare = false } });
        var off = Deterministic(Darlington(null) with { Policy = Darlington(null).Policy with { Aftercare = false } });
        Assert.Equal(off.Annual(AreaId.England, Metric.Recovered)[^1].Mean, none.Annual(AreaId.England, Metric.Recovered)[^1].Mean, 1e-9);
    }
}
