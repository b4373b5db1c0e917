using System.Collections.Immutable;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// Drug testing of arrestees, police area (BCU) by police area: which share of each simulated area's arrests goes
/// through custody suites that test, week by week, and how many BCUs it pays for.
/// </summary>
/// <remarks>
/// Each DAT holds its named priority BCUs plus synthesised ones so that it has round(share × TotalBcus) (at least one).
/// Named BCUs carry <see cref="RolloutPlan.PriorityBcuCrimeWeight"/> of the arrests of an ordinary BCU. Synthesised BCUs
/// are ranked after the named ones by their DAT's budget per BCU, largest first. A BCU starts testing on the earliest
/// date a tranche covering its rank, or an explicit start naming it, gives.
/// </remarks>
internal sealed class BcuRollout
{
    private readonly AreaWeekLayout _areaWeek;
    private readonly ImmutableArray<double> _coverage;
    private readonly ImmutableArray<double> _live;

    private BcuRollout(AreaWeekLayout areaWeek, ImmutableArray<double> coverage, ImmutableArray<double> live)
    {
        _areaWeek = areaWeek;
        _coverage = coverage;
        _live = live;
    }

    /// <summary>Share of simulated area <paramref name="a"/>'s arrests through custody suites that test in week <paramref name="w"/>.</summary>
    public double Coverage(int w, int a) => _coverage[_areaWeek.Index(w, a)];

    /// <summary>BCUs testing in area <paramref name="a"/> in week <paramref name="w"/> (a BCU shared by DATs counts in part), for testing costs.</summary>
    public double LiveBcus(int w, int a) => _live[_areaWeek.Index(w, a)];

    /// <summary>The rollout of <paramref name="scenario"/> over <paramref name="calendar"/> for the simulated areas <paramref name="areaIndex"/> (indices into its area table).</summary>
    public static BcuRollout Build(Scenario scenario, WeekCalendar calendar, IReadOnlyList<int> areaIndex)
    {
        var all = scenario.AreaData.Areas;
        double totalBudget = all.Sum(BudgetTable.Baseline);
        var rollout = scenario.Rollout;
        var bcus = new List<(int Rank, string Name, int Area, double Weight, double CostShare)>();
        foreach (var b in scenario.Bcus)
            foreach (var dat in b.Dats)
                bcus.Add((b.Rank, b.Name, scenario.AreaData.IndexOf(dat), rollout.PriorityBcuCrimeWeight, 1.0 / b.Dats.Length));
        var synthetic = new List<(double Key, string Dat, int Area, int Index)>();
        for (int i = 0; i < all.Length; i++)
        {
            int named = bcus.Count(b => b.Area == i);
            double baseline = BudgetTable.Baseline(all[i]);
            int target = Math.Max(1, (int)Math.Round(baseline / totalBudget * rollout.TotalBcus));
            for (int k = named; k < target; k++) synthetic.Add((baseline / target, all[i].Name, i, k));
        }
        int nextRank = scenario.Bcus.IsEmpty ? 1 : scenario.Bcus.Max(b => b.Rank) + 1;
        foreach (var s in synthetic.OrderByDescending(s => s.Key).ThenBy(s => s.Dat, StringComparer.Ordinal).ThenBy(s => s.Index))
            bcus.Add((nextRank++, $"{s.Dat} BCU {s.Index + 1}", s.Area, 1.0, 1.0));

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
        for (int a = 0; a < areas; a++)
        {
            int tableIndex = areaIndex[a];
            double total = 0;
            for (int b = 0; b < bcus.Count; b++) if (bcus[b].Area == tableIndex) total += bcus[b].Weight;
            for (int w = 0; w < weeks; w++)
            {
                var date = calendar.WeekStart(w);
                double on = 0, count = 0;
                for (int b = 0; b < bcus.Count; b++)
                    if (bcus[b].Area == tableIndex && starts[b] is { } s && s <= date) { on += bcus[b].Weight; count += bcus[b].CostShare; }
                coverage[areaWeek.Index(w, a)] = total > 0 ? on / total : 0;
                live[areaWeek.Index(w, a)] = count;
            }
        }
        return new BcuRollout(areaWeek, [.. coverage], [.. live]);
    }
}
