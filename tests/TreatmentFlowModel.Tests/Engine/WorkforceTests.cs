using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;
using Xunit;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>
/// Issue 17 item 1: recruitment lags counted from the notification of a year's allocation, England's cap on recruitable
/// staff, and the outputs staff_needed and places_lost_to_lags, each checked against a hand calculation on one DAT in the
/// deterministic mode.
/// </summary>
public sealed class WorkforceTests
{
    private const int M = Modalities.Count;
    private const double NeedSteps = 4;

    /// <summary>Lambeth alone, no capacity effect, the need index fixed (so its share of a national cap is known).</summary>
    private static Scenario OneDat(double lagWeeks, double leadWeeks = 0, double cap = 0) =>
        (TestScenarios.Small(1) with { Areas = ["Lambeth"] })
        .WithParameter(ParameterId.CapacityRandomEffectSd, 0)
        .WithParameter(ParameterId.NeedIndexSteps, NeedSteps)
        .WithParameter(ParameterId.RecruitmentLagWeeks, lagWeeks)
        .WithParameter(ParameterId.RecruitmentNotificationLeadWeeks, leadWeeks)
        .WithParameter(ParameterId.RecruitableStaffPerYear, cap);

    /// <summary>What one deterministic run of <paramref name="s"/> gives for the financial year 2003/04.</summary>
    private sealed record Year2003(double[] FundedBefore, double[] Funded, double[] RecruitedAtEndOfMarch, double[] RecruitedBeforeLead,
        double[] LostByWeek, double PlacesLostBeforeApril, double StaffNeeded, double MeanStaff, int Weeks, double MaxOpenBeforeApril, double NeedShare)
    {
        /// <summary>The year's places_lost_to_lags.</summary>
        public double PlacesLost => LostByWeek.Sum();

        /// <summary>places_lost_to_lags summed over the year's first <paramref name="weeks"/> weeks.</summary>
        public double LostInFirst(int weeks) => LostByWeek.Take(weeks).Sum();
    }

    private static Year2003 Run(Scenario s, int leadWeeks = 0)
    {
        var model = FrozenModel.From(s);
        var cal = model.SimulationCalendar;
        var sim = new ReplicateSimulator<ExpectedDraws>(model);
        sim.Initialise(0);
        int first = Enumerable.Range(0, cal.Weeks).First(w => cal.Year(cal.YearIndexOfWeek(w)) == new FinancialYear(2003));
        int y = cal.YearIndexOfWeek(first), last = first;
        while (!cal.IsLastWeekOfYear(last)) last++;
        var funded = Enumerable.Range(0, M).Select(m => sim.FundedPlaces(y, 0, m)).ToArray();
        var fundedBefore = Enumerable.Range(0, M).Select(m => sim.FundedPlaces(y - 1, 0, m)).ToArray();
        var atMarch = new double[M];
        var beforeLead = new double[M];
        var lost = new double[last - first + 1];
        double lostBefore = 0, staff = 0, meanStaff = 0, maxOpen = 0;
        int lostCell = SeriesRows.Cell(0, MetricCatalog.Total(Metric.PlacesLostToLags)), staffCell = SeriesRows.Cell(0, MetricCatalog.Total(Metric.StaffNeeded));
        for (int w = 0; w <= last; w++)
        {
            sim.Step(w);
            if (w == first - leadWeeks - 1) for (int m = 0; m < M; m++) beforeLead[m] = sim.RecruitedPlaces(0, m);
            if (w == first - 1) for (int m = 0; m < M; m++) atMarch[m] = sim.RecruitedPlaces(0, m);
            if (w >= first - leadWeeks && w < first)
            {
                lostBefore += sim.Week[lostCell];
                for (int m = 0; m < M; m++) maxOpen = Math.Max(maxOpen, sim.OpenPlaces(0, m) / fundedBefore[m]);
            }
            if (w < first) continue;
            lost[w - first] = sim.Week[lostCell];
            staff += sim.Week[staffCell];
            meanStaff += Enumerable.Range(0, M).Sum(m => sim.Places(0, m) * s[(Modality)m, ModalityParameterId.PostsPerPlace].Mean) / (last - first + 1);
        }
        double need = model.Need.Shares(NeedSteps)[model.TableIndex(0)];
        return new Year2003(fundedBefore, funded, atMarch, beforeLead, lost, lostBefore, staff, meanStaff, last - first + 1, maxOpen, need);
    }

    /// <summary>Σ_{k=1..n} q^k = q (1 − q^n) / (1 − q): the gap left after each of a year's weekly steps, in units of the first gap.</summary>
    private static double GeometricSum(double q, int n) => q * (1 - Math.Pow(q, n)) / (1 - q);

    [Fact]
    public void PlacesLostToLags_AreTheYearsExponentialApproach_SummedOverItsWeeks()
    {
        const double tau = 13;
        var r = Run(OneDat(tau));
        double q = Math.Exp(-1 / tau);
        // The gap to 2003/04's funding left at the end of March closes by 1 - q a week: after week k of the year G q^k is unstaffed.
        double expected = Enumerable.Range(0, M).Sum(m => Math.Max(0, r.Funded[m] - r.RecruitedAtEndOfMarch[m])) * GeometricSum(q, r.Weeks) / 52;
        Assert.True(r.Funded.Sum() > r.FundedBefore.Sum() * 1.1, "the 2003/04 allocations raise Lambeth's budget");
        Assert.True(expected > 10, $"a visible loss: {expected:0.0} places");
        Assert.Equal(expected, r.PlacesLost, expected * 1e-9);
    }

    [Fact]
    public void WithoutALag_NoPlaceIsLost_AndALongerLagLosesMore()
    {
        double none = Run(OneDat(0)).PlacesLost, short13 = Run(OneDat(13)).PlacesLost, long26 = Run(OneDat(26)).PlacesLost;
        Assert.Equal(0, none);
        Assert.True(short13 > 0 && long26 > short13, $"lag 0: {none}, 13: {short13}, 26: {long26}");
    }

    [Fact]
    public void NotificationLead_StartsRecruitingBeforeTheMoney_SoFewerPlacesAreLost_ButNoExtraPlaceOpensBeforeApril()
    {
        const double tau = 13;
        const int lead = 17;
        var without = Run(OneDat(tau), lead);
        var with = Run(OneDat(tau, lead), lead);
        double q = Math.Exp(-1 / tau);
        // From 17 weeks before April the level closes on 2003/04's funding: the gap in week k of the year is G q^(17 + k), G the gap
        // when notified; until 2004/05's notification, 17 weeks before the year's end (then it aims at 2004/05's higher level).
        int n = with.Weeks - lead;
        double expected = Enumerable.Range(0, M).Sum(m => Math.Max(0, with.Funded[m] - with.RecruitedBeforeLead[m])) * Math.Pow(q, lead) * GeometricSum(q, n) / 52;
        Assert.Equal(expected, with.LostInFirst(n), expected * 1e-9);
        Assert.True(with.PlacesLost < 0.5 * without.PlacesLost, $"lead 17 weeks: {with.PlacesLost:0.0} places lost, none: {without.PlacesLost:0.0}");
        // Places open before April stay within 2002/03's funding (the money is not there yet), and recruiting early loses no more of it.
        Assert.True(with.MaxOpenBeforeApril <= 1 + 1e-12, $"open / funded before April: {with.MaxOpenBeforeApril}");
        Assert.True(with.PlacesLostBeforeApril <= without.PlacesLostBeforeApril + 1e-9, $"lost in the 17 weeks before April: lead {with.PlacesLostBeforeApril}, none {without.PlacesLostBeforeApril}");
    }

    [Fact]
    public void BindingStaffCap_LimitsTheYearsRecruitment_ToTheAreasShareOfEngland()
    {
        const double cap = 200; // WTE a year for England: Lambeth's share is cap x its need share (it is the only area simulated)
        var free = Run(OneDat(0));
        var capped = Run(OneDat(0, 0, cap));
        double[] posts = Enumerable.Range(0, M).Select(m => OneDat(0)[(Modality)m, ModalityParameterId.PostsPerPlace].Mean).ToArray();
        double allowance = cap * capped.NeedShare;
        double wanted = Enumerable.Range(0, M).Sum(m => (capped.Funded[m] - capped.RecruitedAtEndOfMarch[m]) * posts[m]);
        Assert.True(wanted > allowance, $"the cap binds: {wanted:0.0} WTE wanted, {allowance:0.0} allowed");
        // Lag 0: the first week of April recruits the whole allowance, every modality's gap scaled by allowance / wanted, then nothing until the next year.
        double scale = allowance / wanted;
        double expected = Enumerable.Range(0, M).Sum(m => capped.Funded[m] - capped.RecruitedAtEndOfMarch[m]) * (1 - scale) * capped.Weeks / 52;
        Assert.Equal(expected, capped.PlacesLost, expected * 1e-9);
        Assert.Equal(0, free.PlacesLost);
    }

    [Fact]
    public void StaffCapThatDoesNotBind_ChangesNothing()
    {
        var free = Run(OneDat(26));
        var loose = Run(OneDat(26, 0, 1e9));
        Assert.Equal(free.PlacesLost, loose.PlacesLost);
        Assert.Equal(free.StaffNeeded, loose.StaffNeeded);
    }

    [Fact]
    public void StaffNeeded_IsPlacesTimesPostsPerPlace_AsTheYearsMeanOverFiftyTwoWeeks()
    {
        var r = Run(OneDat(26));
        // The year's value sums a 52nd of each week's WTE: the mean WTE times weeks / 52.
        Assert.Equal(r.MeanStaff * r.Weeks / 52, r.StaffNeeded, r.StaffNeeded * 1e-12);
        Assert.True(r.StaffNeeded > 10, $"Lambeth needs {r.StaffNeeded:0.0} WTE");
    }

    [Fact]
    public void WorkforceCapScenario_LosesFewerPlacesThanTheDefault_ThroughItsLead_AndATighterCapLosesMore()
    {
        var baseline = TestScenarios.Small(4);
        var capped = ScenarioLoader.Load([TestPaths.At("scenarios", "workforce-cap.json")], [], useEnvironment: false) with
        {
            Posterior = null,
            Name = "small-capped",
            Areas = baseline.Areas,
            Start = baseline.Start,
            End = baseline.End,
            Replicates = 4,
        };
        // With the default 26-week lag a year's recruitment stays within the scenario's 680-1,100 WTE in these DATs; a quarter of it binds.
        var tight = capped.WithParameter(ParameterId.RecruitmentNotificationLeadWeeks, 0).WithParameter(ParameterId.RecruitableStaffPerYear, 170);
        var a = Simulation.Run(baseline);
        var b = Simulation.Run(tight);
        var c = Simulation.Run(capped);
        int y = a.Calendar.YearIndex(new FinancialYear(2003));
        double Lost(EnsembleResult r) => r.Annual(AreaId.England, Metric.PlacesLostToLags)[y].Mean;
        double Staff(EnsembleResult r) => r.Annual(AreaId.England, Metric.StaffNeeded)[y].Mean;
        Assert.True(Lost(b) > Lost(a) && Staff(b) < Staff(a), $"2003/04 with a cap of 170 WTE: {Lost(b):0.0} places lost, {Staff(b):0.0} WTE; default {Lost(a):0.0}, {Staff(a):0.0}");
        Assert.True(Lost(c) < Lost(a), $"2003/04 with workforce-cap.json (cap and 17-week lead): {Lost(c):0.0} places lost; default {Lost(a):0.0}");
    }
}
