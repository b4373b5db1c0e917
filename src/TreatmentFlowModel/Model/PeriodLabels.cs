using System.Globalization;

namespace TreatmentFlowModel.Model;

/// <summary>
/// The text of months and quarters in output and observation files, chosen so that no label can be read as another
/// kind of period: a calendar month <c>2003-04</c> (ISO 8601), a calendar quarter <c>2003Q2</c> (April-June 2003), the
/// same quarter as a financial quarter <c>FY2003-04-Q1</c> (the first quarter of the April-March year 2003/04; written
/// like <see cref="FinancialYear.Period"/>, whose <c>FY</c> prefix no month label has).
/// </summary>
public static class PeriodLabels
{
    /// <summary>The month of <paramref name="date"/>, e.g. <c>2003-04</c>.</summary>
    public static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The calendar quarter (1-4, January-March first) of <paramref name="date"/>.</summary>
    public static int QuarterNumber(DateOnly date) => (date.Month - 1) / 3 + 1;

    /// <summary>The calendar quarter of <paramref name="date"/>, e.g. <c>2003Q2</c> for April-June 2003.</summary>
    public static string Quarter(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}Q{QuarterNumber(date)}");

    /// <summary>The quarter (1-4, April-June first) of its financial year that <paramref name="date"/> falls in.</summary>
    public static int FinancialQuarterNumber(DateOnly date) => (date.Month + 8) % 12 / 3 + 1;

    /// <summary>The financial quarter of <paramref name="date"/>, e.g. <c>FY2003-04-Q1</c> for April-June 2003.</summary>
    public static string FinancialQuarter(DateOnly date) => $"{FinancialYear.Of(date).Period}-Q{FinancialQuarterNumber(date)}";
}
