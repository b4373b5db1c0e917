using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace TreatmentFlowModel.Reporting;

/// <summary>
/// One Excel workbook (.xlsx, through the Open XML SDK) from an output folder's CSV files: a sheet per file, the codebook
/// first, numbers stored as numbers and text as text (so a period such as <c>FY2003-04</c> stays text and nothing is
/// read as a date). A file longer than a sheet (1,048,576 rows) continues on sheets named "annual (2)" and so on, each
/// with the header row.
/// </summary>
public static class SpreadsheetExport
{
    /// <summary>Rows of one sheet, the header included (Excel's limit).</summary>
    public const int MaxRowsPerSheet = 1_048_576;

    /// <summary>The order sheets come in; other CSV files follow in name order.</summary>
    private static readonly string[] Order = ["codebook", "summary", "targets", "gaps", "annual", "weekly", "compare", "compare-targets", "trajectories"];

    /// <summary>Writes the CSV files of <paramref name="folder"/> into the workbook <paramref name="xlsxPath"/>.</summary>
    /// <returns>The sheet names written.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidOperationException">The folder holds no CSV file.</exception>
    public static IReadOnlyList<string> FromFolder(string folder, string xlsxPath)
    {
        var files = CsvFiles(folder);
        using var stream = File.Create(xlsxPath);
        return Write(files.Select(f => (Path.GetFileNameWithoutExtension(f), (Func<TextReader>)(() => new StreamReader(f)))), stream);
    }

    /// <summary>Writes the CSV files of <paramref name="folder"/> as a workbook into <paramref name="output"/> (for example the temporary file of an atomic write).</summary>
    /// <param name="folder">An output folder of <c>tfm run</c> or <c>tfm compare</c>.</param>
    /// <param name="output">Where the workbook goes.</param>
    /// <returns>The sheet names written.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidOperationException">The folder holds no CSV file.</exception>
    public static IReadOnlyList<string> FromFolder(string folder, Stream output) =>
        Write(CsvFiles(folder).Select(f => (Path.GetFileNameWithoutExtension(f), (Func<TextReader>)(() => new StreamReader(f)))), output);

    /// <summary>The folder's CSV files in sheet order.</summary>
    private static List<string> CsvFiles(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"'{folder}' is not a folder");
        var files = Directory.GetFiles(folder, "*.csv")
            .OrderBy(f => Array.IndexOf(Order, Path.GetFileNameWithoutExtension(f)) is var i && i >= 0 ? i : Order.Length)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0) throw new InvalidOperationException($"'{folder}' holds no CSV file to export");
        return files;
    }

    /// <summary>Writes one sheet per CSV text into <paramref name="output"/>.</summary>
    /// <param name="sheets">Sheet name (at most 31 characters are kept) and a reader of the CSV text.</param>
    /// <param name="output">Where the workbook goes.</param>
    /// <returns>The sheet names written.</returns>
    public static IReadOnlyList<string> Write(IEnumerable<(string Name, Func<TextReader> Open)> sheets, Stream output)
    {
        var names = new List<string>();
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheetList = workbook.Workbook.AppendChild(new Sheets());
        uint sheetId = 1;
        foreach (var (name, open) in sheets)
        {
            using var reader = open();
            using var rows = CsvRows.Read(reader).GetEnumerator();
            if (!rows.MoveNext()) continue;
            var header = rows.Current;
            var pending = rows.MoveNext() ? rows.Current : null;
            int part = 1;
            do
            {
                string sheetName = Truncate(part == 1 ? name : $"{name} ({part})");
                var sheetPart = workbook.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(sheetPart))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteStartElement(new SheetData());
                    WriteRow(writer, header, asText: true);
                    for (int written = 1; pending is not null && written < MaxRowsPerSheet; written++)
                    {
                        WriteRow(writer, pending, asText: false);
                        pending = rows.MoveNext() ? rows.Current : null;
                    }
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
                sheetList.AppendChild(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = sheetId++, Name = sheetName });
                names.Add(sheetName);
                part++;
            }
            while (pending is not null);
        }
        workbook.Workbook.Save();
        return names;
    }

    private static void WriteRow(OpenXmlWriter writer, List<string> cells, bool asText)
    {
        writer.WriteStartElement(new Row());
        foreach (var text in cells)
        {
            if (!asText && text.Length > 0 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
                writer.WriteElement(new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) });
            else if (text.Length > 0)
                writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
            else
                writer.WriteElement(new Cell());
        }
        writer.WriteEndElement();
    }

    private static string Truncate(string name)
    {
        foreach (char bad in "[]:*?/\\") name = name.Replace(bad, '_');
        return name.Length <= 31 ? name : name[..31];
    }
}
