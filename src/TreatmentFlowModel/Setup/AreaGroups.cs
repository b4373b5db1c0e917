using System.Collections.Immutable;
using TreatmentFlowModel.Data;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// What a run's areas add up to: the label of its total and the government office regions it holds whole. England is
/// reserved for every one of the 149 DATs; a run of one DAT is labelled by its name, a run of exactly one region's DATs
/// by the region, any other run by its number of DATs ("3 DATs"). A region is an area of the results only when every
/// DAT of it in the area table is simulated, so that "London" never means three London boroughs.
/// </summary>
internal sealed class AreaGroups
{
    /// <summary>DATs in England in 2002/03: the rows of seed 004's allocations table (dat_treatment_allocations.csv).</summary>
    public const int DatsInEngland = 149;

    /// <summary>The label of the national total.</summary>
    public const string England = "England";

    private AreaGroups(string totalLabel, ImmutableArray<string> regions, ImmutableArray<ImmutableArray<int>> members)
    {
        TotalLabel = totalLabel;
        Regions = regions;
        Members = members;
    }

    /// <summary>What the run's total is called in every output.</summary>
    public string TotalLabel { get; }

    /// <summary>The regions reported as areas, in the order they first appear in the area table.</summary>
    public ImmutableArray<string> Regions { get; }

    /// <summary>For each of <see cref="Regions"/>, its simulated areas (indices of the run's areas).</summary>
    public ImmutableArray<ImmutableArray<int>> Members { get; }

    /// <summary>The groups of a run simulating table rows <paramref name="areaIndex"/> (in run order) of <paramref name="table"/>.</summary>
    public static AreaGroups Of(AreaTable table, IReadOnlyList<int> areaIndex)
    {
        var runIndex = new Dictionary<int, int>();
        for (int a = 0; a < areaIndex.Count; a++) runIndex[areaIndex[a]] = a;
        var byRegion = new List<(string Region, List<int> Rows)>();
        for (int t = 0; t < table.Areas.Length; t++)
        {
            string region = table.Areas[t].Region.Trim();
            if (region.Length == 0) continue;
            int g = byRegion.FindIndex(r => string.Equals(r.Region, region, StringComparison.OrdinalIgnoreCase));
            if (g < 0) byRegion.Add((region, [t]));
            else byRegion[g].Rows.Add(t);
        }
        var whole = byRegion.Where(r => r.Rows.All(runIndex.ContainsKey)).ToList();

        bool everyRow = areaIndex.Count == table.Areas.Length;
        string label = everyRow && table.Areas.Length == DatsInEngland ? England
            : areaIndex.Count == 1 ? table.Areas[areaIndex[0]].Name
            : whole.Count == 1 && whole[0].Rows.Count == areaIndex.Count ? whole[0].Region
            : $"{areaIndex.Count} DATs";
        // A region that is the whole run is its total already: no second row with the same figures.
        var regions = whole.Where(r => !string.Equals(r.Region, label, StringComparison.OrdinalIgnoreCase)).ToList();
        return new AreaGroups(label, [.. regions.Select(r => r.Region)],
            [.. regions.Select(r => r.Rows.Select(t => runIndex[t]).Order().ToImmutableArray())]);
    }
}
