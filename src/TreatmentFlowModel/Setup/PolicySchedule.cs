using System.Collections.Immutable;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// The policy switches as the engine reads them: criminal-justice priority on the waiting lists, where and when the
/// presumption against bail and programme aftercare run, the national cap on DTTO orders in each financial year and
/// the week drug rehabilitation requirements replace DTTOs.
/// </summary>
internal sealed class PolicySchedule(bool cjsFirst, AreaWeekLayout areaWeek, ImmutableArray<bool> presumptionAgainstBail, ImmutableArray<double> aftercare, ImmutableArray<double> dttoCap, int drrFromWeek)
{
    /// <summary>Criminal-justice referrals are admitted before others (otherwise longest wait first, whatever the route).</summary>
    public bool CjsFirst { get; } = cjsFirst;

    /// <summary>Whether the presumption against bail runs in simulated area <paramref name="a"/> in week <paramref name="w"/>.</summary>
    public bool PresumptionAgainstBail(int w, int a) => presumptionAgainstBail[areaWeek.Index(w, a)];

    /// <summary>The share of prison and treatment leavers aftercare covers in area <paramref name="a"/> in week <paramref name="w"/> (0 to 1).</summary>
    public double AftercareCoverage(int w, int a) => aftercare[areaWeek.Index(w, a)];

    /// <summary>DTTO orders allowed in England in the financial year of index <paramref name="year"/> (0 = the first simulated).</summary>
    public double DttoCap(int year) => dttoCap[year];

    /// <summary>Whether courts make drug rehabilitation requirements rather than DTTOs in week <paramref name="w"/> (from <c>Policy.DrrFrom</c>).</summary>
    public bool Drr(int w) => w >= drrFromWeek;
}
