using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Explorer;

/// <summary>
/// The scenarios the analyst may pick: the embedded default, the files named on the command line and the <c>*.json</c>
/// scenarios of the folders given to <c>tfm serve</c>. The list is made on the server; the browser picks by key, so it
/// can never name a path.
/// </summary>
public sealed class ScenarioLibrary
{
    /// <summary>Key of the embedded default scenario.</summary>
    public const string DefaultKey = "default";

    private readonly Dictionary<string, ScenarioChoice> _byKey;

    /// <summary>Lists the scenarios of <paramref name="options"/>.</summary>
    public ScenarioLibrary(ExplorerOptions options)
    {
        var choices = new List<ScenarioChoice> { new(DefaultKey, "Embedded default (England, top-30 BCUs from June 2003)", null) };
        var files = options.ScenarioFiles.Select(Path.GetFullPath)
            .Concat(options.ScenarioFolders.Where(Directory.Exists).SelectMany(d => Directory.GetFiles(d, "*.json").Order(StringComparer.Ordinal)))
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal);
        foreach (var file in files)
        {
            string label = Path.GetFileName(file);
            string key = label;
            for (int i = 2; choices.Any(c => c.Key == key); i++) key = $"{label}#{i}";
            choices.Add(new ScenarioChoice(key, label, file));
        }
        Choices = choices;
        _byKey = choices.ToDictionary(c => c.Key, StringComparer.Ordinal);
        string? named = options.ScenarioFiles.Select(Path.GetFullPath).FirstOrDefault();
        InitialKey = choices.FirstOrDefault(c => c.Path is not null && c.Path == named)?.Key ?? DefaultKey;
    }

    /// <summary>The scenario shown first: the first file named on the command line, else the embedded default.</summary>
    public string InitialKey { get; }

    /// <summary>The scenarios, the embedded default first.</summary>
    public IReadOnlyList<ScenarioChoice> Choices { get; }

    /// <summary>Loads the scenario picked by <paramref name="key"/>, as <c>tfm run</c> would (no environment overrides).</summary>
    public ScenarioLoad Load(string key)
    {
        if (!_byKey.TryGetValue(key, out var choice)) return new ScenarioLoad(null, [$"'{key}' is not one of the scenarios offered"]);
        try
        {
            return ScenarioLoad.Of(choice.Path is null ? ScenarioLoader.LoadDefault() : ScenarioLoader.Load([choice.Path], [], useEnvironment: false));
        }
        catch (ScenarioException e)
        {
            return ScenarioLoad.Failed(e.Errors);
        }
    }
}
