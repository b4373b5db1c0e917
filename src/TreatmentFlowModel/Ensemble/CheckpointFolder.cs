using System.Text.Json;
using TreatmentFlowModel.Data;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// The checkpoint folder of a run, <c>OUT.partial/</c> beside its output folder <c>OUT</c>: what it takes to continue the
/// run exactly as it was started, after it was stopped or killed. It holds the resolved scenario
/// (<c>scenario.resolved.json</c>), the run's own settings (<c>run.json</c>: trajectories kept, replicates between
/// checkpoints) and the checkpoint itself (<c>checkpoint.bin</c>, <see cref="RunOptions.CheckpointFile"/>).
/// </summary>
public sealed class CheckpointFolder
{
    /// <summary>What the checkpoint folder's name adds to the output folder's.</summary>
    public const string Suffix = ".partial";

    private const string ScenarioFileName = "scenario.resolved.json", RunFileName = "run.json", CheckpointFileName = "checkpoint.bin";

    private CheckpointFolder(string outputFolder)
    {
        OutputFolder = outputFolder;
        Folder = outputFolder + Suffix;
    }

    /// <summary>The checkpoint folder of the output folder <paramref name="outputFolder"/>.</summary>
    /// <param name="outputFolder">The output folder of the run.</param>
    public static CheckpointFolder Of(string outputFolder) =>
        new(outputFolder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));

    /// <summary>
    /// The checkpoint folder a user names to resume a run: the run's output folder, or the checkpoint folder itself
    /// (<c>OUT.partial</c>).
    /// </summary>
    /// <param name="folder">The output folder, or its checkpoint folder.</param>
    public static CheckpointFolder Find(string folder)
    {
        string output = folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return new(output.EndsWith(Suffix, StringComparison.Ordinal) ? output[..^Suffix.Length] : output);
    }

    /// <summary>The output folder whose run this folder checkpoints.</summary>
    public string OutputFolder { get; }

    /// <summary>The checkpoint folder: the output folder's path with <see cref="Suffix"/>.</summary>
    public string Folder { get; }

    /// <summary>The checkpoint file, for <see cref="RunOptions.CheckpointFile"/>.</summary>
    public string CheckpointFile => Path.Combine(Folder, CheckpointFileName);

    private string RunFile => Path.Combine(Folder, RunFileName);

    private string ScenarioFile => Path.Combine(Folder, ScenarioFileName);

    /// <summary>Whether the folder is there (with a checkpoint or not).</summary>
    public bool Exists => Directory.Exists(Folder);

    /// <summary>Whether it holds a run that <see cref="Read"/> can continue: its settings and a checkpoint saved at least once.</summary>
    public bool HasCheckpoint => File.Exists(CheckpointFile) && File.Exists(RunFile);

    /// <summary>(Re)creates the folder with what a resumed run needs; the checkpoint itself is saved by the run.</summary>
    /// <param name="scenario">The resolved scenario of the run.</param>
    /// <param name="trajectories">Replicates whose weekly records the run keeps.</param>
    /// <param name="checkpointEvery">Replicates between checkpoints.</param>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write it.</exception>
    public void Start(Scenario scenario, int trajectories, int checkpointEvery)
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        Directory.CreateDirectory(Folder);
        File.WriteAllText(ScenarioFile, ScenarioWriter.ToJson(scenario));
        File.WriteAllText(RunFile, $"{{ \"{nameof(ResumedRun.Trajectories)}\": {trajectories}, \"{nameof(ResumedRun.CheckpointEvery)}\": {checkpointEvery} }}\n");
    }

    /// <summary>The run as it was started.</summary>
    /// <exception cref="ScenarioException">The saved scenario does not load (it was edited, or the data files it names changed).</exception>
    /// <exception cref="CheckpointException">The folder's settings are missing or damaged.</exception>
    public ResumedRun Read()
    {
        var scenario = ScenarioLoader.Load([ScenarioFile], [], useEnvironment: false);
        // Keep the files the run was first loaded from, so its outputs match an uninterrupted run's byte for byte.
        using (var saved = Json(ScenarioFile))
        {
            var sources = Property(Property(saved.RootElement, ScenarioFile, "$run"), ScenarioFile, "Sources");
            if (sources.ValueKind != JsonValueKind.Array) throw Damaged(ScenarioFile, "'Sources' must be a list of file names");
            scenario = scenario with { Sources = [.. sources.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : "")] };
        }
        using var run = Json(RunFile);
        int trajectories = WholeNumber(run, nameof(ResumedRun.Trajectories)), every = WholeNumber(run, nameof(ResumedRun.CheckpointEvery));
        return new ResumedRun(scenario, trajectories, every);
    }

    /// <summary>Removes the folder if it is there; a failure to do so is left for the next run (which replaces it).</summary>
    public void Remove()
    {
        try
        {
            if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind; a later run with the same output folder replaces it.
        }
    }

    private JsonDocument Json(string file)
    {
        var content = InputFile.Read(file);
        if (content.Bytes is not { } bytes) throw Damaged(file, content.Problem ?? "cannot be read");
        try { return JsonDocument.Parse(bytes); }
        catch (JsonException e) { throw Damaged(file, $"invalid JSON: {e.Message}"); }
    }

    private JsonElement Property(JsonElement element, string file, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : throw Damaged(file, $"'{name}' is missing");

    private int WholeNumber(JsonDocument document, string name)
    {
        var value = Property(document.RootElement, RunFile, name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n >= 0 ? n : throw Damaged(RunFile, $"'{name}' must be a whole number >= 0");
    }

    private CheckpointException Damaged(string file, string problem) =>
        new(file, $"the checkpoint folder '{Folder}' is damaged: {Path.GetFileName(file)}: {problem}");
}
