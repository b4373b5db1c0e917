using System.Runtime.CompilerServices;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Recording;

/// <summary>
/// The recorder's admissions by completed weeks waited for one area (or England) and period: per modality, then for all
/// modalities together, a row for every queue and a row for criminal-justice referrals alone, each of <see cref="Bins"/>
/// counts followed by the total weeks waited by those admitted from the last (open) bin; slots of such blocks follow each
/// other. The modality rows have the layout of the engine's admissions by weeks waited of one area.
/// </summary>
internal readonly struct WaitHistogramLayout(int bins)
{
    /// <summary>The rows of all modalities together.</summary>
    public const int AllModalities = Modalities.Count;

    /// <summary>Route of the rows of every queue.</summary>
    public const int EveryQueue = 0;

    /// <summary>Route of the rows of criminal-justice referrals.</summary>
    public const int CriminalJustice = 1;

    /// <summary>Bins per row (completed weeks waited; the last open).</summary>
    public int Bins => bins;

    /// <summary>Values per row: the bins and the open bin's total weeks.</summary>
    public int Width => bins + 1;

    /// <summary>Values of one modality's two rows.</summary>
    public int ModalityLength => 2 * (bins + 1);

    /// <summary>Values per slot: every modality's rows and the all-modalities rows.</summary>
    public int SlotLength => (Modalities.Count + 1) * ModalityLength;

    /// <summary>Index of bin 0 of <paramref name="modality"/>'s row of <paramref name="route"/> within a slot (<see cref="AllModalities"/> for the total).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Row(int modality, int route = EveryQueue) => (modality * 2 + route) * (bins + 1);

    /// <summary>Index of the first value of slot <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Slot(int slot) => slot * SlotLength;
}
