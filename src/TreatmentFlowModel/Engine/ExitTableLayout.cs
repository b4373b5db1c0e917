using System.Runtime.CompilerServices;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// Where the weekly treatment-exit probabilities live: for every treatment bin (<see cref="TreatmentLayout"/>, every route's
/// row) an exit row of <see cref="Width"/> values, the chain of conditional probabilities of death, planned completion and
/// drop-out in that order (<see cref="Death"/>, <see cref="Completion"/>, <see cref="Dropout"/> are the offsets in a row).
/// </summary>
internal readonly struct ExitTableLayout(TreatmentLayout treatment)
{
    /// <summary>Values per exit row.</summary>
    public const int Width = 3;

    /// <summary>Offset of the weekly probability of death.</summary>
    public const int Death = 0;

    /// <summary>Offset of the probability of planned completion given survival.</summary>
    public const int Completion = 1;

    /// <summary>Offset of the probability of dropping out given neither of the above.</summary>
    public const int Dropout = 2;

    /// <summary>Values in all.</summary>
    public int Length => treatment.Length * Width;

    /// <summary>Index of the exit row of bin <paramref name="d"/> of <paramref name="route"/>'s treatment row in area-modality <paramref name="areaModality"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Row(int areaModality, TreatmentRoute route, int d) => treatment.Bin(areaModality, route, d) * Width;

    /// <summary>Values in one treatment row's exit rows (every bin).</summary>
    public int RowsLength => treatment.Bins * Width;
}
