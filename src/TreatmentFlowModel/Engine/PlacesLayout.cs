using System.Runtime.CompilerServices;

namespace TreatmentFlowModel.Engine;

/// <summary>Where the places funded live: by financial-year index, then area-modality (<see cref="AreaModality"/>).</summary>
internal readonly struct PlacesLayout(int areas, int years)
{
    /// <summary>Values in all.</summary>
    public int Length => years * AreaModality.Count(areas);

    /// <summary>Index of the places of area <paramref name="area"/>, modality <paramref name="modality"/> in year index <paramref name="year"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Index(int year, int area, int modality) => (year * areas + area) * AreaModality.PerArea + modality;
}
