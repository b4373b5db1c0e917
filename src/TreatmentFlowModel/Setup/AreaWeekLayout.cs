using System.Runtime.CompilerServices;

namespace TreatmentFlowModel.Setup;

/// <summary>Where the frozen model's values by week and simulated area live: week by week, each with every area.</summary>
/// <param name="areas">Simulated areas.</param>
internal readonly struct AreaWeekLayout(int areas)
{
    /// <summary>Index of (<paramref name="week"/>, <paramref name="area"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Index(int week, int area) => week * areas + area;

    /// <summary>Values for <paramref name="weeks"/> weeks.</summary>
    public int Length(int weeks) => weeks * areas;
}
