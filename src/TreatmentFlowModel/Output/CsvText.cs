using System.Globalization;

namespace TreatmentFlowModel.Output;

/// <summary>CSV cells: numbers in invariant round-trip form, text quoted where needed and neutralised against formula injection.</summary>
public static class CsvText
{
    /// <summary>A number as the shortest text that reads back to the same double; NaN (undefined) as an empty cell.</summary>
    public static string Number(double x) => double.IsNaN(x) ? "" : x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A number rounded to <paramref name="decimals"/> places (half away from zero) and written without trailing zeros:
    /// 214.89999999999998 with 1 decimal is <c>214.9</c>, never a binary artefact; -0 is written 0; NaN is an empty cell.
    /// </summary>
    public static string Number(double x, int decimals)
    {
        if (double.IsNaN(x)) return "";
        if (!double.IsFinite(x)) return x.ToString("R", CultureInfo.InvariantCulture);
        double rounded = Math.Round(x, decimals, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Text from users (area names, scenario names). Cells starting with = + - @ tab or carriage return are
    /// prefixed with a quote so spreadsheets do not run them as formulas (OWASP CSV injection advice).
    /// </summary>
    public static string Text(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r') s = "'" + s;
        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
