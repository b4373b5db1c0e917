using TreatmentFlowModel.Data;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// Everything about a scenario that does not depend on the replicate, computed once before a run:
/// the calendar, the simulated areas and their shares, drug-testing coverage by week, policy switches
/// by week, DTTO caps and the parameter-change multipliers.
/// </summary>
internal sealed class ModelSetup
{
    public ModelSetup(Scenario scenario)
    {
        Scenario = scenario;
        Calendar = new WeekCalendar(scenario.Start, scenario.End);
        var all = scenario.AreaData.Areas;
        AreaIndex = scenario.Areas.IsEmpty
            ? Enumerable.Range(0, all.Length).ToArray()
            : scenario.Areas.Select(scenario.AreaData.IndexOf).ToArray();
        Areas = AreaIndex.Select(i => all[i]).ToArray();
        double totalBudget = all.Sum(a => a.Budget2002K);
        Share = Areas.Select(a => a.Budget2002K / totalBudget).ToArray();
        int weeks = Calendar.Weeks, areas = Areas.Length;

        (Coverage, LiveBcus) = BuildCoverage(scenario, all, totalBudget);
        PabActive = new bool[weeks * areas];
        AftercareActive = new bool[weeks * areas];
        var pab = scenario.Policy.PresumptionAgainstBail;
        for (int w = 0; w < weeks; w++)
        {
            var date = Calendar.WeekStart(w);
            for (int a = 0; a < areas; a++)
            {
                bool testing = Coverage[w * areas + a] > 0;
                AftercareActive[w * areas + a] = scenario.Policy.Aftercare && testing;
                PabActive[w * areas + a] = pab is not null && testing && date >= pab.Start
                    && (pab.Areas.IsEmpty || pab.Areas.Contains(Areas[a].Name, StringComparer.OrdinalIgnoreCase));
            }
        }

        DttoCap = new double[Calendar.Years];
        for (int y = 0; y < Calendar.Years; y++)
        {
            int year = Calendar.FirstYear + y;
            DttoCap[y] = scenario.Policy.DttoCaps.Where(kv => kv.Key <= year).Select(kv => kv.Value).LastOrDefault();
        }

        ChangeMultipliers = new double[]?[ParameterCatalog.Scalars.Count];
        foreach (var change in scenario.ParameterChanges)
        {
            var table = ChangeMultipliers[(int)change.Parameter] ??= Enumerable.Repeat(1.0, weeks * areas).ToArray();
            for (int a = 0; a < areas; a++)
            {
                if (!change.Areas.IsEmpty && !change.Areas.Contains(Areas[a].Name, StringComparer.OrdinalIgnoreCase)) continue;
                for (int w = 0; w < weeks; w++)
                    if (Calendar.WeekStart(w) >= change.From) table[w * areas + a] *= change.Multiplier;
            }
        }
    }

    public Scenario Scenario { get; }
    public WeekCalendar Calendar { get; }

    /// <summary>Simulated areas, and their index in the scenario's area table.</summary>
    public AreaRecord[] Areas { get; }
    public int[] AreaIndex { get; }

    /// <summary>Each area's share of the England 2002/03 pooled budget: its share of PDUs, incidence and DTTOs.</summary>
    public double[] Share { get; }

    /// <summary>[week × areas + area]: share of the area's arrests through custody suites that test.</summary>
    public double[] Coverage { get; }

    /// <summary>[week × areas + area]: BCUs testing (shared BCUs count in part), for testing costs.</summary>
    public double[] LiveBcus { get; }

    public bool[] PabActive { get; }
    public bool[] AftercareActive { get; }

    /// <summary>DTTO orders per year, England, by financial-year index.</summary>
    public double[] DttoCap { get; }

    /// <summary>Per parameter: null, or [week × areas + area] multipliers from ParameterChanges.</summary>
    public double[]?[] ChangeMultipliers { get; }

    /// <summary>
    /// Each DAT holds its named priority BCUs plus synthesised ones so that it has round(share × TotalBcus)
    /// (at least one). Named BCUs carry <see cref="RolloutPlan.PriorityBcuCrimeWeight"/> of the arrests of an ordinary
    /// BCU. Synthesised BCUs are ranked after the named ones by their DAT's budget per BCU, largest first.
    /// </summary>
    private (double[] Coverage, double[] Live) BuildCoverage(Scenario scenario, System.Collections.Immutable.ImmutableArray<AreaRecord> all, double totalBudget)
    {
        var rollout = scenario.Rollout;
        var bcus = new List<(int Rank, string Name, int Area, double Weight, double CostShare)>();
        foreach (var b in scenario.Bcus)
            foreach (var dat in b.Dats)
                bcus.Add((b.Rank, b.Name, scenario.AreaData.IndexOf(dat), rollout.PriorityBcuCrimeWeight, 1.0 / b.Dats.Length));
        var synthetic = new List<(double Key, string Dat, int Area, int Index)>();
        for (int i = 0; i < all.Length; i++)
        {
            int named = bcus.Count(b => b.Area == i);
            int target = Math.Max(1, (int)Math.Round(all[i].Budget2002K / totalBudget * rollout.TotalBcus));
            for (int k = named; k < target; k++) synthetic.Add((all[i].Budget2002K / target, all[i].Name, i, k));
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

        int weeks = Calendar.Weeks, areas = Areas.Length;
        var coverage = new double[weeks * areas];
        var live = new double[weeks * areas];
        for (int a = 0; a < areas; a++)
        {
            int tableIndex = AreaIndex[a];
            double total = 0;
            for (int b = 0; b < bcus.Count; b++) if (bcus[b].Area == tableIndex) total += bcus[b].Weight;
            for (int w = 0; w < weeks; w++)
            {
                var date = Calendar.WeekStart(w);
                double on = 0, count = 0;
                for (int b = 0; b < bcus.Count; b++)
                    if (bcus[b].Area == tableIndex && starts[b] is { } s && s <= date) { on += bcus[b].Weight; count += bcus[b].CostShare; }
                coverage[w * areas + a] = total > 0 ? on / total : 0;
                live[w * areas + a] = count;
            }
        }
        return (coverage, live);
    }

    /// <summary>Pooled budget (£ thousands) of simulated area <paramref name="a"/> in the financial year starting in <paramref name="year"/>.</summary>
    public double Budget(int a, int year, double growthBefore, double growthAfter)
    {
        var r = Areas[a];
        return year switch
        {
            <= 2002 => r.Budget2002K * Math.Pow(1 + growthBefore, year - 2002),
            2003 => r.Budget2003K,
            2004 => r.Budget2004K,
            2005 => r.Budget2005K,
            _ => r.Budget2005K * Math.Pow(1 + growthAfter, year - 2005),
        };
    }
}
