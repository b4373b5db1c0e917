using System.Runtime.CompilerServices;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Recording;

/// <summary>
/// The recorder's admissions by completed weeks waited for one area (or England) and period: a row of
/// <see cref="Bins"/> counts per modality, then a row for all modalities together; slots of such blocks follow each other.
/// </summary>
internal readonly struct WaitHistogramLayout(int bins)
{
    /// <summary>The row of all modalities together.</summary>
    public const int AllModalities = Modalities.Count;

    /// <summary>Bins per row (completed weeks waited).</summary>
    public int Bins => bins;

    /// <summary>Counts per slot: every modality's row and the all-modalities row.</summary>
    public int SlotLength => (Modalities.Count + 1) * bins;

    /// <summary>Index of bin 0 of <paramref name="modality"/>'s row (<see cref="AllModalities"/> for the total) within a slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Row(int modality) => modality * bins;

    /// <summary>Index of the first count of slot <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Slot(int slot) => slot * SlotLength;
}
