namespace TreatmentFlowModel.Model;

/// <summary>
/// Weekly time steps from a start date, and the April-March financial years they fall in.
/// Week w covers the seven days from <c>Start + 7w</c>; it belongs to the financial year of its first day.
/// </summary>
public sealed class WeekCalendar
{
    private readonly int[] _yearOfWeek;

    /// <summary>Creates the calendar of weeks from <paramref name="start"/> up to and including <paramref name="end"/>.</summary>
    public WeekCalendar(DateOnly start, DateOnly end)
    {
        if (end < start) throw new ArgumentException($"end ({end:yyyy-MM-dd}) is before start ({start:yyyy-MM-dd})", nameof(end));
        Start = start;
        End = end;
        Weeks = (end.DayNumber - start.DayNumber) / 7 + 1;
        FirstYear = FinancialYearOf(start);
        _yearOfWeek = new int[Weeks];
        for (int w = 0; w < Weeks; w++) _yearOfWeek[w] = FinancialYearOf(WeekStart(w)) - FirstYear;
        Years = _yearOfWeek[^1] + 1;
    }

    /// <summary>First day of the first week.</summary>
    public DateOnly Start { get; }

    /// <summary>Last day simulated (inside the last week).</summary>
    public DateOnly End { get; }

    /// <summary>Number of weekly steps.</summary>
    public int Weeks { get; }

    /// <summary>Calendar year in which the first financial year starts (1998 for 1998/99).</summary>
    public int FirstYear { get; }

    /// <summary>Number of financial years touched by the weeks.</summary>
    public int Years { get; }

    /// <summary>First day of week <paramref name="week"/>.</summary>
    public DateOnly WeekStart(int week) => Start.AddDays(7 * week);

    /// <summary>Index (from 0 = <see cref="FirstYear"/>) of the financial year that week <paramref name="week"/> belongs to.</summary>
    public int YearIndexOfWeek(int week) => _yearOfWeek[week];

    /// <summary>True when <paramref name="week"/> is the first simulated week of its financial year.</summary>
    public bool IsFirstWeekOfYear(int week) => week == 0 || _yearOfWeek[week] != _yearOfWeek[week - 1];

    /// <summary>True when <paramref name="week"/> is the last simulated week of its financial year.</summary>
    public bool IsLastWeekOfYear(int week) => week == Weeks - 1 || _yearOfWeek[week] != _yearOfWeek[week + 1];

    /// <summary>The calendar year in which the financial year containing <paramref name="date"/> starts.</summary>
    public static int FinancialYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    /// <summary>Label such as <c>2003/04</c> for the financial year starting in April of <paramref name="startYear"/>.</summary>
    public static string YearLabel(int startYear) => $"{startYear}/{(startYear + 1) % 100:00}";

    /// <summary>Parses a label such as <c>2003/04</c>; returns false unless the two parts are consecutive years.</summary>
    public static bool TryParseYearLabel(string text, out int startYear)
    {
        startYear = 0;
        if (text.Length != 7 || text[4] != '/') return false;
        if (!int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, null, out int y)) return false;
        if (!int.TryParse(text.AsSpan(5, 2), System.Globalization.NumberStyles.None, null, out int yy)) return false;
        if ((y + 1) % 100 != yy) return false;
        startYear = y;
        return true;
    }
}
