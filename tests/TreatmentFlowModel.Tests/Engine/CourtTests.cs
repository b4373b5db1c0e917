using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;
using static TreatmentFlowModel.Tests.Runs;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>Issue 17's courts: the DTTO cap spread through the year, order endings, the DRR and the presumption against bail (deterministic mode: exact).</summary>
public class CourtTests
{
    private static double Year(EnsembleResult r, Metric metric, int startYear, string? area = null) =>
        r.Annual(area ?? AreaId.England, metric)[r.Calendar.YearIndex(new FinancialYear(startYear))].Mean;

    /// <summary>First reported week of financial year <paramref name="startYear"/>.</summary>
    private static int FirstWeek(EnsembleResult r, int startYear)
    {
        int w = 0;
        while (r.Calendar.YearIndexOfWeek(w) != r.Calendar.YearIndex(new FinancialYear(startYear))) w++;
        return w;
    }

    [Fact]
    public void DttoCap_IsSpreadThroughTheYear_WithUnusedRoomCarriedOver()
    {
        // Every arrest a candidate: the cap binds every week, so orders by each week's end are exactly
        // floor(area cap × weeks done / weeks in the year), summed over the areas (hand check: about 26/52 of 9,000's share by September).
        var s = TestScenarios.Small().WithParameter(ParameterId.DttoPerArrest, 1.0);
        var r = Deterministic(s);
        var setup = FrozenModel.From(s);
        var need = setup.Need.Shares(s[ParameterId.NeedIndexSteps].Mean);
        var caps = new double[need.Length];
        LargestRemainder.Apportion(9000, need, caps);
        int first = FirstWeek(r, 2003), weeks = 0;
        while (r.Calendar.YearIndexOfWeek(first + weeks) == r.Calendar.YearIndexOfWeek(first)) weeks++;
        var orders = r.Weekly(AreaId.England, Metric.DttoOrders);
        double cumulative = 0;
        for (int k = 0; k < weeks; k++)
        {
            cumulative += orders[first + k].Mean;
            double allowed = Enumerable.Range(0, setup.AreaCount).Sum(a => Math.Floor(caps[setup.TableIndex(a)] * (k + 1) / weeks));
            Assert.Equal(allowed, cumulative, 1e-6);
        }
        // Half-way through the year about half the cap is used, not all of it (the misfit issue 15 left).
        double halfYear = Enumerable.Range(first, weeks / 2).Sum(w => orders[w].Mean);
        Assert.InRange(halfYear / cumulative, 0.45, 0.55);
    }

    [Fact]
    public void OrdersEnd_CompletedAndRevokedInTheGivenShares()
    {
        var s = TestScenarios.Small().WithParameter(ParameterId.DttoCompletionShare, 0.3).WithParameter(ParameterId.DttoRevocationShare, 0.6);
        var r = Deterministic(s);
        double completed = Year(r, Metric.OrdersCompleted, 2003), revoked = Year(r, Metric.OrdersRevoked, 2003), started = Year(r, Metric.OrdersStarted, 2003);
        Assert.True(completed > 0);
        // Both come from the same stock of orders at the same ending hazard: completions / revocations = 0.3 / 0.6 exactly.
        Assert.Equal(0.5, completed / revoked, 1e-9);
        Assert.Equal(started, Year(r, Metric.DttoOrders, 2003), 1e-9); // before the DRR every order is a DTTO
    }

    [Fact]
    public void RevokedOrders_GoToCustody()
    {
        // No burn-in: the first reported week is the first with orders, and until its prison step both runs are identical,
        // so the prison stocks differ by exactly the week's revocations (all to custody against none).
        var s = TestScenarios.Small() with { BurnInYears = 0 };
        var all = Deterministic(s.WithParameter(ParameterId.RevokedToCustodyShare, 1.0));
        var none = Deterministic(s.WithParameter(ParameterId.RevokedToCustodyShare, 0.0));
        double revoked = all.Weekly(AreaId.England, Metric.OrdersRevoked)[0].Mean;
        Assert.True(revoked > 0);
        Assert.Equal(revoked, all.Weekly(AreaId.England, Metric.Prison)[0].Mean - none.Weekly(AreaId.England, Metric.Prison)[0].Mean, 1e-6);
        Assert.True(Year(all, Metric.Prison, 2004) > Year(none, Metric.Prison, 2004));
    }

    [Fact]
    public void Drr_ReplacesDttosFromItsDate_AndCompletesAtItsOwnShare()
    {
        var s = TestScenarios.Small().WithParameter(ParameterId.DttoPerArrest, 1.0) with { End = new DateOnly(2006, 3, 31) }; // the cap binds
        var drrFrom = new DateOnly(2005, 4, 4);
        var dttos = Deterministic(s with { Policy = s.Policy with { DrrFrom = null } });
        var drrs = Deterministic(s.WithParameter(ParameterId.DrrCompletionShare, 0.9) with { Policy = s.Policy with { DrrFrom = drrFrom } });
        Assert.True(Year(drrs, Metric.DttoOrders, 2004) > 0);
        Assert.Equal(0, Year(drrs, Metric.DttoOrders, 2005));
        Assert.Equal(Year(dttos, Metric.OrdersStarted, 2005), Year(drrs, Metric.OrdersStarted, 2005), 1e-9); // the same cap
        Assert.Equal(Year(dttos, Metric.OrdersCompleted, 2004), Year(drrs, Metric.OrdersCompleted, 2004), 1e-9); // nothing changes before
        Assert.True(Year(drrs, Metric.OrdersCompleted, 2005) > 1.2 * Year(dttos, Metric.OrdersCompleted, 2005));
        Assert.True(Year(drrs, Metric.OrdersRevoked, 2005) < Year(dttos, Metric.OrdersRevoked, 2005));
    }

    [Fact]
    public void PresumptionAgainstBail_RaisesTakeUp_AndRemandsAShareOfRefusers()
    {
        var start = new DateOnly(2004, 4, 5);
        var on = TestScenarios.Small() with { Policy = TestScenarios.Small().Policy with { PresumptionAgainstBail = new PresumptionAgainstBail(start, []) } };
        var off = Deterministic(TestScenarios.Small());
        var low = Deterministic(on.WithParameter(ParameterId.PabAssessmentUptake, 0.2).WithParameter(ParameterId.PabRemandShare, 0.5));
        var high = Deterministic(on.WithParameter(ParameterId.PabAssessmentUptake, 0.6).WithParameter(ParameterId.PabRemandShare, 0.5));
        Assert.Equal(0, Year(off, Metric.Remanded, 2004));
        Assert.Equal(0, Year(high, Metric.Remanded, 2003));
        // In the first week it runs, states are identical before the arrests: remands are positives × (1 − uptake) × 0.5,
        // so uptake 0.6 remands (1 − 0.6) / (1 − 0.2) = half as many as uptake 0.2.
        int w = 0;
        while (high.Calendar.WeekStart(w) < start) w++;
        double remandedLow = low.Weekly(AreaId.England, Metric.Remanded)[w].Mean, remandedHigh = high.Weekly(AreaId.England, Metric.Remanded)[w].Mean;
        Assert.True(remandedLow > 0);
        Assert.Equal(0.5, remandedHigh / remandedLow, 1e-9);
        Assert.True(Year(high, Metric.TreatmentStartsCjs, 2004) > Year(low, Metric.TreatmentStartsCjs, 2004));
    }
}
