using System.Runtime.CompilerServices;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// Where the waiting lists live in the engine's flat array: one list per area, modality and <see cref="ReferralQueue"/>
/// (the queues of an area-modality side by side), each a row of <see cref="Bins"/> counts by completed weeks
/// waited, the last bin holding everyone who has waited that long or longer (an open tail whose total weeks waited the
/// engine tracks). The admissions by weeks waited have two rows per area-modality (every queue, then criminal-justice
/// referrals alone), each the same bins followed by the total weeks waited by those admitted from the tail
/// (<see cref="ByWaitWidth"/>).
/// </summary>
internal readonly struct WaitingListLayout
{
    /// <summary>Bins in the current model: 0 to 51 completed weeks, and 52 weeks or more.</summary>
    public const int DefaultBins = 53;

    /// <summary>Queues per area-modality (<see cref="ReferralQueue"/>).</summary>
    public const int Queues = 3;

    /// <summary>A layout for <paramref name="areas"/> areas with <paramref name="bins"/> wait bins per list.</summary>
    public WaitingListLayout(int areas, int bins = DefaultBins)
    {
        Areas = areas;
        Bins = bins;
    }

    /// <summary>Areas laid out.</summary>
    public int Areas { get; }

    /// <summary>Bins per list, by completed weeks waited; the last one is open-ended.</summary>
    public int Bins { get; }

    /// <summary>Lists in all.</summary>
    public int Lists => AreaModality.Count(Areas) * Queues;

    /// <summary>Counts in all.</summary>
    public int Length => Lists * Bins;

    /// <summary>Lists per area (every modality's two queues).</summary>
    public static int ListsPerArea => AreaModality.PerArea * Queues;

    /// <summary>The list of queue <paramref name="queue"/> of area-modality <paramref name="areaModality"/> (<see cref="AreaModality.Index"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int List(int areaModality, ReferralQueue queue) => areaModality * Queues + (int)queue;

    /// <summary>The list of queue <paramref name="queue"/> in area <paramref name="area"/>, modality <paramref name="modality"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int List(int area, int modality, ReferralQueue queue) => List(AreaModality.Index(area, modality), queue);

    /// <summary>Index of bin 0 of list <paramref name="list"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Start(int list) => list * Bins;

    /// <summary>Index of bin <paramref name="k"/> (completed weeks waited) of list <paramref name="list"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Bin(int list, int k) => list * Bins + k;

    /// <summary>Values per row of admissions by weeks waited: the bins, then the total weeks waited by those admitted from the last (open) bin.</summary>
    public int ByWaitWidth => Bins + 1;

    /// <summary>Index of bin 0 of an area-modality's row of admissions by weeks waited (every queue); its criminal-justice row follows it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ByWaitStart(int areaModality) => areaModality * 2 * (Bins + 1);

    /// <summary>Index of bin 0 of an area-modality's row of admissions of criminal-justice referrals by weeks waited.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ByWaitCjsStart(int areaModality) => ByWaitStart(areaModality) + Bins + 1;

    /// <summary>Values in one area's rows of admissions by weeks waited (every modality, both rows).</summary>
    public int ByWaitPerArea => AreaModality.PerArea * 2 * (Bins + 1);
}
