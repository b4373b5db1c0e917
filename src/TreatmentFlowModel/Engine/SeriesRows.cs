using System.Runtime.CompilerServices;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// The week's values of every recorded series, one row per area (<see cref="MetricCatalog"/> numbers the series of a
/// row: each metric's total, followed by its modalities where it has them).
/// </summary>
internal static class SeriesRows
{
    /// <summary>Series per row.</summary>
    public const int Width = MetricCatalog.SeriesCountConst;

    /// <summary>Index of the first series of area <paramref name="area"/>'s row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Row(int area) => area * Width;

    /// <summary>Index of series <paramref name="series"/> in area <paramref name="area"/>'s row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Cell(int area, int series) => area * Width + series;
}
