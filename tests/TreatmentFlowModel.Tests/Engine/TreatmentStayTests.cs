using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>Treatment stays: a cohort admitted once, followed week by week through the engine's bins and quarterly cohorts.</summary>
public class TreatmentStayTests
{
    /// <summary>
    /// One DAT in which nobody else moves: no referrals, arrests, relapse or incidence, so the only changes in treatment are
    /// the followed cohort's exits. Forty years, to follow the long tail.
    /// </summary>
    private static Scenario Quiet(Func<Scenario, Scenario>? change = null)
    {
        var s = TestScenarios.Small(1) with { Areas = ["Lambeth"], Start = new DateOnly(1998, 4, 1), End = new DateOnly(2038, 3, 31) };
        foreach (var id in new[] { ParameterId.OtherReferralPerYear, ParameterId.ArrestPerYear, ParameterId.RelapsePerYear, ParameterId.IncidencePerYear, ParameterId.ThroughcareReferral, ParameterId.NonPduReferralsPerYear })
            s = s.WithParameter(id, 0);
        return change is null ? s : change(s);
    }

    /// <summary>
    /// Share of a cohort of <paramref name="modality"/> entrants (by <paramref name="route"/>) put into treatment at the end of
    /// week <paramref name="admittedWeek"/> - 1 still in treatment after each of the next <paramref name="weeks"/> weeks
    /// (element 0: 1), in the deterministic mode.
    /// </summary>
    private static double[] Follow(Scenario s, Modality modality, int admittedWeek, int weeks, TreatmentRoute route = TreatmentRoute.Other)
    {
        var sim = new ReplicateSimulator<ExpectedDraws>(FrozenModel.From(s));
        sim.Initialise(0);
        Array.Clear(sim.Treatment);
        int areaModality = AreaModality.Index(0, (int)modality);
        for (int w = 0; w < admittedWeek; w++) sim.Step(w);
        const double cohort = 1000;
        sim.Treatment[sim.TreatmentBins.Bin(areaModality, route, 0)] = cohort;
        var survival = new double[weeks + 1];
        survival[0] = 1;
        for (int k = 1; k <= weeks; k++)
        {
            sim.Step(admittedWeek + k - 1);
            double left = 0;
            foreach (double x in sim.Treatment.AsSpan(sim.TreatmentBins.Start(areaModality), sim.TreatmentBins.PerAreaModality)) left += x;
            survival[k] = left / cohort;
        }
        return survival;
    }

    private static double StillInTreatment(Scenario s, Modality modality, int admittedWeek, int weeks, TreatmentRoute route = TreatmentRoute.Other) =>
        Follow(s, modality, admittedWeek, weeks, route)[weeks];

    [Theory]
    [InlineData(Modality.SpecialistPrescribing)]
    [InlineData(Modality.GpPrescribing)]
    public void MaintenancePrescribing_HoldsAQuarterToAThirdAtTwoYears_AndAnEighthToASixthAtFour(Modality modality)
    {
        // Admitted in any week of a quarter: the cohorts' age error must not move the answer out of the band.
        foreach (int phase in new[] { 0, 6, 12 })
        {
            double twoYears = StillInTreatment(Quiet(), modality, phase, 104), fourYears = StillInTreatment(Quiet(), modality, phase, 208);
            Assert.InRange(twoYears, 0.27, 0.33);
            Assert.InRange(fourYears, 0.12, 0.18);
        }
    }

    [Fact]
    public void CohortBins_ReproduceTheRetentionCurve_WithinTheirAgeErrorOfFivePercent()
    {
        // The survival the parameters state, S(t) = product of the bands' survival (deaths aside), against the engine's cohort.
        var s = Quiet(x => x.WithParameter(ParameterId.MortalityTreatedPerYear, 0));
        var p = s.ModalityParameters[(int)Modality.SpecialistPrescribing].Select(d => d.Mean).ToArray();
        double s13 = p[(int)ModalityParameterId.Survival0To4Weeks] * p[(int)ModalityParameterId.Survival4To13Weeks];
        double s26 = s13 * p[(int)ModalityParameterId.Survival13To26Weeks], s52 = s26 * p[(int)ModalityParameterId.Survival26To52Weeks];
        double s104 = s52 * p[(int)ModalityParameterId.Survival52To104Weeks];
        Assert.Equal(s13, StillInTreatment(s, Modality.SpecialistPrescribing, 0, 13), 1e-9); // weekly bins: exact
        foreach (var (weeks, expected) in new[] { (26, s26), (52, s52), (104, s104) })
            foreach (int phase in new[] { 0, 6, 12 })
                Assert.InRange(StillInTreatment(s, Modality.SpecialistPrescribing, phase, weeks) / expected, 0.95, 1.05);
    }

    [Fact]
    public void CriminalJusticeEntrants_DropOutFaster_OnlyInTheirFirstMonths()
    {
        var s = Quiet(x => x.WithParameter(ParameterId.CjsTreatmentDropoutMultiplier, 2.0));
        double other13 = StillInTreatment(s, Modality.SpecialistPrescribing, 0, 13), cjs13 = StillInTreatment(s, Modality.SpecialistPrescribing, 0, 13, TreatmentRoute.Cjs);
        // Weeks 0-12: the drop-out hazard doubles; completion and death do not.
        var p = s.ModalityParameters[(int)Modality.SpecialistPrescribing].Select(d => d.Mean).ToArray();
        var band = new double[TreatmentLayout.Bands];
        StayModel.BandHazards(p, band);
        double death = s[ParameterId.MortalityTreatedPerYear].Mean / 52;
        double Hazard(int d, double multiplier) => death + band[TreatmentLayout.Band(d)] * (StayModel.CompletionShare(p, d) + (1 - StayModel.CompletionShare(p, d)) * multiplier);
        double expectedOther = 1, expectedCjs = 1;
        for (int d = 0; d < 13; d++) { expectedOther *= Math.Exp(-Hazard(d, 1)); expectedCjs *= Math.Exp(-Hazard(d, 2)); }
        Assert.Equal(expectedOther, other13, 1e-9);
        Assert.Equal(expectedCjs, cjs13, 1e-9);
        // After the first quarters the two cohorts leave at the same rate.
        double otherLate = StillInTreatment(s, Modality.SpecialistPrescribing, 0, 104) / StillInTreatment(s, Modality.SpecialistPrescribing, 0, 52);
        double cjsLate = StillInTreatment(s, Modality.SpecialistPrescribing, 0, 104, TreatmentRoute.Cjs) / StillInTreatment(s, Modality.SpecialistPrescribing, 0, 52, TreatmentRoute.Cjs);
        Assert.Equal(otherLate, cjsLate, 1e-9);
    }

    [Fact]
    public void ExitHazardMultiplier_ShortensStays()
    {
        var longer = Quiet(x => x.WithParameter(Modality.GpPrescribing, ModalityParameterId.ExitHazardMultiplier, Distribution.Fixed(0.7)));
        Assert.True(StillInTreatment(longer, Modality.GpPrescribing, 0, 104) > StillInTreatment(Quiet(), Modality.GpPrescribing, 0, 104) + 0.05);
    }

    [Fact]
    public void MeanStay_IsTheWeeklyCensusesAnEntrantIsCountedIn_AveragedOverTheQuarter()
    {
        // Little's law: the steady caseload of one admission a week is the expected number of weekly censuses (end-of-week counts)
        // an entrant appears in, 1 + S(1) + S(2) + ..., averaged over the week of the quarter they are admitted in.
        var s = Quiet();
        var sim = new ReplicateSimulator<ExpectedDraws>(FrozenModel.From(s));
        sim.Initialise(0);
        foreach (var modality in new[] { Modality.SpecialistPrescribing, Modality.StructuredCounselling })
        {
            double followed = 0;
            for (int week = 1; week <= TreatmentLayout.QuarterWeeks; week++) followed += Follow(s, modality, week, 2000).Sum();
            followed /= TreatmentLayout.QuarterWeeks;
            Assert.Equal(followed, sim.MeanStayWeeks[AreaModality.Index(0, (int)modality)], followed * 1e-6);
        }
    }
}
