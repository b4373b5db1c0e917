// Runs the C# code cells of Jupyter notebooks in order, as a notebook kernel would: one Roslyn script state
// shared by the cells (types declared mid-notebook, a trailing expression as the cell's value). Packages named
// by `#r "nuget: Name, Version"` are restored first: the TreatmentFlowModel packages from the local build (project
// references to src/, the default) or, with --feed, from a folder of packed packages (as a user of the NuGet packages
// gets them; CI does both). A failing cell fails the run with the notebook, the cell number and the error. With
// --write, the cells' outputs go back into the file: a Table as an HTML table (and text), PNG bytes as an image,
// anything else as text.
//
//   dotnet run -c Release --project notebooks/Runner -- notebooks/01-quickstart.ipynb      (against the local build)
//   dotnet run -c Release --project notebooks/Runner -- --feed artifacts/packages [--version 0.1.0-ci.1] [--write] notebooks/*.ipynb
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

string? feed = null, version = null;
bool write = false;
var notebooks = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--feed": feed = Path.GetFullPath(args[++i]); break;
        case "--version": version = args[++i]; break;
        case "--write": write = true; break;
        default: notebooks.Add(args[i]); break;
    }
}
if (notebooks.Count == 0)
{
    Console.Error.WriteLine("usage: NotebookRunner [--feed DIR [--version V]] [--write] notebook.ipynb...   (without --feed: against the local build in src/)");
    return 2;
}

int failed = 0;
foreach (var path in notebooks)
{
    try
    {
        await Notebook.RunAsync(path, feed, version, write);
    }
    catch (CellException e)
    {
        Console.Error.WriteLine($"FAILED {e.Message}");
        failed++;
    }
}
Console.WriteLine($"{notebooks.Count - failed} of {notebooks.Count} notebooks ran");
return failed == 0 ? 0 : 1;

/// <summary>A cell that did not run, with where it is.</summary>
sealed class CellException(string message) : Exception(message);

static partial class Notebook
{
    [GeneratedRegex("""^\s*#r\s+"nuget:\s*([^,"\s]+)\s*(?:,\s*([^"\s]+))?\s*"\s*$""")]
    private static partial Regex NugetDirective();

    public static async Task RunAsync(string path, string? feed, string? version, bool write)
    {
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        var cells = doc["cells"]!.AsArray();
        var packages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var cell in cells)
            if ((string?)cell!["cell_type"] == "code")
                foreach (var line in Source(cell).Split('\n'))
                    if (NugetDirective().Match(line) is { Success: true } m)
                        packages[m.Groups[1].Value] = version is not null && m.Groups[1].Value.StartsWith("TreatmentFlowModel", StringComparison.Ordinal)
                            ? version : m.Groups[2].Success ? m.Groups[2].Value : "*";
        string? repository = feed is null ? Repository(path) : null;
        if (feed is null && repository is null)
            throw new CellException($"{path}: not inside the repository (no TreatmentFlowModel.sln above it), so there is no local build to run against; give --feed DIR with packed packages");
        var references = packages.Count > 0 ? Restore(packages, feed, repository, path) : [];
        // The whole shared framework, as a notebook kernel has it, then the restored packages.
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(f => Path.GetFileName(f).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(f) is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll");
        var packageNames = references.Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var options = ScriptOptions.Default
            .AddReferences(framework.Where(f => !packageNames.Contains(Path.GetFileName(f))).Concat(references).Select(r => Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(r)))
            .AddImports("System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks");

        ScriptState<object>? state = null;
        int number = 0;
        var clock = Stopwatch.StartNew();
        foreach (var cell in cells)
        {
            if ((string?)cell!["cell_type"] != "code") continue;
            number++;
            string code = string.Join('\n', Source(cell).Split('\n').Where(l => !NugetDirective().IsMatch(l)));
            var output = new StringWriter();
            var console = Console.Out;
            Console.SetOut(output);
            try
            {
                state = state is null ? await CSharpScript.RunAsync(code, options) : await state.ContinueWithAsync(code, options);
            }
            catch (Exception e)
            {
                throw new CellException($"{path}, cell {number}: {(e is CompilationErrorException c ? string.Join("; ", c.Diagnostics) : $"{e.GetType().Name}: {e.Message}{(e.InnerException is { } inner ? $" ({inner.GetType().Name}: {inner.Message})" : "")}")}");
            }
            finally
            {
                Console.SetOut(console);
            }
            if (write)
            {
                cell["outputs"] = Outputs(output.ToString(), state.ReturnValue, number);
                cell["execution_count"] = number;
            }
        }
        Console.WriteLine($"ran {path}: {number} code cells in {clock.Elapsed.TotalSeconds:0.0} s");
        // Characters as they are (not \u0022 escapes), so the stored notebook reads and diffs as its author wrote it.
        if (write) await File.WriteAllTextAsync(path, doc.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    private static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        var s => (string?)s ?? "",
    };

    /// <summary>Jupyter outputs: printed text as a stream, the cell's value as an image (PNG bytes), an HTML table (a value with ToHtml()) or text.</summary>
    private static JsonArray Outputs(string printed, object? value, int count)
    {
        var outputs = new JsonArray();
        if (printed.Length > 0)
            outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = Lines(printed) });
        if (value is byte[] png && png.Length > 8 && png[0] == 0x89 && png[1] == (byte)'P')
            outputs.Add(new JsonObject { ["output_type"] = "display_data", ["metadata"] = new JsonObject(), ["data"] = new JsonObject { ["image/png"] = Convert.ToBase64String(png) } });
        else if (value?.GetType().GetMethod("ToHtml", Type.EmptyTypes) is { ReturnType: var type } toHtml && type == typeof(string))
            // A table (TreatmentFlowModel.Reporting.Table): rendered as HTML by notebook front ends, as text elsewhere.
            outputs.Add(new JsonObject
            {
                ["output_type"] = "execute_result",
                ["execution_count"] = count,
                ["metadata"] = new JsonObject(),
                ["data"] = new JsonObject { ["text/html"] = Lines((string)toHtml.Invoke(value, null)!), ["text/plain"] = Lines(value.ToString() ?? "") },
            });
        else if (value is not null)
            outputs.Add(new JsonObject { ["output_type"] = "execute_result", ["execution_count"] = count, ["metadata"] = new JsonObject(), ["data"] = new JsonObject { ["text/plain"] = Lines(value.ToString() ?? "") } });
        return outputs;
    }

    private static JsonArray Lines(string text)
    {
        var parts = text.Split('\n');
        var array = new JsonArray();
        for (int i = 0; i < parts.Length; i++)
        {
            string line = i < parts.Length - 1 ? parts[i] + "\n" : parts[i];
            if (line.Length > 0) array.Add(line);
        }
        return array;
    }

    /// <summary>The repository folder holding <paramref name="notebook"/> (the first folder above it with TreatmentFlowModel.sln), or null.</summary>
    private static string? Repository(string notebook)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(notebook))!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TreatmentFlowModel.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>
    /// Restores the packages into a scratch project and returns its assemblies; native libraries are loaded up front.
    /// With <paramref name="repository"/>, the TreatmentFlowModel packages are its projects (src/NAME/NAME.csproj), built in Release.
    /// </summary>
    private static string[] Restore(Dictionary<string, string> packages, string? feed, string? repository, string notebook)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"tfm-notebook-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var project = new StringBuilder("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n    <CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n");
        if (feed is not null) project.Append($"    <RestoreAdditionalProjectSources>{feed}</RestoreAdditionalProjectSources>\n");
        project.Append("  </PropertyGroup>\n  <ItemGroup>\n");
        foreach (var (id, v) in packages)
        {
            string local = repository is null ? "" : Path.Combine(repository, "src", id, id + ".csproj");
            project.Append(id.StartsWith("TreatmentFlowModel", StringComparison.Ordinal) && File.Exists(local)
                ? $"    <ProjectReference Include=\"{local}\" />\n"
                : $"    <PackageReference Include=\"{id}\" Version=\"{v}\" />\n");
        }
        project.Append("  </ItemGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(dir, "Packages.csproj"), project.ToString());
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project />");
        var info = new ProcessStartInfo("dotnet", ["build", "-c", "Release", "-o", Path.Combine(dir, "out"), "-nologo", "-v", "q"]) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var build = Process.Start(info)!;
        string log = build.StandardOutput.ReadToEnd() + build.StandardError.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0) throw new CellException($"{notebook}: restoring {string.Join(", ", packages.Select(p => $"{p.Key} {p.Value}"))} failed:\n{log}");
        string outDir = Path.Combine(dir, "out");
        string rid = (OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux") + "-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        var natives = new[] { Path.Combine(outDir, "runtimes", rid, "native"), Path.Combine(outDir, "runtimes", "osx", "native") }
            .Where(Directory.Exists).SelectMany(Directory.GetFiles).ToArray();
        // Script assemblies load outside the app's deps.json, so point their P/Invokes (SkiaSharp's, for charts) at the restored native libraries.
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
        {
            if (e.LoadedAssembly.IsDynamic || !natives.Any()) return;
            try
            {
                NativeLibrary.SetDllImportResolver(e.LoadedAssembly, (name, _, _) =>
                    natives.FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) is var n && (n == name || n == "lib" + name)) is { } file ? NativeLibrary.Load(file) : IntPtr.Zero);
            }
            catch (InvalidOperationException)
            {
                // A resolver is already set for this assembly.
            }
        };
        return Directory.GetFiles(outDir, "*.dll").Where(f => !Path.GetFileName(f).Equals("Packages.dll", StringComparison.OrdinalIgnoreCase)).ToArray();
    }
}
