using System.Runtime.CompilerServices;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// The index of an (area, modality) pair in the engine's per-area-and-modality arrays: areas in order, each with its
/// <see cref="Modalities.Count"/> modalities in <see cref="Modality"/> order.
/// </summary>
internal static class AreaModality
{
    /// <summary>Pairs per area.</summary>
    public const int PerArea = Modalities.Count;

    /// <summary>Index of (<paramref name="area"/>, <paramref name="modality"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Index(int area, int modality) => area * PerArea + modality;

    /// <summary>Number of pairs for <paramref name="areas"/> areas.</summary>
    public static int Count(int areas) => areas * PerArea;
}
