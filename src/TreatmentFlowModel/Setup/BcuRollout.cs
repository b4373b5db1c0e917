using System.Collections.Immutable;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// Drug testing of arrestees, police area (BCU) by police area: which share of each simulated area's arrests goes
/// through custody suites that test, week by week, and how many BCUs it pays for.
/// </summary>
/// <remarks>
/// Real BCU geography where the BCU table gives it: a named BCU carries its <c>dat_arrest_share</c> of each of its DATs'
/// arrests (1 for a London borough or a unitary authority policed by one BCU; shares for the big cities, issue 15 evidence
/// section 5b, are assumptions), or an equal share of the DAT with its other named BCUs when the table has no such column.
/// The arrests the named BCUs leave uncovered are policed by synthesised BCUs: every DAT with some left gets at least one,
/// and the rest of <see cref="RolloutPlan.TotalBcus"/> go by largest remainder in proportion to the uncovered arrests
/// (need share × uncovered share), each sharing its DAT's uncovered arrests equally. Synthesised BCUs are ranked after the
/// named ones by their arrests (need per BCU, the central need index), largest first. A BCU starts testing on the earliest
/// date a tranche covering its rank, or an explicit start naming it, gives.
/// <para>
/// Positivity falls as testing widens beyond the highest-crime BCUs (issue 17; issue 16-17 evidence section 3): each
/// area-week also records which share of its testing BCUs' arrests lie in ranks 31-100 and beyond rank 100, the bands
/// of <see cref="ParameterId.PduShareOfTestedRanks31To100"/> and <see cref="ParameterId.PduShareOfTestedBeyondRank100"/>.
/// </para>
/// </remarks>
internal sealed class BcuRollout
{
    /// <summary>The last rank of the top band (the 30 BCUs of seed 004's list).</summary>
    public const int TopBandLastRank = 30;

    /// <summary>The last rank of the middle band (the 100 BCUs of the Home Office's year-3 plan, seed 004).</summary>
    public const int MiddleBandLastRank = 100;

    private readonly AreaWeekLayout _areaWeek;
    private readonly ImmutableArray<double> _coverage;
    private readonly ImmutableArray<double> _live;
    private readonly ImmutableArray<double> _middleBand;
    private readonly ImmutableArray<double> _lowBand;

    private BcuRollout(AreaWeekLayout areaWeek, ImmutableArray<double> coverage, ImmutableArray<double> live,
        ImmutableArray<double> middleBand, ImmutableArray<double> lowBand)
    {
        _areaWeek = areaWeek;
        _coverage = coverage;
        _live = live;
        _middleBand = middleBand;
        _lowBand = lowBand;
    }

    /// <summary>Share of simulated area <paramref name="a"/>'s arrests through custody suites that test in week <paramref name="w"/>.</summary>
    public double Coverage(int w, int a) => _coverage[_areaWeek.Index(w, a)];

    /// <summary>BCUs testing in area <paramref name="a"/> in week <paramref name="w"/> (a BCU shared by DATs counts in part), for testing costs.</summary>
    public double LiveBcus(int w, int a) => _live[_areaWeek.Index(w, a)];

    /// <summary>
    /// Shares of area <paramref name="a"/>'s tested arrests in week <paramref name="w"/> that testing BCUs of ranks 31-100
    /// (<c>Middle</c>) and beyond rank 100 (<c>Low</c>) carry; the rest are in the top 30. Both 0 where nothing tests.
    /// </summary>
    public (double Middle, double Low) RankBands(int w, int a)
    {
        int i = _areaWeek.Index(w, a);
        return (_middleBand[i], _lowBand[i]);
    }

    /// <summary>
    /// The rollout of <paramref name="scenario"/> over <paramref name="calendar"/> for the simulated areas
    /// <paramref name="areaIndex"/> (indices into its area table), with <paramref name="need"/> every table area's need share.
    /// </summary>
    public static BcuRollout Build(Scenario scenario, WeekCalendar calendar, IReadOnlyList<int> areaIndex, IReadOnlyList<double> need)
    {
        var all = scenario.AreaData.Areas;
        var rollout = scenario.Rollout;
        var bcus = new List<(int Rank, string Name, int Area, double Share, double CostShare)>();
        foreach (var b in scenario.Bcus)
            foreach (var dat in b.Dats)
            {
                int area = scenario.AreaData.IndexOf(dat);
                int named = scenario.Bcus.Count(x => x.Dats.Contains(dat, StringComparer.OrdinalIgnoreCase));
                bcus.Add((b.Rank, b.Name, area, b.DatArrestShare ?? 1.0 / named, 1.0 / b.Dats.Length));
            }
        var uncovered = new double[all.Length];
        for (int i = 0; i < all.Length; i++)
        {
            double covered = 0;
            foreach (var b in bcus) if (b.Area == i) covered += b.Share;
            double rest = 1 - covered;
            uncovered[i] = rest > 1e-9 ? rest : 0;
        }
        // At least one BCU wherever arrests are left uncovered; the rest in proportion to the uncovered arrests.
        int left = rollout.TotalBcus - scenario.Bcus.Length - uncovered.Count(u => u > 0);
        var weight = uncovered.Select((u, i) => u * need[i]).ToArray();
        var extra = new double[all.Length];
        if (left > 0) LargestRemainder.Apportion(left, weight, extra);
        var synthetic = new List<(double Arrests, string Dat, int Area, int Index, double Share)>();
        int namedCount(int i) => bcus.Count(b => b.Area == i);
        for (int i = 0; i < all.Length; i++)
        {
            if (uncovered[i] <= 0) continue;
            int count = 1 + (int)extra[i];
            for (int k = 0; k < count; k++) synthetic.Add((weight[i] / count, all[i].Name, i, namedCount(i) + k, uncovered[i] / count));
        }
        int nextRank = scenario.Bcus.IsEmpty ? 1 : scenario.Bcus.Max(b => b.Rank) + 1;
        foreach (var s in synthetic.OrderByDescending(s => s.Arrests).ThenBy(s => s.Dat, StringComparer.Ordinal).ThenBy(s => s.Index))
            bcus.Add((nextRank++, $"{s.Dat} BCU {s.Index + 1}", s.Area, s.Share, 1.0));

        var starts = bcus.Select(b =>
        {
            DateOnly? start = null;
            foreach (var t in rollout.Tranches)
                if (b.Rank >= t.FirstRank && b.Rank <= t.LastRank && (start is null || t.Start < start)) start = t.Start;
            foreach (var e in rollout.Explicit)
                if (e.Bcu.Equals(b.Name, StringComparison.OrdinalIgnoreCase) && (start is null || e.Start < start)) start = e.Start;
            return start;
        }).ToArray();

        int weeks = calendar.Weeks, areas = areaIndex.Count;
        var areaWeek = new AreaWeekLayout(areas);
        var coverage = new double[areaWeek.Length(weeks)];
        var live = new double[areaWeek.Length(weeks)];
        var middle = new double[areaWeek.Length(weeks)];
        var low = new double[areaWeek.Length(weeks)];
        for (int a = 0; a < areas; a++)
        {
            int tableIndex = areaIndex[a];
            for (int w = 0; w < weeks; w++)
            {
                var date = calendar.WeekStart(w);
                double on = 0, count = 0, onMiddle = 0, onLow = 0;
                for (int b = 0; b < bcus.Count; b++)
                    if (bcus[b].Area == tableIndex && starts[b] is { } s && s <= date)
                    {
                        on += bcus[b].Share;
                        count += bcus[b].CostShare;
                        if (bcus[b].Rank > MiddleBandLastRank) onLow += bcus[b].Share;
                        else if (bcus[b].Rank > TopBandLastRank) onMiddle += bcus[b].Share;
                    }
                int i = areaWeek.Index(w, a);
                coverage[i] = Math.Min(1, on);
                live[i] = count;
                if (on > 0) { middle[i] = onMiddle / on; low[i] = onLow / on; }
            }
        }
        return new BcuRollout(areaWeek, [.. coverage], [.. live], [.. middle], [.. low]);
    }
}
