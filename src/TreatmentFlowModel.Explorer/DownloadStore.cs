using System.Collections.Concurrent;
using System.Security.Cryptography;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Reporting;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Explorer;

/// <summary>
/// The files the analyst can download for the runs on screen: the scenario file that reproduces them, the output
/// folder's CSV files and one Excel workbook. Each run gets an unguessable token; its files are written once, on the
/// first download, into a temporary folder the server chooses, and only names from <see cref="Files"/> are served.
/// The most recent <see cref="Capacity"/> runs are kept; older ones (and their folders) are dropped.
/// </summary>
public sealed class DownloadStore : IDisposable
{
    /// <summary>Runs kept for download.</summary>
    public const int Capacity = 8;

    /// <summary>The files a run offers: the scenario, the output folder's tables and the workbook.</summary>
    public static IReadOnlyList<string> Files { get; } = ["scenario.json", "annual.csv", "targets.csv", "gaps.csv", "weekly.csv", "codebook.csv", "summary.json", "results.xlsx"];

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly string _root = Directory.CreateTempSubdirectory("tfm-explorer-").FullName;

    /// <summary>Keeps <paramref name="result"/> for download; returns its token.</summary>
    public string Add(EnsembleResult result)
    {
        string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _entries[token] = new Entry(result, Path.Combine(_root, token));
        _order.Enqueue(token);
        while (_order.Count > Capacity && _order.TryDequeue(out var old)) Remove(old);
        return token;
    }

    /// <summary>Drops the run <paramref name="token"/> and its files.</summary>
    public void Remove(string token)
    {
        if (_entries.TryRemove(token, out var entry)) entry.Delete();
    }

    /// <summary>The bytes of <paramref name="file"/> for run <paramref name="token"/>, or null when either is unknown.</summary>
    public byte[]? Get(string token, string file)
    {
        if (!Files.Contains(file, StringComparer.Ordinal) || !_entries.TryGetValue(token, out var entry)) return null;
        if (file == "scenario.json") return System.Text.Encoding.UTF8.GetBytes(ScenarioWriter.ToJson(entry.Result.Scenario, entry.Result.Deterministic));
        string folder = entry.Folder();
        string path = Path.Combine(folder, file);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>The scenario's name, for file names.</summary>
    public string? NameOf(string token) => _entries.TryGetValue(token, out var entry) ? entry.Result.Scenario.Name : null;

    /// <summary>Deletes every kept folder.</summary>
    public void Dispose()
    {
        foreach (var entry in _entries.Values) entry.Delete();
        _entries.Clear();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* already gone or in use: the temporary folder is the system's to clean */ }
    }

    private sealed class Entry(EnsembleResult result, string path)
    {
        private readonly Lazy<string> _folder = new(() =>
        {
            ResultWriter.Write(result, path, force: true);
            SpreadsheetExport.FromFolder(path, Path.Combine(path, "results.xlsx"));
            return path;
        });

        public EnsembleResult Result => result;

        public string Folder() => _folder.Value;

        public void Delete()
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
    }
}
