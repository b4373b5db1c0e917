using System.Text;

namespace TreatmentFlowModel.Data;

/// <summary>Minimal RFC 4180 reader: header row, quoted fields with doubled quotes, LF or CRLF.</summary>
internal static class CsvReader
{
    /// <summary>Rows of fields with their 1-based line numbers; the header is row 0.</summary>
    public static List<(int Line, string[] Fields)> Parse(string text)
    {
        var rows = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, rowLine = 1;
        bool inQuotes = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"': inQuotes = true; any = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    if (any || field.Length > 0) { fields.Add(field.ToString()); rows.Add((rowLine, fields.ToArray())); }
                    fields.Clear(); field.Clear(); any = false; line++; rowLine = line;
                    break;
                default: field.Append(c); any = true; break;
            }
        }
        if (any || field.Length > 0) { fields.Add(field.ToString()); rows.Add((rowLine, fields.ToArray())); }
        return rows;
    }
}
