using System.Text;
using System.Text.RegularExpressions;

namespace TreatmentFlowModel.Tests.Architecture;

/// <summary>
/// Reads which parts of the code use which: every source file belongs to the part named by its folder
/// (<c>src/TreatmentFlowModel/Engine/...</c> is Engine; the Reporting and Cli projects are parts of their own), and
/// uses a part when it names its namespace in a <c>using</c> line or in code (<c>TreatmentFlowModel.Output.X</c>, or
/// <c>Output.X</c> for a type X of that part). Comments and string text are ignored.
/// </summary>
internal static partial class DependencyRules
{
    /// <summary>The part of the root namespace (LibraryInfo): every part may use it.</summary>
    public const string Root = "(root)";

    /// <summary>One use of a part by another, with the file it is in.</summary>
    public readonly record struct Edge(string From, string To, string File);

    /// <summary>The part a source file belongs to, from its path relative to the repository root (null: not library code).</summary>
    public static string? PartOf(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/');
        if (parts.Length < 3 || parts[0] != "src") return null;
        return parts[1] switch
        {
            "TreatmentFlowModel" => parts.Length == 3 ? Root : parts[2],
            var project when project.StartsWith("TreatmentFlowModel.", StringComparison.Ordinal) => project["TreatmentFlowModel.".Length..],
            _ => null,
        };
    }

    /// <summary>Every use of one part by another in <paramref name="files"/> (relative path, text).</summary>
    public static List<Edge> Edges(IReadOnlyList<(string Path, string Text)> files)
    {
        var code = files.Where(f => PartOf(f.Path) is not null).Select(f => (f.Path, Part: PartOf(f.Path)!, Code: CodeOnly(f.Text))).ToList();
        // The types each part declares, for uses written relative to the root namespace (Output.AtomicFolder).
        var typesOf = code.GroupBy(f => f.Part).ToDictionary(g => g.Key, g => g.SelectMany(f => Declaration().Matches(f.Code).Select(m => m.Groups[1].Value)).ToHashSet());
        var edges = new List<Edge>();
        foreach (var (path, part, text) in code)
        {
            var body = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("namespace ", StringComparison.Ordinal)));
            foreach (Match m in Qualified().Matches(body)) edges.Add(new Edge(part, m.Groups[1].Value, path));
            foreach (var (other, types) in typesOf)
                if (other != Root && other != part && types.Any(t => Regex.IsMatch(body, $@"(?<![\w.]){Regex.Escape(other)}\.{Regex.Escape(t)}\b")))
                    edges.Add(new Edge(part, other, path));
        }
        return [.. edges.Where(e => e.From != e.To).Distinct()];
    }

    /// <summary>The uses <paramref name="allowed"/> does not allow (every part may use the root).</summary>
    public static List<Edge> Violations(IEnumerable<Edge> edges, IReadOnlyDictionary<string, string[]> allowed) =>
        [.. edges.Where(e => e.To != Root && !(allowed.TryGetValue(e.From, out var to) && to.Contains(e.To)))];

    /// <summary>A cycle in <paramref name="allowed"/> read as a graph (e.g. <c>A -> B -> A</c>), or null when it is one-way.</summary>
    public static string? Cycle(IReadOnlyDictionary<string, string[]> allowed)
    {
        var state = new Dictionary<string, int>(); // 1 visiting, 2 done
        var path = new List<string>();
        string? Visit(string node)
        {
            if (state.TryGetValue(node, out int s)) return s == 1 ? string.Join(" -> ", path.SkipWhile(p => p != node).Append(node)) : null;
            state[node] = 1;
            path.Add(node);
            foreach (var next in allowed.GetValueOrDefault(node, []))
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in allowed.Keys)
            if (Visit(node) is { } cycle) return cycle;
        return null;
    }

    /// <summary>The text with comments removed and string literals emptied (interpolation holes kept: they are code).</summary>
    public static string CodeOnly(string text)
    {
        var s = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '/' && At(text, i + 1, '/')) { while (i < text.Length && text[i] != '\n') i++; continue; }
            if (c == '/' && At(text, i + 1, '*')) { int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal); i = end < 0 ? text.Length : end + 2; continue; }
            if (c == '\'') { i++; while (i < text.Length && text[i] != '\'') i += text[i] == '\\' ? 2 : 1; i++; s.Append("' '"); continue; }
            int start = i;
            bool interpolated = false, verbatim = false;
            while (i < text.Length && (text[i] == '$' || text[i] == '@')) { interpolated |= text[i] == '$'; verbatim |= text[i] == '@'; i++; }
            if (i < text.Length && text[i] == '"')
            {
                i = SkipString(text, i, interpolated, verbatim, s);
                continue;
            }
            i = start;
            s.Append(c);
            i++;
        }
        return s.ToString();
    }

    private static bool At(string text, int i, char c) => i < text.Length && text[i] == c;

    /// <summary>Skips a string literal starting at the quote <paramref name="i"/>, copying its interpolation holes; returns the index after it.</summary>
    private static int SkipString(string text, int i, bool interpolated, bool verbatim, StringBuilder into)
    {
        int quotes = 0;
        while (At(text, i + quotes, '"')) quotes++;
        into.Append("\"\"");
        if (quotes >= 3)
        {
            int end = text.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
            return end < 0 ? text.Length : end + quotes;
        }
        if (quotes == 2) return i + 2; // ""
        i++;
        while (i < text.Length)
        {
            char c = text[i];
            if (!verbatim && c == '\\') { i += 2; continue; }
            if (c == '"')
            {
                if (verbatim && At(text, i + 1, '"')) { i += 2; continue; }
                return i + 1;
            }
            if (interpolated && c == '{')
            {
                if (At(text, i + 1, '{')) { i += 2; continue; }
                int depth = 1;
                i++;
                into.Append(' ');
                while (i < text.Length && depth > 0)
                {
                    if (text[i] == '{') depth++;
                    else if (text[i] == '}') depth--;
                    else if (text[i] == '"') { i = SkipString(text, i, false, false, into); continue; }
                    if (depth > 0) into.Append(text[i]);
                    i++;
                }
                into.Append(' ');
                continue;
            }
            i++;
        }
        return i;
    }

    [GeneratedRegex(@"(?<![\w.])TreatmentFlowModel\.(\w+)\b")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"\b(?:class|struct|record|interface|enum)\s+(\w+)")]
    private static partial Regex Declaration();
}
