using System.Runtime.CompilerServices;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// Where the people in treatment live in the engine's flat array: one row per area-modality of <see cref="Bins"/>
/// counts by weeks in treatment, the last bin holding everyone who has been in treatment that long or longer.
/// </summary>
internal readonly struct TreatmentLayout
{
    /// <summary>Bins in the current model: weeks 0 to 12 in treatment, and 13 weeks or more.</summary>
    public const int DefaultBins = 14;

    /// <summary>A layout for <paramref name="areas"/> areas with <paramref name="bins"/> bins per row.</summary>
    public TreatmentLayout(int areas, int bins = DefaultBins)
    {
        Areas = areas;
        Bins = bins;
    }

    /// <summary>Areas laid out.</summary>
    public int Areas { get; }

    /// <summary>Bins per area-modality, by weeks in treatment; the last one is open-ended.</summary>
    public int Bins { get; }

    /// <summary>Counts in all.</summary>
    public int Length => AreaModality.Count(Areas) * Bins;

    /// <summary>Index of bin 0 of area-modality <paramref name="areaModality"/> (<see cref="AreaModality.Index"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Start(int areaModality) => areaModality * Bins;

    /// <summary>Index of bin <paramref name="d"/> (weeks in treatment) of area-modality <paramref name="areaModality"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Bin(int areaModality, int d) => areaModality * Bins + d;
}
