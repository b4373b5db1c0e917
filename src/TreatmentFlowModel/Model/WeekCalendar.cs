namespace TreatmentFlowModel.Model;

/// <summary>
/// Weekly time steps from a start date, and the April-March financial years, calendar months and quarters they fall in.
/// Week w covers the seven days from <c>Start + 7w</c> (so weeks begin on the start date's weekday); it belongs to the
/// financial year, month and quarter of its first day. One rule for all three periods makes months add up to quarters
/// and quarters to financial years exactly.
/// </summary>
public sealed class WeekCalendar
{
    private readonly int[] _yearOfWeek;
    private readonly int[] _monthOfWeek;

    /// <summary>Creates the calendar of weeks from <paramref name="start"/> up to and including <paramref name="end"/>.</summary>
    public WeekCalendar(DateOnly start, DateOnly end)
    {
        if (end < start) throw new ArgumentException($"end ({end:yyyy-MM-dd}) is before start ({start:yyyy-MM-dd})", nameof(end));
        Start = start;
        End = end;
        Weeks = (end.DayNumber - start.DayNumber) / 7 + 1;
        FirstYear = FinancialYear.Of(start);
        _yearOfWeek = new int[Weeks];
        for (int w = 0; w < Weeks; w++) _yearOfWeek[w] = FinancialYear.Of(WeekStart(w)) - FirstYear;
        Years = _yearOfWeek[^1] + 1;
        FirstMonth = new DateOnly(start.Year, start.Month, 1);
        _monthOfWeek = new int[Weeks];
        for (int w = 0; w < Weeks; w++) _monthOfWeek[w] = MonthsBetween(FirstMonth, WeekStart(w));
        Months = _monthOfWeek[^1] + 1;
        Quarters = QuarterIndexOfWeek(Weeks - 1) + 1;
    }

    private static int MonthsBetween(DateOnly first, DateOnly date) => (date.Year - first.Year) * 12 + date.Month - first.Month;

    /// <summary>First day of the first calendar month touched by the weeks.</summary>
    public DateOnly FirstMonth { get; }

    /// <summary>Number of calendar months touched by the weeks' first days.</summary>
    public int Months { get; }

    /// <summary>First day of month <paramref name="index"/> (0 = <see cref="FirstMonth"/>).</summary>
    public DateOnly Month(int index) => FirstMonth.AddMonths(index);

    /// <summary>Index (from 0 = <see cref="FirstMonth"/>) of the calendar month that week <paramref name="week"/> belongs to.</summary>
    public int MonthIndexOfWeek(int week) => _monthOfWeek[week];

    /// <summary>True when <paramref name="week"/> is the last simulated week of its month.</summary>
    public bool IsLastWeekOfMonth(int week) => week == Weeks - 1 || _monthOfWeek[week] != _monthOfWeek[week + 1];

    /// <summary>Number of calendar quarters (January-March, April-June, ...) touched by the weeks' first days.</summary>
    public int Quarters { get; }

    /// <summary>First day of quarter <paramref name="index"/> (0 = the quarter of <see cref="FirstMonth"/>).</summary>
    public DateOnly Quarter(int index) => new DateOnly(FirstMonth.Year, (FirstMonth.Month - 1) / 3 * 3 + 1, 1).AddMonths(3 * index);

    /// <summary>Index (from 0 = the quarter of <see cref="FirstMonth"/>) of the calendar quarter that week <paramref name="week"/> belongs to.</summary>
    public int QuarterIndexOfWeek(int week) => (_monthOfWeek[week] + (FirstMonth.Month - 1) % 3) / 3;

    /// <summary>True when <paramref name="week"/> is the last simulated week of its quarter.</summary>
    public bool IsLastWeekOfQuarter(int week) => week == Weeks - 1 || QuarterIndexOfWeek(week) != QuarterIndexOfWeek(week + 1);

    /// <summary>The simulated week holding <paramref name="date"/>, or -1 when the run does not.</summary>
    public int WeekOf(DateOnly date)
    {
        int days = date.DayNumber - Start.DayNumber;
        return days < 0 || days / 7 >= Weeks ? -1 : days / 7;
    }

    /// <summary>First day of the first week.</summary>
    public DateOnly Start { get; }

    /// <summary>Last day simulated (inside the last week).</summary>
    public DateOnly End { get; }

    /// <summary>Number of weekly steps.</summary>
    public int Weeks { get; }

    /// <summary>The first financial year touched by the weeks (that of the first day).</summary>
    public FinancialYear FirstYear { get; }

    /// <summary>The last financial year touched by the weeks.</summary>
    public FinancialYear LastYear => FirstYear + (Years - 1);

    /// <summary>Number of financial years touched by the weeks.</summary>
    public int Years { get; }

    /// <summary>The financial year of index <paramref name="index"/> (0 = <see cref="FirstYear"/>).</summary>
    public FinancialYear Year(int index) => FirstYear + index;

    /// <summary>Index of <paramref name="year"/> (0 = <see cref="FirstYear"/>); outside 0 to <see cref="Years"/> - 1 when the run does not touch it.</summary>
    public int YearIndex(FinancialYear year) => year - FirstYear;

    /// <summary>Whether the weeks touch <paramref name="year"/>.</summary>
    public bool Contains(FinancialYear year) => year >= FirstYear && year <= LastYear;

    /// <summary>Every financial year touched, in order.</summary>
    public IEnumerable<FinancialYear> FinancialYears => Enumerable.Range(0, Years).Select(Year);

    /// <summary>First day of week <paramref name="week"/>.</summary>
    public DateOnly WeekStart(int week) => Start.AddDays(7 * week);

    /// <summary>Index (from 0 = <see cref="FirstYear"/>) of the financial year that week <paramref name="week"/> belongs to.</summary>
    public int YearIndexOfWeek(int week) => _yearOfWeek[week];

    /// <summary>True when <paramref name="week"/> is the first simulated week of its financial year.</summary>
    public bool IsFirstWeekOfYear(int week) => week == 0 || _yearOfWeek[week] != _yearOfWeek[week - 1];

    /// <summary>True when <paramref name="week"/> is the last simulated week of its financial year.</summary>
    public bool IsLastWeekOfYear(int week) => week == Weeks - 1 || _yearOfWeek[week] != _yearOfWeek[week + 1];
}
