using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Spectre.Console;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Reporting;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cli;

/// <summary><c>tfm run [scenario...]</c>: runs a scenario (or finishes a checkpointed one) and writes the output folder.</summary>
internal static class RunCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var files = CommonOptions.ScenarioFiles(ArgumentArity.ZeroOrMore, "Scenario files; later files overlay earlier ones. None: the embedded default (England, top-30 BCUs from June 2003).");
        var replicates = CommonOptions.Replicates("Monte Carlo replicates (overrides the scenario's Replicates).");
        var seed = CommonOptions.Seed("Seed of all random streams (overrides the scenario's Seed).");
        var threads = CommonOptions.Threads();
        var outDir = new Option<string?>("--out", "-o") { Description = "Output folder (default: out/<scenario name>)." };
        var sets = CommonOptions.Sets("Override a scenario key, e.g. --set Parameters.ArrestPerYear=1.5; a list or object as JSON: --set 'Areas=[\"Lambeth\",\"Bristol\"]' (repeatable).");
        var deterministic = new Option<bool>("--deterministic") { Description = "Run the deterministic mode: expected values, parameters at their means, one replicate." };
        var force = CommonOptions.Force("Replace an existing output folder (only once the new results are complete).");
        var quiet = CommonOptions.Quiet("No progress bar and no summary on the terminal.");
        var trajectories = new Option<int>("--trajectories") { Description = "Keep the weekly trajectories of the first K replicates and write trajectories.csv." };
        var checkpoint = new Option<int>("--checkpoint") { Description = "Save the merged ensemble every N replicates to <out>.partial/, so 'tfm run --resume <out>' can finish a killed run." };
        var resume = new Option<string?>("--resume") { Description = "Finish the run whose checkpoint is in <DIR>.partial/ (DIR is its output folder); results are bit-identical to an uninterrupted run." };

        var run = new Command("run", "Run a scenario and write scenario.resolved.json, weekly.csv, annual.csv, targets.csv, gaps.csv, summary.json, codebook.csv, report.html and charts/.")
        {
            files, replicates, seed, threads, outDir, sets, deterministic, force, quiet, trajectories, checkpoint, resume,
        };
        run.SetAction(p => Execute(new RunRequest(p.GetValue(files) ?? [], p.GetValue(replicates), p.GetValue(seed), p.GetValue(threads), p.GetValue(outDir),
            p.GetValue(sets) ?? [], p.GetValue(deterministic), p.GetValue(force), p.GetValue(quiet), p.GetValue(trajectories), p.GetValue(checkpoint), p.GetValue(resume)),
            stdout, stderr));
        return run;
    }

    /// <summary>Everything <c>tfm run</c> was asked to do.</summary>
    private sealed record RunRequest(string[] Files, int? Replicates, ulong? Seed, int Threads, string? OutDir, string[] Sets, bool Deterministic,
        bool Force, bool Quiet, int Trajectories, int CheckpointEvery, string? Resume);

    private const string PartialSuffix = ".partial";

    private static int Execute(RunRequest request, TextWriter stdout, TextWriter stderr)
    {
        int Bad(string message)
        {
            stderr.WriteLine($"tfm: {message}");
            return ExitCodes.BadInput;
        }
        if (OptionChecks.Threads(request.Threads) is { } threadsProblem) return Bad(threadsProblem);
        if (request.Trajectories < 0) return Bad($"--trajectories = '{request.Trajectories}': must be a whole number >= 0");
        if (request.CheckpointEvery < 0) return Bad($"--checkpoint = '{request.CheckpointEvery}': must be a whole number of replicates >= 1 (or 0 for none)");

        Scenario scenario;
        string folder, partial;
        int trajectories = request.Trajectories, checkpointEvery = request.CheckpointEvery;
        try
        {
            if (request.Resume is { } resumeDir)
            {
                if (request.Files.Length > 0 || request.Sets.Length > 0 || request.Replicates is not null || request.Seed is not null || request.Deterministic || request.OutDir is not null)
                    return Bad("--resume continues a run exactly as it was started: give no scenario files, --set, --replicates, --seed, --out or --deterministic with it");
                folder = resumeDir.TrimEnd('/', '\\');
                if (folder.EndsWith(PartialSuffix, StringComparison.Ordinal)) folder = folder[..^PartialSuffix.Length];
                partial = folder + PartialSuffix;
                if (!File.Exists(Path.Combine(partial, "checkpoint.bin")) || !File.Exists(Path.Combine(partial, "run.json")))
                    return Bad($"--resume = '{resumeDir}': no checkpoint in '{partial}' (start runs with --checkpoint N to make one)");
                string resolved = Path.Combine(partial, "scenario.resolved.json");
                scenario = ScenarioLoader.Load([resolved], []);
                // Keep the files the run was first loaded from, so its outputs match an uninterrupted run's byte for byte.
                using (var original = System.Text.Json.JsonDocument.Parse(File.ReadAllText(resolved)))
                    scenario = scenario with { Sources = [.. original.RootElement.GetProperty("$run").GetProperty("Sources").EnumerateArray().Select(e => e.GetString() ?? "")] };
                using var run = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(partial, "run.json")));
                trajectories = run.RootElement.GetProperty("Trajectories").GetInt32();
                checkpointEvery = run.RootElement.GetProperty("CheckpointEvery").GetInt32();
            }
            else
            {
                var overrides = CommonOptions.Overrides(request.Replicates, request.Seed);
                scenario = ScenarioLoader.Load(request.Files, request.Sets, useEnvironment: true, overrides, CommonOptions.SetName);
                folder = request.OutDir ?? Path.Combine("out", SafeName(scenario.Name));
                partial = folder.TrimEnd('/', '\\') + PartialSuffix;
            }
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Bad($"--resume = '{request.Resume}': the checkpoint folder '{request.Resume}{PartialSuffix}' is damaged: {e.Message}");
        }
        if (OptionChecks.OutputFolder(folder, request.Force) is { } folderProblem) return Bad(folderProblem);
        bool checkpointing = checkpointEvery > 0 && !request.Deterministic;
        if (checkpointing && request.Resume is null)
        {
            if (Directory.Exists(partial) && !request.Force)
                return Bad($"--checkpoint: '{partial}' holds the checkpoint of an earlier run; finish it with 'tfm run --resume {folder}' or start again with --force");
            try { StartCheckpointFolder(partial, scenario, trajectories, checkpointEvery); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"tfm: cannot create the checkpoint folder '{partial}': {e.Message}");
                return ExitCodes.InternalError;
            }
        }

        using var cancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancel.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
        int total = request.Deterministic ? 1 : scenario.Replicates;
        int done = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            var result = ProgressDisplay.Run($"{scenario.Name}: {total:N0} replicates", total, request.Threads, show: !request.Quiet, progress => Simulation.Run(scenario, new RunOptions
            {
                Threads = request.Threads,
                Deterministic = request.Deterministic,
                CancellationToken = cancel.Token,
                Progress = new InlineProgress<int>(x => { Volatile.Write(ref done, x); progress.Report(x); }),
                Trajectories = trajectories,
                CheckpointFile = checkpointing ? Path.Combine(partial, "checkpoint.bin") : null,
                CheckpointEvery = Math.Max(1, checkpointEvery),
            }));
            ResultWriter.Write(result, folder, request.Force, extra: temp => HtmlReport.Write(result, temp));
            if (checkpointing) Directory.Delete(partial, recursive: true);
            if (!request.Quiet)
            {
                stdout.Write(result.ToString()); // the table and the verdict, once
                stdout.WriteLine($"Wrote {string.Join(", ", ResultWriter.FilesOf(result))}, report.html and charts/ to {folder} in {clock.Elapsed.TotalSeconds:0.0} s.");
            }
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine(checkpointing
                ? $"tfm: interrupted after {Volatile.Read(ref done)} of {total} replicates; nothing was written to {folder}. The checkpoint in {partial} keeps the finished replicates: 'tfm run --resume {folder}' continues."
                : $"tfm: interrupted after {Volatile.Read(ref done)} of {total} replicates; nothing was written to {folder}");
            return ExitCodes.Interrupted;
        }
        catch (CheckpointException e)
        {
            return Bad(e.Message);
        }
        catch (OutputFolderExistsException e)
        {
            // Made since the check before the run (by another process): still bad input, still nothing written.
            return Bad(OptionChecks.FolderExists(e.Folder));
        }
        catch (IOException e)
        {
            stderr.WriteLine($"tfm: cannot write the results to '{folder}': {e.Message}");
            return ExitCodes.InternalError;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"tfm: no permission to write the results to '{folder}': {e.Message}");
            return ExitCodes.InternalError;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never a stack trace for the analyst: say what failed; nothing half-written was left behind.
            stderr.WriteLine($"tfm: internal error ({e.GetType().Name}: {e.Message}); nothing was written to {folder}. Please report it with the scenario.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Creates <c>&lt;out&gt;.partial/</c> with what a resumed run needs: the resolved scenario and the run options.</summary>
    private static void StartCheckpointFolder(string partial, Scenario scenario, int trajectories, int every)
    {
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        File.WriteAllText(Path.Combine(partial, "scenario.resolved.json"), ScenarioWriter.ToJson(scenario));
        File.WriteAllText(Path.Combine(partial, "run.json"),
            $"{{ \"Trajectories\": {trajectories}, \"CheckpointEvery\": {every} }}\n");
    }

    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var clean = new string(name.Select(c => invalid.Contains(c) || c == ' ' ? '_' : c).ToArray()).Trim('.');
        return clean.Length == 0 ? "run" : clean;
    }
}
