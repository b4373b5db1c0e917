using System.Globalization;

namespace TreatmentFlowModel.Model;

/// <summary>
/// An April-March financial year, named by the calendar year it starts in: <c>new FinancialYear(2003)</c> is 2003/04,
/// which is also its text (<see cref="ToString"/>) in every output file. Years order and subtract like the integers.
/// </summary>
/// <param name="StartYear">The calendar year in whose April the financial year starts.</param>
public readonly record struct FinancialYear(int StartYear) : IComparable<FinancialYear>
{
    /// <summary>The financial year that <paramref name="date"/> falls in.</summary>
    public static FinancialYear Of(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    /// <summary>The year <paramref name="years"/> years later (earlier when negative).</summary>
    public static FinancialYear operator +(FinancialYear year, int years) => new(year.StartYear + years);

    /// <summary>The year <paramref name="years"/> years earlier.</summary>
    public static FinancialYear operator -(FinancialYear year, int years) => new(year.StartYear - years);

    /// <summary>Whole years from <paramref name="earlier"/> to <paramref name="later"/>.</summary>
    public static int operator -(FinancialYear later, FinancialYear earlier) => later.StartYear - earlier.StartYear;

    /// <summary>Whether <paramref name="a"/> comes before <paramref name="b"/>.</summary>
    public static bool operator <(FinancialYear a, FinancialYear b) => a.StartYear < b.StartYear;

    /// <summary>Whether <paramref name="a"/> comes after <paramref name="b"/>.</summary>
    public static bool operator >(FinancialYear a, FinancialYear b) => a.StartYear > b.StartYear;

    /// <summary>Whether <paramref name="a"/> is <paramref name="b"/> or comes before it.</summary>
    public static bool operator <=(FinancialYear a, FinancialYear b) => a.StartYear <= b.StartYear;

    /// <summary>Whether <paramref name="a"/> is <paramref name="b"/> or comes after it.</summary>
    public static bool operator >=(FinancialYear a, FinancialYear b) => a.StartYear >= b.StartYear;

    /// <inheritdoc />
    public int CompareTo(FinancialYear other) => StartYear.CompareTo(other.StartYear);

    /// <summary>
    /// The period label of output files, e.g. <c>FY2003-04</c>: text that spreadsheets keep as text (<c>2003/04</c> may be
    /// read as a date), with <see cref="StartYear"/> as the numeric year column beside it.
    /// </summary>
    public string Period => string.Create(CultureInfo.InvariantCulture, $"FY{StartYear}-{(StartYear + 1) % 100:00}");

    /// <summary>The label used in reports and scenario files, e.g. <c>2003/04</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{StartYear}/{(StartYear + 1) % 100:00}");

    /// <summary>Reads a label such as <c>2003/04</c>; false unless the two parts are consecutive years.</summary>
    public static bool TryParse(string text, out FinancialYear year)
    {
        year = default;
        if (text.Length != 7 || text[4] != '/') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int y)) return false;
        if (!int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int yy)) return false;
        if ((y + 1) % 100 != yy) return false;
        year = new FinancialYear(y);
        return true;
    }

    /// <summary>Reads a label such as <c>2003/04</c>.</summary>
    /// <exception cref="FormatException">The text is not two consecutive years written <c>yyyy/yy</c>.</exception>
    public static FinancialYear Parse(string text) =>
        TryParse(text, out var year) ? year : throw new FormatException($"'{text}' is not a financial year such as 2003/04");
}
