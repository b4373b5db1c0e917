using Microsoft.Extensions.Configuration;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// Merges configuration layers (embedded default, base files, the scenario, overlays, environment
/// variables, <c>--set</c>) key by key, remembering which layer supplied each value so that every
/// error can name its file. Unlike a plain <see cref="IConfigurationRoot"/>, a JSON layer replaces
/// arrays and parameter values whole: a two-element list over a three-element one leaves two.
/// </summary>
internal sealed class ConfigLayers
{
    private readonly Dictionary<string, Entry> _merged = new(StringComparer.OrdinalIgnoreCase);

    public readonly record struct Entry(string Path, string? Value, string Source);

    /// <summary>Adds one layer on top of the others.</summary>
    /// <param name="provider">A loaded provider (JSON, environment, memory).</param>
    /// <param name="source">How to name the layer in messages.</param>
    /// <param name="replacesArrays">True for JSON files: arrays they define replace earlier arrays.</param>
    /// <param name="sourceOfKey">Optional: a per-key source name (environment variable names).</param>
    /// <param name="replacedPaths">
    /// Optional: paths (<c>:</c> between levels) this layer replaces whole, whatever it holds below them: the lists and
    /// empty objects of a JSON <c>--set</c> value, so <c>Areas=["Lambeth"]</c> leaves one area and
    /// <c>Rollout.Tranches.0={...}</c> replaces the first tranche only.
    /// </param>
    public void Add(IConfigurationProvider provider, string source, bool replacesArrays, Func<string, string>? sourceOfKey = null, IEnumerable<string>? replacedPaths = null)
    {
        var entries = new List<Entry>();
        Collect(provider, null, entries, source, sourceOfKey);
        if (entries.Count == 0) return;

        var roots = new HashSet<string>(replacedPaths ?? [], StringComparer.OrdinalIgnoreCase);
        var children = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in entries)
        {
            var segments = e.Path.Split(':');
            for (int depth = 1; depth <= segments.Length; depth++)
            {
                string prefix = string.Join(':', segments, 0, depth);
                if (IsAtomic(segments, depth)) roots.Add(prefix);
                if (depth < segments.Length)
                {
                    if (!children.TryGetValue(prefix, out var list)) children[prefix] = list = [];
                    list.Add(segments[depth]);
                }
            }
        }
        if (replacesArrays)
            foreach (var (prefix, keys) in children)
                if (keys.All(k => int.TryParse(k, out _))) roots.Add(prefix);
        foreach (var e in entries)
        {
            // A value replaces what was below it; children replace a value at their parent.
            if (e.Value is not null) roots.Add(e.Path);
            var segments = e.Path.Split(':');
            for (int depth = 1; depth < segments.Length; depth++)
            {
                string prefix = string.Join(':', segments, 0, depth);
                if (_merged.TryGetValue(prefix, out var old) && old.Value is not null) _merged.Remove(prefix);
            }
        }
        if (roots.Count > 0)
            foreach (var key in _merged.Keys.ToList())
                if (roots.Any(r => key.Equals(r, StringComparison.OrdinalIgnoreCase) || key.StartsWith(r + ":", StringComparison.OrdinalIgnoreCase)))
                    _merged.Remove(key);
        foreach (var e in entries) _merged[e.Path] = e;
    }

    /// <summary>Parameter values are replaced whole: <c>Parameters:X</c>, <c>Modalities:M:X</c>, <c>AreaOverrides:A:X</c>.</summary>
    private static bool IsAtomic(string[] segments, int depth)
    {
        string top = segments[0];
        if (depth == 2 && top.Equals("Parameters", StringComparison.OrdinalIgnoreCase)) return true;
        if (depth == 3 && (top.Equals("Modalities", StringComparison.OrdinalIgnoreCase) || top.Equals("AreaOverrides", StringComparison.OrdinalIgnoreCase))) return true;
        return false;
    }

    private static void Collect(IConfigurationProvider provider, string? parent, List<Entry> into, string source, Func<string, string>? sourceOfKey)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            string path = parent is null ? child : parent + ":" + child;
            bool hasChildren = provider.GetChildKeys([], path).Any();
            if (hasChildren) Collect(provider, path, into, source, sourceOfKey);
            else if (provider.TryGet(path, out var value))
                into.Add(new Entry(path, value, sourceOfKey?.Invoke(path) ?? source));
        }
    }

    /// <summary>The merged tree.</summary>
    public ConfigNode Build()
    {
        var root = new ConfigNode("", "", null, "");
        foreach (var e in _merged.Values.OrderBy(e => e.Path, StringComparer.OrdinalIgnoreCase))
        {
            var node = root;
            var segments = e.Path.Split(':');
            for (int i = 0; i < segments.Length; i++)
            {
                string path = string.Join('.', segments, 0, i + 1);
                node = node.GetOrAdd(segments[i], path, e.Source);
            }
            node.Value = e.Value;
            node.Source = e.Source;
        }
        return root;
    }
}

/// <summary>A node of the merged scenario configuration, with the layer that supplied it.</summary>
internal sealed class ConfigNode(string key, string path, string? value, string source)
{
    private readonly List<ConfigNode> _children = [];

    public string Key { get; } = key;

    /// <summary>Dot-separated key path as written, e.g. <c>Rollout.Tranches.0.Start</c>.</summary>
    public string Path { get; } = path;

    public string? Value { get; set; } = value;

    public string Source { get; set; } = source;

    public IReadOnlyList<ConfigNode> Children => _children;

    public bool IsLeaf => _children.Count == 0;

    public ConfigNode? this[string key] => _children.FirstOrDefault(c => c.Key.Equals(key, StringComparison.OrdinalIgnoreCase));

    public ConfigNode GetOrAdd(string key, string path, string source)
    {
        var node = this[key];
        if (node is null) _children.Add(node = new ConfigNode(key, path, null, source));
        return node;
    }

    /// <summary>Children of an array node in index order (keys 0, 1, 2, ...).</summary>
    public IEnumerable<ConfigNode> Items => _children.OrderBy(c => int.TryParse(c.Key, out int i) ? i : int.MaxValue);

    /// <summary>Every source mentioned under this node (for errors about a whole section).</summary>
    public string AnySource => _children.Count > 0 ? _children[^1].AnySource : Source;
}
