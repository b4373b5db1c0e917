using System.Collections.Immutable;
using TreatmentFlowModel.Data;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// The NTA maximum waits (weeks) by financial year and modality over a run: the 2002/03 column for 2002/03, the
/// 2003/04 column from 2003/04 on (held thereafter), none before 2002/03 or for a modality without a target.
/// </summary>
internal sealed class MaxWaitTable
{
    /// <summary>The first financial year with a maximum wait.</summary>
    public static readonly FinancialYear FirstYear = new(2002);

    private readonly ImmutableArray<double> _weeks; // [year index × M + modality], NaN where none

    private MaxWaitTable(ImmutableArray<double> weeks, ImmutableArray<Modality> order)
    {
        _weeks = weeks;
        Modalities = order;
    }

    /// <summary>The modalities with a target, in the order of the scenario's wait-target table (the order targets are listed in).</summary>
    public ImmutableArray<Modality> Modalities { get; }

    /// <summary>The maximum wait for modality <paramref name="m"/> in the year of index <paramref name="year"/>; NaN where there is none.</summary>
    public double Weeks(int year, int m) => _weeks[Index(year, m)];

    private static int Index(int year, int m) => year * Model.Modalities.Count + m;

    /// <summary>The table for the years of <paramref name="calendar"/> from the wait-target rows <paramref name="targets"/>.</summary>
    public static MaxWaitTable Build(IReadOnlyList<Data.WaitTarget> targets, WeekCalendar calendar)
    {
        const int M = Model.Modalities.Count;
        var weeks = new double[calendar.Years * M];
        for (int y = 0; y < calendar.Years; y++)
        {
            var year = calendar.Year(y);
            for (int m = 0; m < M; m++)
                weeks[Index(y, m)] = For(targets, year, (Modality)m) ?? double.NaN;
        }
        return new MaxWaitTable([.. weeks], [.. targets.Select(t => t.Modality)]);
    }

    private static double? For(IReadOnlyList<Data.WaitTarget> targets, FinancialYear year, Modality modality)
    {
        if (year < FirstYear) return null;
        foreach (var t in targets)
            if (t.Modality == modality) return year == FirstYear ? t.Target2002 : t.Target2003;
        return null;
    }
}
