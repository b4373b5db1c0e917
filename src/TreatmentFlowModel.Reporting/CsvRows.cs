using System.Text;

namespace TreatmentFlowModel.Reporting;

/// <summary>Reads the CSV files the library writes (RFC 4180: commas, quoted cells with doubled quotes, LF or CRLF line ends).</summary>
internal static class CsvRows
{
    /// <summary>The rows of <paramref name="reader"/>, each a list of cells.</summary>
    public static IEnumerable<List<string>> Read(TextReader reader)
    {
        var row = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false, any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            char ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); cell.Append('"'); }
                    else quoted = false;
                }
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (ch == '\r') { }
            else if (ch == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                yield return row;
                row = [];
                any = false;
            }
            else cell.Append(ch);
        }
        if (any)
        {
            row.Add(cell.ToString());
            yield return row;
        }
    }
}
