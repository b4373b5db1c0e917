using System.Text;
using System.Text.Json;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Explorer;

/// <summary>
/// A scenario file uploaded from the browser, checked by the same loader and messages as <c>tfm validate</c>. It may
/// not reach other files on the server: <c>Extends</c> and data tables other than the embedded ones are refused, and the
/// file is read from a fresh temporary folder under a name the server chooses.
/// </summary>
public static class UploadedScenario
{
    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Loads <paramref name="content"/> uploaded as <paramref name="fileName"/>.</summary>
    /// <param name="fileName">The name the browser gave, used only in messages.</param>
    /// <param name="content">The file's bytes.</param>
    public static ScenarioLoad Load(string fileName, byte[] content)
    {
        string shown = SafeName(fileName);
        if (Refusals(shown, content) is { Count: > 0 } refused) return new ScenarioLoad(null, refused);
        string folder = Directory.CreateTempSubdirectory("tfm-upload-").FullName;
        string path = Path.Combine(folder, "uploaded.json");
        try
        {
            File.WriteAllBytes(path, content);
            var scenario = ScenarioLoader.Load([path], [], useEnvironment: false);
            return ScenarioLoad.Of(scenario with { Sources = [.. scenario.Sources.Select(s => s == Relative(path) || s == path ? shown : s)] });
        }
        catch (ScenarioException e)
        {
            return ScenarioLoad.Failed(e.Errors, line => line.Replace(Relative(path), shown, StringComparison.Ordinal).Replace(path, shown, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Keys that would make the server read other files: refused with the reason.</summary>
    private static List<string> Refusals(string shown, byte[] content)
    {
        var problems = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(content, JsonOptions);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return problems; // the loader says what is wrong
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name.Equals("Extends", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String
                    && !string.Equals(property.Value.GetString(), "default", StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{shown}: Extends = '{property.Value.GetString()}': an uploaded scenario cannot extend a file on the server; upload one file with every key it needs (or \"Extends\": \"default\")");
                if (property.Name.Equals("Data", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object)
                    foreach (var table in property.Value.EnumerateObject())
                        if (table.Value.ValueKind == JsonValueKind.String && !(table.Value.GetString() ?? "").StartsWith("embedded:", StringComparison.Ordinal))
                            problems.Add($"{shown}: Data.{table.Name} = '{table.Value.GetString()}': an uploaded scenario can use only the embedded data tables (embedded:...); run files with other tables with 'tfm run'");
            }
        }
        catch (JsonException)
        {
            // Not JSON: the loader reports it with its line and position.
        }
        return problems;
    }

    /// <summary>The path as the loader shows it: relative to the working folder where that is shorter.</summary>
    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path) is var r && !r.StartsWith("..", StringComparison.Ordinal) ? r : path;

    /// <summary>The uploaded file's name for messages: its last part, printable characters only.</summary>
    public static string SafeName(string fileName)
    {
        string name = Path.GetFileName(fileName.Replace('\\', '/'));
        var clean = new StringBuilder();
        foreach (char c in name) if (char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or ' ') clean.Append(c);
        return clean.Length == 0 ? "uploaded.json" : clean.ToString();
    }
}
