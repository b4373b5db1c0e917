using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using TreatmentFlowModel.Data;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// Loads scenarios: the embedded default, then each file's <c>Extends</c> chain, the files themselves
/// (later files overlay earlier ones), environment variables prefixed <c>TFM_</c> and <c>Key=Value</c>
/// overrides. Every problem is collected and thrown together as a <see cref="ScenarioException"/>.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Name of the embedded default scenario in messages and <see cref="Scenario.Sources"/>.</summary>
    public const string EmbeddedName = "embedded:default.json";

    /// <summary>Prefix of environment variables that override scenario keys (<c>TFM_Parameters__ArrestPerYear=1.5</c>).</summary>
    public const string EnvironmentPrefix = "TFM_";

    private const int MaxExtendsDepth = 32;

    /// <summary>The embedded default scenario (England by DAT, top-30 BCUs tested from June 2003), without environment overrides.</summary>
    public static Scenario LoadDefault() => Load([], [], useEnvironment: false);

    /// <summary>Loads a scenario from files, overrides and (optionally) environment variables.</summary>
    /// <param name="files">Scenario files, lowest priority first; empty for the embedded default alone.</param>
    /// <param name="sets">
    /// <c>Key=Value</c> overrides; keys use <c>.</c> or <c>:</c> between levels; a value starting with <c>[</c> or <c>{</c> is
    /// JSON (<c>Areas=["Lambeth","Bristol"]</c>), read as a scenario file would read it at that key.
    /// </param>
    /// <param name="useEnvironment">Whether <c>TFM_</c> environment variables override the files.</param>
    /// <exception cref="ScenarioException">Listing every problem found.</exception>
    /// <param name="options">Optional: overrides from named command-line options, key → (value, option name), applied last.</param>
    /// <param name="setsSource">How messages name the source of <paramref name="sets"/> (a command line passes its option, e.g. <c>--set</c>).</param>
    public static Scenario Load(IReadOnlyList<string> files, IReadOnlyList<string> sets, bool useEnvironment = true,
        IReadOnlyDictionary<string, (string Value, string Option)>? options = null, string setsSource = "override")
    {
        var errors = new List<ScenarioError>();
        var layers = new ConfigLayers(errors);
        var sources = ImmutableArray.CreateBuilder<string>();

        AddJson(layers, ReadEmbedded("default.json"), EmbeddedName, errors);
        sources.Add(EmbeddedName);

        foreach (var file in files)
            foreach (var (path, text) in ExpandChain(file, errors))
            {
                AddJson(layers, text, path, errors);
                sources.Add(path);
            }

        if (useEnvironment)
        {
            var env = new EnvironmentLayer(EnvironmentPrefix);
            env.Load();
            layers.Add(env.Entries, "environment", replacesArrays: false, key => $"environment variable {EnvironmentPrefix}{key.Replace(":", "__")}");
        }

        var overrides = new SetOverrides();
        foreach (var set in sets) overrides.Add(set, setsSource, errors);
        if (!overrides.IsEmpty)
            layers.Add(overrides.Values, setsSource, replacesArrays: false, key => $"{setsSource} {key.Replace(':', '.')}", overrides.ReplacedPaths);

        if (options is { Count: > 0 })
        {
            var data = options.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.Value, StringComparer.OrdinalIgnoreCase);
            layers.Add(data, "command line", replacesArrays: false, key => options.First(kv => kv.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value.Option);
        }

        if (errors.Count > 0) throw new ScenarioException(errors);
        var tree = layers.Build();
        var scenario = new ScenarioReader(errors).Read(tree, sources.ToImmutable());
        // Report every problem at once, but each key only once: values the reader could not read
        // (placeholders) are not reported again by the validator.
        // A key counts as reported when it, a section above it or a key below it was (sets of paths: linear, however many errors).
        var reported = errors.Select(e => e.Path).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var aboveReported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in reported)
            for (int dot = p.IndexOf('.'); dot >= 0; dot = p.IndexOf('.', dot + 1)) aboveReported.Add(p[..dot]);
        bool Reported(string path)
        {
            if (reported.Contains(path) || aboveReported.Contains(path)) return true;
            for (int dot = path.IndexOf('.'); dot >= 0; dot = path.IndexOf('.', dot + 1))
                if (reported.Contains(path[..dot])) return true;
            return false;
        }
        errors.AddRange(ScenarioValidator.Validate(scenario, path => SourceOf(tree, path)).Where(e => !Reported(e.Path)));
        if (errors.Count > 0) throw new ScenarioException(errors);
        return scenario;
    }

    /// <summary>Loads a scenario given as JSON text, overlaid on the embedded default.</summary>
    /// <param name="json">The scenario document.</param>
    /// <param name="name">How to name it in messages.</param>
    public static Scenario FromJson(string json, string name = "scenario.json")
    {
        string path = Path.Combine(Path.GetTempPath(), $"tfm-{Guid.NewGuid():N}", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            File.WriteAllText(path, json);
            return Load([path], [], useEnvironment: false);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    /// <summary>Text of an embedded resource: <c>default.json</c> or a data file such as <c>dat_treatment_allocations.csv</c>.</summary>
    internal static string ReadEmbedded(string name)
    {
        string resource = name.EndsWith(".json", StringComparison.Ordinal) ? $"TreatmentFlowModel.Defaults.{name}" : $"TreatmentFlowModel.Defaults.data.{name}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new FileNotFoundException($"embedded resource '{resource}' is missing from the library");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a data file named in a scenario: embedded, or relative to the file that named it.</summary>
    internal static string? ReadData(string reference, List<ScenarioError> errors, string source, string path)
    {
        if (reference.Length == 0) return null; // missing or refused: reported where the path was read
        if (!reference.StartsWith("embedded:", StringComparison.Ordinal)) return ReadText(reference, source, path, errors, missing: "data file not found");
        try
        {
            return ReadEmbedded(reference["embedded:".Length..]);
        }
        catch (FileNotFoundException e)
        {
            errors.Add(new ScenarioError(source, path, reference, $"cannot read the data file: {e.Message}"));
            return null;
        }
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A scenario, base, data or calibration file as UTF-8 text (a UTF-8 byte-order mark is allowed), read by
    /// <see cref="InputFile"/>'s rules: regular files only, size-limited, never blocking. UTF-16/32 files, bytes that
    /// are not UTF-8 (a file saved as Latin-1 or Windows-1252) and empty files are reported, never read as garbage.
    /// </summary>
    /// <param name="file">The file.</param>
    /// <param name="source">Who named it (the file or option that gave its path), for the message.</param>
    /// <param name="key">The key that named it, for the message.</param>
    /// <param name="errors">Where a problem is reported.</param>
    /// <param name="missing">The phrase for a file that does not exist.</param>
    internal static string? ReadText(string file, string source, string key, List<ScenarioError> errors, string missing = "file not found")
    {
        string shown = Display(file);
        var content = InputFile.Read(file);
        if (content.Bytes is not { } bytes)
        {
            errors.Add(new ScenarioError(source, key, shown, content.Kind == FileKind.Missing ? missing : content.Problem!));
            return null;
        }
        ReadOnlySpan<byte> b = bytes;
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            errors.Add(new ScenarioError(source, key, shown, "the file is UTF-16 or UTF-32 text; save it as UTF-8"));
            return null;
        }
        if (b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) b = b[3..];
        if (b.Trim((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']).IsEmpty)
        {
            errors.Add(new ScenarioError(source, key, shown, "the file is empty"));
            return null;
        }
        try
        {
            return StrictUtf8.GetString(b);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            int offset = e.Index >= 0 ? e.Index + (bytes.Length - b.Length) : -1;
            string at = offset >= 0 ? $" (byte 0x{bytes[offset]:X2} at offset {offset})" : "";
            errors.Add(new ScenarioError(source, key, shown, $"the file is not valid UTF-8{at}; save it as UTF-8"));
            return null;
        }
    }

    /// <summary>
    /// Whether a relative reference made from <paramref name="folder"/> stays inside it: base and data files sit in
    /// the scenario's folder or below it, so a scenario cannot quietly pull in files from elsewhere. Absolute paths are explicit and allowed.
    /// </summary>
    internal static bool StaysInside(string folder, string reference)
    {
        if (Path.IsPathRooted(reference)) return true;
        string root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(Path.Combine(folder, reference)).StartsWith(root, StringComparison.Ordinal);
    }

    private static List<(string Path, string Text)> ExpandChain(string file, List<ScenarioError> errors)
    {
        var chain = new List<(string, string)>();
        var visiting = new List<string>();
        string current = Path.GetFullPath(file);
        string referrer = "command line";
        while (true)
        {
            if (visiting.Contains(current, StringComparer.Ordinal))
            {
                errors.Add(new ScenarioError(Display(visiting[^1]), "Extends", Display(current),
                    $"base-file cycle: {string.Join(" -> ", visiting.Append(current).Select(Display))}; a scenario cannot extend itself"));
                return [];
            }
            if (visiting.Count >= MaxExtendsDepth)
            {
                errors.Add(new ScenarioError(Display(current), "Extends", null, $"more than {MaxExtendsDepth} levels of Extends"));
                return [];
            }
            visiting.Add(current);
            string? text = ReadText(current, referrer, visiting.Count == 1 ? "scenario file" : "Extends", errors);
            if (text is null) return [];
            chain.Add((current, text));
            string? extends = ReadExtends(text);
            if (string.IsNullOrWhiteSpace(extends) || extends.Equals("default", StringComparison.OrdinalIgnoreCase)) break;
            referrer = Display(current);
            string folder = Path.GetDirectoryName(current)!;
            if (!StaysInside(folder, extends))
            {
                errors.Add(new ScenarioError(referrer, "Extends", extends, $"leaves the scenario's folder ({Display(folder)}); base files must sit in that folder or below it (or be given as absolute paths)"));
                return [];
            }
            current = Path.GetFullPath(Path.Combine(folder, extends));
        }
        chain.Reverse();
        return chain.Select(c => (Display(c.Item1), c.Item2)).ToList();
    }

    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static string? ReadExtends(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, JsonOptions);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Name.Equals("Extends", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                    return p.Value.GetString();
        }
        catch (JsonException)
        {
            // Reported with its line number when the file is added as a layer.
        }
        return null;
    }

    private static void AddJson(ConfigLayers layers, string text, string source, List<ScenarioError> errors)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, JsonOptions);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ScenarioError(source, "(root)", doc.RootElement.ValueKind.ToString(), "a scenario must be a JSON object { ... }"));
                return;
            }
        }
        catch (JsonException e)
        {
            errors.Add(new ScenarioError(source, $"line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}", null, $"invalid JSON: {FirstSentence(e.Message)}"));
            return;
        }
        var provider = new JsonLayer();
        try
        {
            provider.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));
        }
        catch (FormatException e)
        {
            errors.Add(new ScenarioError(source, "(file)", null, $"invalid scenario JSON: {e.Message}"));
            return;
        }
        layers.Add(provider.Entries, source, replacesArrays: true);
    }

    /// <summary>A JSON file flattened as Microsoft.Extensions.Configuration flattens it, with its keys readable in one pass.</summary>
    private sealed class JsonLayer() : JsonStreamConfigurationProvider(new JsonStreamConfigurationSource())
    {
        /// <summary>Every key and value; enumerating these is linear, where walking the provider with GetChildKeys is quadratic.</summary>
        public IEnumerable<KeyValuePair<string, string?>> Entries => Data;
    }

    /// <summary>The <c>TFM_</c> environment variables, as Microsoft.Extensions.Configuration reads them, with their keys readable in one pass.</summary>
    private sealed class EnvironmentLayer(string prefix) : EnvironmentVariablesConfigurationProvider(prefix)
    {
        /// <summary>Every key and value.</summary>
        public IEnumerable<KeyValuePair<string, string?>> Entries => Data;
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>A path relative to the working directory where that is shorter.</summary>
    internal static string Display(string fullPath)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }

    private static string SourceOf(ConfigNode tree, string path)
    {
        var node = tree;
        string best = "scenario";
        foreach (var segment in path.Split('.'))
        {
            node = node[segment];
            if (node is null) break;
            best = node.IsLeaf ? node.Source : node.AnySource;
        }
        return best;
    }
}
