using System.Collections.Immutable;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Data;

/// <summary>A Drug Action Team area with its pooled treatment budget (£ thousands) by financial year.</summary>
/// <param name="Name">DAT name.</param>
/// <param name="Region">Government office region.</param>
/// <param name="Budget2002K">2002/03 baseline.</param>
/// <param name="Budget2003K">2003/04 allocation.</param>
/// <param name="Budget2004K">2004/05 allocation (minimum level).</param>
/// <param name="Budget2005K">2005/06 allocation (minimum level).</param>
public sealed record AreaRecord(string Name, string Region, double Budget2002K, double Budget2003K, double Budget2004K, double Budget2005K)
{
    /// <summary>
    /// The area's own values of area parameters from optional columns of the area table (named after the parameter in
    /// snake_case, e.g. <c>problem_drug_users</c>; an empty cell sets nothing): they apply as fixed area overrides, before
    /// the scenario's <c>AreaOverrides</c>.
    /// </summary>
    public ImmutableArray<KeyValuePair<Model.ParameterId, double>> Overrides { get; init; } = [];
}

/// <summary>The DAT areas of a scenario.</summary>
/// <param name="Areas">One record per DAT, in file order.</param>
public sealed record AreaTable(ImmutableArray<AreaRecord> Areas)
{
    /// <summary>Index of the area called <paramref name="name"/> (case-insensitive), or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Areas.Length; i++)
            if (string.Equals(Areas[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

/// <summary>A named priority BCU.</summary>
/// <param name="Rank">Rank by acquisitive crime (1 = highest).</param>
/// <param name="Name">BCU name.</param>
/// <param name="Dats">The DAT (or DATs, for Reading and Wokingham) it lies in.</param>
/// <param name="Tranche">Tranche label in the source (<c>top30</c>, <c>next10</c>).</param>
public sealed record BcuRecord(int Rank, string Name, ImmutableArray<string> Dats, string Tranche)
{
    /// <summary>
    /// Share of each of its DATs' arrests that go through this BCU's custody suites (optional column <c>dat_arrest_share</c>:
    /// 1 for a London borough or a unitary authority policed by one BCU); null when the table does not say, and then the
    /// DAT's named BCUs share it equally.
    /// </summary>
    public double? DatArrestShare { get; init; }
}

/// <summary>NTA maximum acceptable waits for one modality (weeks).</summary>
/// <param name="Modality">The modality.</param>
/// <param name="Target2002">Maximum wait, end of 2002/03.</param>
/// <param name="Target2003">Maximum wait, end of 2003/04.</param>
public sealed record WaitTarget(Model.Modality Modality, double Target2002, double Target2003);
