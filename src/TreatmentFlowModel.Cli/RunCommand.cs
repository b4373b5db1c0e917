using System.CommandLine;
using System.Diagnostics;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Reporting;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Tracking;

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
        var trajectories = new Option<int?>("--trajectories") { Description = "Keep the weekly trajectories of the first K replicates and write trajectories.csv." };
        var checkpoint = new Option<int?>("--checkpoint") { Description = "Save the merged ensemble every N replicates to <out>.partial/, so 'tfm run --resume <out>' can finish a killed run (with --resume: the new interval)." };
        var resume = new Option<string?>("--resume") { Description = "Finish the run whose checkpoint is in <DIR>.partial/ (DIR is its output folder); results are bit-identical to an uninterrupted run." };
        var shard = new Option<string?>(ShardOption.Name) { Description = "Run only shard I of N (I from 0; auto/N reads SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX) and write <out>/shard-I-of-N.tfmshard for 'tfm merge' (--out names the folder; default out/<scenario name>.shards)." };
        var minBatch = new Option<int?>(ClusterRunner.MinBatchName) { Description = "With --cluster: the smallest batch per silo worker (default 1). Larger means fewer batches for the client to merge (see docs/cluster.md: worth it beyond a few hundred cores); results do not change." };
        var observed = new Option<string?>("--observed") { Description = "A CSV of observed figures (period,area,metric,value; weeks 2003-W23, months 2003-04, quarters 2003Q2 or FY2003-04-Q1, financial years 2003/04): writes tracking.csv, tracking charts and a tracking section in the report." };
        var cluster = new Option<string?>(ClusterRunner.Name) { Description = "Run on an Orleans cluster of 'tfm cluster silo' processes: 'localhost', 'localhost:PORT,...' or 'redis:HOST:PORT' (optionally 'ID@' first). Same results as here." };

        var run = new Command("run", "Run a scenario and write scenario.resolved.json, weekly.csv, annual.csv, monthly.csv, quarterly.csv, targets.csv, gaps.csv, summary.json, codebook.csv, report.html and charts/ (tracking.csv with --observed).")
        {
            files, replicates, seed, threads, outDir, sets, deterministic, force, quiet, trajectories, checkpoint, resume, shard, cluster, minBatch, observed,
        };
        run.SetAction(p => Execute(new RunRequest(p.GetValue(files) ?? [], p.GetValue(replicates), p.GetValue(seed), p.GetValue(threads), p.GetValue(outDir),
            p.GetValue(sets) ?? [], p.GetValue(deterministic), p.GetValue(force), p.GetValue(quiet), p.GetValue(trajectories), p.GetValue(checkpoint), p.GetValue(resume), p.GetValue(shard), p.GetValue(cluster), p.GetValue(minBatch), p.GetValue(observed)),
            stdout, stderr));
        return run;
    }

    /// <summary>Everything <c>tfm run</c> was asked to do; null where an option was not given.</summary>
    private sealed record RunRequest(string[] Files, int? Replicates, ulong? Seed, int Threads, string? OutDir, string[] Sets, bool Deterministic,
        bool Force, bool Quiet, int? Trajectories, int? CheckpointEvery, string? Resume, string? Shard, string? Cluster, int? MinBatch, string? Observed);

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
        if (DistributedRun.Check(request.Shard, request.Cluster, request.CheckpointEvery > 0, request.Resume is not null, out var shard, out var cluster) is { } distributed)
            return Bad(distributed);
        if (request.MinBatch is { } smallest && (cluster is null || smallest < 1))
            return Bad(cluster is null
                ? $"{ClusterRunner.MinBatchName} = '{smallest}': only a cluster run (--cluster) has batches to size"
                : $"{ClusterRunner.MinBatchName} = '{smallest}': must be a whole number of replicates >= 1");
        if (request.Resume is not null && ResumeCannotHonour(request) is { } ignored)
            return Bad($"--resume continues a run exactly as it was started, so it cannot honour {ignored}: give none of "
                + "scenario files, --set, --replicates, --seed, --out, --deterministic or --trajectories with it (--checkpoint, --threads, --force and --quiet may change)");
        if (request.Observed is not null && request.Shard is not null)
            return Bad($"--observed = '{request.Observed}': a shard writes no results to track; give --observed to the whole run");
        // From here on a signal stops the command in whatever phase it is in, with exit code 130 and nothing half-written.
        using var interruption = new Interruption(stderr);

        Scenario scenario;
        CheckpointFolder partial;
        int trajectories = request.Trajectories ?? 0, checkpointEvery = request.CheckpointEvery ?? 0;
        try
        {
            if (request.Resume is { } resumeDir)
            {
                partial = CheckpointFolder.Find(resumeDir);
                if (!partial.HasCheckpoint) return Bad($"--resume = '{resumeDir}': no checkpoint in '{partial.Folder}' (start runs with --checkpoint N to make one)");
                var resumed = partial.Read();
                (scenario, trajectories) = (resumed.Scenario, resumed.Trajectories);
                checkpointEvery = request.CheckpointEvery is > 0 ? request.CheckpointEvery.Value : resumed.CheckpointEvery;
            }
            else
            {
                var overrides = CommonOptions.Overrides(request.Replicates, request.Seed);
                scenario = ScenarioLoader.Load(request.Files, request.Sets, useEnvironment: true, overrides, CommonOptions.SetName);
                partial = CheckpointFolder.Of(request.OutDir ?? Path.Combine("out", OutputFolder.SafeName(scenario.Name)));
            }
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        catch (CheckpointException e)
        {
            return Bad($"--resume = '{request.Resume}': {e.Message}");
        }
        // Observations are checked against the scenario before anything runs: a wrong row costs no simulation.
        IReadOnlyList<Observation>? observations = null;
        if (request.Observed is { } observedFile)
        {
            try { observations = ObservationFile.Read(observedFile, scenario); }
            catch (ObservationFileException e)
            {
                stderr.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
        }
        string folder = partial.OutputFolder;
        if (interruption.StopAt("loaded", "nothing was written") is { } stoppedLoading) return stoppedLoading;
        // A shard writes one file into a folder its sibling shards share: it checks and locks its own file, not the folder.
        if (shard is { } part)
            return ShardRun.Execute(scenario, part, request.Deterministic, trajectories, request.Threads, request.OutDir, request.Force, request.Quiet,
                interruption, stdout, stderr);

        // The output folder is checked and locked before any work: a folder that cannot be written, or that another
        // run is writing, is refused now rather than after the simulation (on this machine or on the cluster).
        string which = request.OutDir is not null ? $"--out = '{folder}'"
            : request.Resume is not null ? $"--resume = '{request.Resume}'"
            : $"the output folder '{folder}' (named after the scenario; choose another with --out)";
        using var hold = OptionChecks.Reserve(folder, request.Force, which, stderr, out int refused, resuming: request.Resume is not null);
        if (hold is null) return refused;
        bool checkpointing = checkpointEvery > 0 && !request.Deterministic;
        if (checkpointing && request.Resume is null)
        {
            if (partial.Exists && !request.Force)
                return Bad($"--checkpoint: '{partial.Folder}' holds the checkpoint of an earlier run; finish it with 'tfm run --resume {folder}' or start again with --force");
            try { partial.Start(scenario, trajectories, checkpointEvery); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                partial.Remove();
                stderr.WriteLine($"tfm: cannot create the checkpoint folder '{partial.Folder}': {e.Message}");
                return ExitCodes.InternalError;
            }
        }

        int total = request.Deterministic ? 1 : scenario.Replicates;
        int done = 0;
        var options = new RunOptions
        {
            Threads = request.Threads,
            Deterministic = request.Deterministic,
            CancellationToken = interruption.Token,
            Trajectories = trajectories,
            CheckpointFile = checkpointing ? partial.CheckpointFile : null,
            CheckpointEvery = Math.Max(1, checkpointEvery),
        };
        var clock = Stopwatch.StartNew();
        bool simulated = false;
        string KeptCheckpoint() => checkpointing && File.Exists(partial.CheckpointFile)
            ? $" The checkpoint in {partial.Folder} keeps the finished replicates: 'tfm run --resume {folder}' continues."
            : "";
        try
        {
            bool bar = !request.Quiet && !Console.IsOutputRedirected && !Console.IsErrorRedirected && total > 1;
            var result = ProgressDisplay.Run($"{scenario.Name}: {total:N0} replicates", total, request.Threads, show: !request.Quiet, progress =>
            {
                var reporting = options with { Progress = new InlineProgress<int>(x => { Volatile.Write(ref done, x); progress.Report(x); }) };
                return cluster is null
                    ? Simulation.Run(scenario, reporting)
                    : ClusterRunner.Run(cluster, scenario, reporting, new Cluster.ClusterRunOptions { MinBatchSize = request.MinBatch ?? 1 }, request.Quiet, lines: !bar, stderr);
            });
            simulated = true;
            var tracking = observations is null ? null : Tracker.Compare(observations, result);
            ResultWriter.Write(result, folder, request.Force, extra: temp =>
            {
                HtmlReport.Write(result, temp, new ReportSupplements { Tracking = tracking });
                interruption.Reached("writing");
            }, interruption.Token, tracking);
            // The results are in place: the checkpoint has done its work.
            if (checkpointing) partial.Remove();
            string complete = $"the results were already complete in {folder}";
            if (interruption.Requested) return interruption.Stopped(complete);
            if (interruption.StopAt("written", complete) is { } stoppedAfter) return stoppedAfter;
            if (!request.Quiet)
            {
                stdout.Write(result.ToString()); // the table and the verdict, once
                stdout.WriteLine($"Wrote {string.Join(", ", [.. ResultWriter.FilesOf(result), .. tracking is null ? Array.Empty<string>() : ["tracking.csv"]])}, report.html and charts/ to {folder} in {clock.Elapsed.TotalSeconds:0.0} s.");
                if (tracking is not null)
                    stdout.WriteLine($"Tracking: {tracking.Count(r => r.InsideBand)} of {tracking.Count} observed figures inside the forecast's 5-95% band (tracking.csv, charts/tracking-*.png).");
            }
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException e)
        {
            string lostSave = e.InnerException is IOException io ? $" ({io.Message}; the last checkpoint saved before it is kept)" : "";
            if (simulated) return interruption.Stopped($"nothing was written to {folder}.{KeptCheckpoint()}");
            return interruption.Stopped($"stopped after {Volatile.Read(ref done)} of {total} replicates; nothing was written to {folder}{lostSave}.{KeptCheckpoint()}");
        }
        catch (CheckpointException e)
        {
            return Bad(e.Message);
        }
        catch (Cluster.ClusterRunException e)
        {
            stderr.WriteLine($"tfm: {ClusterRunner.Name} = '{request.Cluster}': {e.Message}; nothing was written to {folder}");
            return ExitCodes.InternalError;
        }
        catch (OutputFolderException e)
        {
            // Made since the check before the run (not by another tfm, which the lock keeps out): still nothing written.
            stderr.WriteLine($"tfm: {which}: {OptionChecks.Describe(e, resuming: request.Resume is not null)}");
            return OptionChecks.ExitCode(e);
        }
        catch (IOException e) when (!simulated)
        {
            // A checkpoint could not be saved (a full disk). A checkpoint saved before it is whole and kept; a folder
            // with none would only block the next run, so it goes.
            if (checkpointing && !File.Exists(partial.CheckpointFile)) partial.Remove();
            stderr.WriteLine($"tfm: {e.Message}; the run stopped after {Volatile.Read(ref done)} of {total} replicates and nothing was written to {folder}.{KeptCheckpoint()}");
            return ExitCodes.InternalError;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"tfm: cannot write the results to '{folder}': {e.Message}; nothing was written.{KeptCheckpoint()}");
            return ExitCodes.InternalError;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"tfm: no permission to write the results to '{folder}': {e.Message}; nothing was written.{KeptCheckpoint()}");
            return ExitCodes.InternalError;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never a stack trace for the analyst: say what failed; nothing half-written was left behind.
            stderr.WriteLine($"tfm: internal error ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}); nothing was written to {folder}. Please report it with the scenario.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The options given with --resume that it cannot honour, in words; null when there are none.</summary>
    private static string? ResumeCannotHonour(RunRequest request)
    {
        var ignored = new List<string>();
        if (request.Files.Length > 0) ignored.Add("scenario files");
        if (request.Sets.Length > 0) ignored.Add("--set");
        if (request.Replicates is not null) ignored.Add("--replicates");
        if (request.Seed is not null) ignored.Add("--seed");
        if (request.OutDir is not null) ignored.Add("--out");
        if (request.Deterministic) ignored.Add("--deterministic");
        if (request.Trajectories is not null) ignored.Add("--trajectories");
        return ignored.Count > 0 ? string.Join(", ", ignored) : null;
    }
}
