namespace TreatmentFlowModel.Scenarios;

/// <summary>A node of the merged scenario configuration, with the layer that supplied it.</summary>
internal sealed class ConfigNode(string key, string path, string? value, string source)
{
    private readonly List<ConfigNode> _children = [];
    private readonly Dictionary<string, ConfigNode> _byKey = new(StringComparer.OrdinalIgnoreCase);

    public string Key { get; } = key;

    /// <summary>Dot-separated key path as written, e.g. <c>Rollout.Tranches.0.Start</c>.</summary>
    public string Path { get; } = path;

    public string? Value { get; set; } = value;

    public string Source { get; set; } = source;

    /// <summary>The children in the order they were added.</summary>
    public IReadOnlyList<ConfigNode> Children => _children;

    public bool IsLeaf => _children.Count == 0;

    /// <summary>The child called <paramref name="key"/> (case-insensitive), or null.</summary>
    public ConfigNode? this[string key] => _byKey.GetValueOrDefault(key);

    public ConfigNode GetOrAdd(string key, string path, string source)
    {
        if (_byKey.TryGetValue(key, out var node)) return node;
        node = new ConfigNode(key, path, null, source);
        _children.Add(node);
        _byKey[key] = node;
        return node;
    }

    /// <summary>Drops every child (a list too long to read, already reported).</summary>
    public void Clear()
    {
        _children.Clear();
        _byKey.Clear();
    }

    /// <summary>Children of an array node in index order (keys 0, 1, 2, ...).</summary>
    public IEnumerable<ConfigNode> Items => _children.OrderBy(c => int.TryParse(c.Key, out int i) ? i : int.MaxValue);

    /// <summary>Every source mentioned under this node (for errors about a whole section).</summary>
    public string AnySource => _children.Count > 0 ? _children[^1].AnySource : Source;
}
