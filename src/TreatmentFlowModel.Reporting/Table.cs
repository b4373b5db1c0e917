using System.Globalization;
using System.Net;
using System.Text;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Reporting;

/// <summary>
/// A small table for notebooks and terminals: column names and rows of cells, shown as aligned text
/// (<see cref="ToString"/>) or as an HTML table (<see cref="ToHtml"/>, which notebook front ends render). Numbers are
/// written as the report writes them: three significant figures with thousands separators (<see cref="Rounding.Figure"/>),
/// whole numbers in full, and right-aligned.
/// </summary>
public sealed class Table
{
    private readonly bool[] _numeric;

    /// <summary>A table of <paramref name="rows"/>, each with one cell per column.</summary>
    /// <param name="columns">The column names.</param>
    /// <param name="rows">The cells: text as it is, numbers rounded (see the class), null or NaN as "–".</param>
    /// <exception cref="ArgumentException">A row does not have one cell per column.</exception>
    public Table(IEnumerable<string> columns, IEnumerable<IEnumerable<object?>> rows)
    {
        Columns = [.. columns];
        var cells = rows.Select(r => r.ToArray()).ToList();
        if (cells.FirstOrDefault(r => r.Length != Columns.Count) is { } bad)
            throw new ArgumentException($"a row has {bad.Length} cells for {Columns.Count} columns", nameof(rows));
        _numeric = [.. Enumerable.Range(0, Columns.Count).Select(c => cells.Count > 0 && cells.All(r => r[c] is null || IsNumber(r[c])))];
        Rows = [.. cells.Select(r => (IReadOnlyList<string>)[.. r.Select(Format)])];
    }

    /// <summary>A table with a row per item of <paramref name="items"/> and a column per (name, cell) pair.</summary>
    /// <typeparam name="T">The items' type.</typeparam>
    /// <param name="items">The rows' items.</param>
    /// <param name="columns">Each column's name and how to get its cell from an item.</param>
    /// <example><code>Table.Of(result.Targets, ("target", t => t.Target.Name), ("year", t => t.Year), ("chance met", t => t.PMet))</code></example>
    public static Table Of<T>(IEnumerable<T> items, params (string Name, Func<T, object?> Cell)[] columns) =>
        new(columns.Select(c => c.Name), items.Select(item => columns.Select(c => c.Cell(item))));

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows, each cell as written.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>The table as an HTML <c>&lt;table&gt;</c> (text encoded; numeric columns right-aligned).</summary>
    public string ToHtml()
    {
        string Align(int c) => _numeric[c] ? " style=\"text-align:right\"" : "";
        var html = new StringBuilder("<table>\n<thead><tr>");
        for (int c = 0; c < Columns.Count; c++) html.Append($"<th{Align(c)}>{WebUtility.HtmlEncode(Columns[c])}</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in Rows)
        {
            html.Append("<tr>");
            for (int c = 0; c < row.Count; c++) html.Append($"<td{Align(c)}>{WebUtility.HtmlEncode(row[c])}</td>");
            html.Append("</tr>\n");
        }
        return html.Append("</tbody>\n</table>").ToString();
    }

    /// <summary>The table as aligned text: numeric columns right-aligned, two spaces between columns.</summary>
    public override string ToString()
    {
        var widths = Enumerable.Range(0, Columns.Count).Select(c => Rows.Select(r => r[c].Length).Append(Columns[c].Length).Max()).ToArray();
        string Line(IReadOnlyList<string> cells) =>
            string.Join("  ", cells.Select((cell, c) => _numeric[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd();
        var text = new StringBuilder(Line(Columns)).Append('\n');
        foreach (var row in Rows) text.Append(Line(row)).Append('\n');
        return text.ToString();
    }

    private static bool IsNumber(object? x) => x is double or float or decimal or int or long or short or uint or ulong;

    /// <summary>A cell's text: whole numbers in full, other numbers to three significant figures, null and NaN as "–".</summary>
    private static string Format(object? x) => x switch
    {
        null => "–",
        int or long or short or uint or ulong => ((IFormattable)x).ToString("#,0", CultureInfo.InvariantCulture),
        double d => Rounding.Figure(d),
        float f => Rounding.Figure(f),
        decimal m => Rounding.Figure((double)m),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => x.ToString() ?? "",
    };
}
