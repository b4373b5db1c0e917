using System.Globalization;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// Merges configuration layers (embedded default, base files, the scenario, overlays, environment
/// variables, <c>--set</c>) key by key, remembering which layer supplied each value so that every
/// error can name its file. Unlike a plain <c>IConfigurationRoot</c>, a JSON layer replaces
/// arrays and parameter values whole: a two-element list over a three-element one leaves two.
/// An override layer (environment, <c>--set</c>) may replace list items but never add one: an index must
/// be written 0, 1, 2 ... and name an item that exists, so <c>Areas.7</c>, <c>Areas.-1</c> or <c>Areas.01</c> is
/// refused rather than quietly appending, prepending or duplicating an area.
/// </summary>
/// <remarks>
/// Every step is linear in the number of keys (times their depth): a 10^5-item list must be refused in a
/// moment, not after minutes of comparing every key with every other.
/// </remarks>
internal sealed class ConfigLayers(List<ScenarioError> errors)
{
    /// <summary>The most items one list or object may hold (10,000: the largest list in a real scenario has a few hundred).</summary>
    public const int MaxItems = 10_000;

    private readonly Dictionary<string, Entry> _merged = new(StringComparer.OrdinalIgnoreCase);

    public readonly record struct Entry(string Path, string? Value, string Source);

    /// <summary>Adds one layer on top of the others.</summary>
    /// <param name="data">The layer's keys (<c>:</c> between levels) and values, as a configuration provider flattens them.</param>
    /// <param name="source">How to name the layer in messages.</param>
    /// <param name="replacesArrays">True for JSON files: arrays they define replace earlier arrays. False for override layers, whose list indices are checked.</param>
    /// <param name="sourceOfKey">Optional: a per-key source name (environment variable names).</param>
    /// <param name="replacedPaths">
    /// Optional: paths (<c>:</c> between levels) this layer replaces whole, whatever it holds below them: the lists and
    /// empty objects of a JSON <c>--set</c> value, so <c>Areas=["Lambeth"]</c> leaves one area and
    /// <c>Rollout.Tranches.0={...}</c> replaces the first tranche only. The indices below such a path number a new list,
    /// not items of the old one, so they are not checked against it; the indices above it are.
    /// </param>
    public void Add(IEnumerable<KeyValuePair<string, string?>> data, string source, bool replacesArrays, Func<string, string>? sourceOfKey = null, IEnumerable<string>? replacedPaths = null)
    {
        var pairs = data.ToList();
        // As in IConfiguration, a key with keys below it is a section, not a value.
        var sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, _) in pairs)
            for (int i = key.IndexOf(':'); i >= 0; i = key.IndexOf(':', i + 1)) sections.Add(key[..i]);
        var entries = new List<Entry>(pairs.Count);
        foreach (var (key, value) in pairs)
            if (!sections.Contains(key)) entries.Add(new Entry(key, value, sourceOfKey?.Invoke(key) ?? source));
        var replaced = new HashSet<string>(replacedPaths ?? [], StringComparer.OrdinalIgnoreCase);
        if (!replacesArrays) entries = RefuseBadIndices(entries, replaced);
        if (entries.Count == 0) return;

        var roots = new HashSet<string>(replaced, StringComparer.OrdinalIgnoreCase);
        var onlyIndices = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase); // section → are all its child keys numbers?
        foreach (var e in entries)
        {
            var segments = e.Path.Split(':');
            int end = -1;
            for (int depth = 1; depth <= segments.Length; depth++)
            {
                end += segments[depth - 1].Length + 1;
                if (IsAtomic(segments, depth)) roots.Add(e.Path[..end]);
                if (depth < segments.Length)
                {
                    string prefix = e.Path[..end];
                    bool index = int.TryParse(segments[depth], out _);
                    onlyIndices[prefix] = onlyIndices.TryGetValue(prefix, out bool all) ? all && index : index;
                }
            }
        }
        if (replacesArrays)
            foreach (var (prefix, all) in onlyIndices)
                if (all) roots.Add(prefix);
        foreach (var e in entries)
        {
            // A value replaces what was below it; children replace a value at their parent.
            if (e.Value is not null) roots.Add(e.Path);
            for (int i = e.Path.IndexOf(':'); i >= 0; i = e.Path.IndexOf(':', i + 1))
                if (_merged.TryGetValue(e.Path[..i], out var old) && old.Value is not null) _merged.Remove(e.Path[..i]);
        }
        if (roots.Count > 0)
            foreach (var key in _merged.Keys.ToList())
                if (SelfOrAncestorIn(key, roots)) _merged.Remove(key);
        foreach (var e in entries) _merged[e.Path] = e;
    }

    private static bool SelfOrAncestorIn(string key, HashSet<string> set)
    {
        if (set.Contains(key)) return true;
        for (int i = key.IndexOf(':'); i >= 0; i = key.IndexOf(':', i + 1))
            if (set.Contains(key[..i])) return true;
        return false;
    }

    /// <summary>
    /// The entries of an override layer whose list indices are sound; the others are reported. An index must be
    /// written as a plain whole number (no sign, no leading zero) and name an existing item; into an empty or
    /// absent list, a layer may write items 0, 1, 2 ... with no gaps (a whole new list). Indices in a list the layer
    /// replaces whole (at or below one of <paramref name="replaced"/>) number the new list and are not checked.
    /// </summary>
    private List<Entry> RefuseBadIndices(List<Entry> entries, HashSet<string> replaced)
    {
        // Item counts of the merged lists the layer indexes into: one pass over the merged keys.
        var lists = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in entries)
            for (int i = e.Path.IndexOf(':'); i >= 0; i = e.Path.IndexOf(':', i + 1))
                if (LooksLikeIndex(Segment(e.Path, i + 1)) && !SelfOrAncestorIn(e.Path[..i], replaced))
                    lists.TryAdd(e.Path[..i], new HashSet<string>(StringComparer.Ordinal));
        if (lists.Count > 0)
            foreach (var key in _merged.Keys)
                for (int i = key.IndexOf(':'); i >= 0; i = key.IndexOf(':', i + 1))
                    if (lists.TryGetValue(key[..i], out var items)) items.Add(Segment(key, i + 1));
        // Indices the layer itself writes into each empty list, to check they run 0, 1, 2 ... without gaps.
        var added = new Dictionary<string, SortedSet<int>>(StringComparer.OrdinalIgnoreCase);
        var kept = new List<Entry>(entries.Count);
        foreach (var e in entries)
        {
            string? problem = null;
            for (int i = e.Path.IndexOf(':'); i >= 0 && problem is null; i = e.Path.IndexOf(':', i + 1))
            {
                string segment = Segment(e.Path, i + 1), list = e.Path[..i];
                if (!LooksLikeIndex(segment) || SelfOrAncestorIn(list, replaced)) continue;
                string name = list.Replace(':', '.');
                if (!IsCanonicalIndex(segment, out int index))
                    problem = $"'{segment}' is not a list index: items of {name} are numbered 0, 1, 2 ... (no sign, no leading zeros)";
                else if (lists[list] is { Count: > 0 } items)
                {
                    if (index >= items.Count)
                        problem = $"index {index} is past the end of {name}, which has {items.Count} item{(items.Count == 1 ? "" : "s")} (0 to {items.Count - 1}); "
                            + "an override replaces an item but cannot add one: write the whole list in a scenario file";
                }
                else
                {
                    if (!added.TryGetValue(list, out var set)) added[list] = set = [];
                    set.Add(index);
                }
            }
            if (problem is null) kept.Add(e);
            else errors.Add(new ScenarioError(e.Source, e.Path.Replace(':', '.'), e.Value, problem));
        }
        foreach (var (list, indices) in added)
            if (indices.Max != indices.Count - 1)
            {
                int gap = Enumerable.Range(0, indices.Count).First(i => !indices.Contains(i));
                string name = list.Replace(':', '.');
                foreach (var e in kept.Where(e => e.Path.StartsWith(list + ":", StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    errors.Add(new ScenarioError(e.Source, e.Path.Replace(':', '.'), e.Value,
                        $"{name} is empty, so an override must give its items 0, 1, 2 ... without gaps; item {gap} is missing"));
                    kept.Remove(e);
                }
            }
        return kept;
    }

    private static string Segment(string path, int start)
    {
        int end = path.IndexOf(':', start);
        return end < 0 ? path[start..] : path[start..end];
    }

    /// <summary>Digits, with or without a sign: meant as a list index, rightly written or not.</summary>
    private static bool LooksLikeIndex(string segment)
    {
        var digits = segment.AsSpan().TrimStart("+-");
        return digits.Length > 0 && digits.Length >= segment.Length - 1 && !digits.ContainsAnyExcept("0123456789");
    }

    private static bool IsCanonicalIndex(string segment, out int index) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out index)
        && index.ToString(CultureInfo.InvariantCulture) == segment;

    /// <summary>
    /// Parameter values are replaced whole: <c>Parameters:X</c>, <c>Modalities:M:X</c>, <c>AreaOverrides:A:X</c> and an area's
    /// own per-modality values <c>AreaOverrides:A:Modalities:M:X</c> (issue 16).
    /// </summary>
    private static bool IsAtomic(string[] segments, int depth)
    {
        string top = segments[0];
        if (depth == 2 && top.Equals("Parameters", StringComparison.OrdinalIgnoreCase)) return true;
        if (depth == 3 && top.Equals("Modalities", StringComparison.OrdinalIgnoreCase)) return true;
        if (top.Equals("AreaOverrides", StringComparison.OrdinalIgnoreCase))
        {
            bool modalities = segments.Length > 2 && segments[2].Equals("Modalities", StringComparison.OrdinalIgnoreCase);
            return depth == (modalities ? 5 : 3);
        }
        return false;
    }

    /// <summary>
    /// The merged tree. A list or object with more than <see cref="MaxItems"/> items is reported (key path, count,
    /// limit) and left empty, so that nothing after loading ever works through a list of that size.
    /// </summary>
    public ConfigNode Build()
    {
        var root = new ConfigNode("", "", null, "");
        foreach (var e in _merged.Values.OrderBy(e => e.Path, StringComparer.OrdinalIgnoreCase))
        {
            var node = root;
            int start = 0;
            while (true)
            {
                int end = e.Path.IndexOf(':', start);
                string segment = end < 0 ? e.Path[start..] : e.Path[start..end];
                node = node.GetOrAdd(segment, e.Path[..(end < 0 ? e.Path.Length : end)].Replace(':', '.'), e.Source);
                if (end < 0) break;
                start = end + 1;
            }
            node.Value = e.Value;
            node.Source = e.Source;
        }
        TrimOversized(root);
        return root;
    }

    private void TrimOversized(ConfigNode node)
    {
        if (node.Children.Count > MaxItems)
        {
            bool list = node.Children.All(c => int.TryParse(c.Key, out _));
            errors.Add(new ScenarioError(node.AnySource, node.Path, null,
                $"holds {node.Children.Count:N0} {(list ? "items" : "keys")}; a list or section may hold at most {MaxItems:N0}"));
            node.Clear();
            return;
        }
        foreach (var child in node.Children) TrimOversized(child);
    }
}
