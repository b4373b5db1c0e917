using System.Globalization;
using System.Text.Json;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// <c>Key=Value</c> overrides (<c>--set</c>) as configuration keys. A value that starts with <c>[</c> or <c>{</c> is JSON and
/// means what it would mean in a scenario file at that key: <c>Areas=["North East Lincolnshire"]</c> is a list of one
/// area (a list replaces the list below it whole), <c>Policy={"CjsPriority":false}</c> sets the keys it names and
/// leaves the others, as a file's object does. Any other value is the text after <c>=</c>, as before.
/// </summary>
internal sealed class SetOverrides
{
    /// <summary>As scenario files are read: comments and trailing commas allowed.</summary>
    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _replaced = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configuration keys (<c>:</c> between levels) and their values, the later override winning.</summary>
    public IReadOnlyDictionary<string, string?> Values => _values;

    /// <summary>Paths the overrides replace whole (lists and empty objects), for <see cref="ConfigLayers.Add"/>.</summary>
    public IReadOnlyCollection<string> ReplacedPaths => _replaced;

    /// <summary>Whether any override was added.</summary>
    public bool IsEmpty => _values.Count == 0;

    /// <summary>Adds one <c>Key=Value</c> override; a problem is added to <paramref name="errors"/> instead.</summary>
    /// <param name="set">The override as typed.</param>
    /// <param name="source">How messages name the overrides (e.g. <c>--set</c>).</param>
    /// <param name="errors">Where problems go.</param>
    public void Add(string set, string source, List<ScenarioError> errors)
    {
        int eq = set.IndexOf('=');
        if (eq <= 0)
        {
            errors.Add(new ScenarioError(source, set, set, $"must be Key=Value, e.g. {source} Parameters.ArrestPerYear=1.5"));
            return;
        }
        string written = set[..eq].Trim();
        string key = written.Replace('.', ':');
        string value = set[(eq + 1)..].Trim();
        if (!value.StartsWith('[') && !value.StartsWith('{'))
        {
            Replace(key);
            _values[key] = value;
            return;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value, JsonOptions);
        }
        catch (JsonException e)
        {
            string problem = e.Message.Split(". ", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            errors.Add(new ScenarioError(source, written, value,
                $"a value starting with [ or {{ is read as JSON, and this is not valid JSON ({problem}); write a list as [\"a\", \"b\"] (in single quotes in a shell: {source} 'Areas=[\"Lambeth\", \"Bristol\"]')"));
            return;
        }
        using (document)
        {
            Replace(key);
            Flatten(key, document.RootElement);
        }
    }

    /// <summary>An override of <paramref name="key"/> replaces what earlier overrides set at it or below it.</summary>
    private void Replace(string key)
    {
        foreach (var old in _values.Keys.Where(k => k.Equals(key, StringComparison.OrdinalIgnoreCase) || k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)).ToList())
            _values.Remove(old);
        _replaced.RemoveWhere(k => k.Equals(key, StringComparison.OrdinalIgnoreCase) || k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The keys a scenario file would give this JSON value at <paramref name="path"/>.</summary>
    private void Flatten(string path, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                _replaced.Add(path);
                int i = 0;
                foreach (var item in value.EnumerateArray()) Flatten($"{path}:{i++.ToString(CultureInfo.InvariantCulture)}", item);
                if (i == 0) _values[path] = null;
                break;
            case JsonValueKind.Object:
                bool any = false;
                foreach (var property in value.EnumerateObject())
                {
                    any = true;
                    Flatten($"{path}:{property.Name}", property.Value);
                }
                if (!any)
                {
                    _replaced.Add(path);
                    _values[path] = null;
                }
                break;
            case JsonValueKind.String:
                _values[path] = value.GetString();
                break;
            case JsonValueKind.Null:
                _values[path] = null;
                break;
            default:
                // Numbers as written (no binary round trip), true and false as the configuration JSON reader gives them.
                _values[path] = value.ValueKind switch { JsonValueKind.True => "True", JsonValueKind.False => "False", _ => value.GetRawText() };
                break;
        }
    }
}
