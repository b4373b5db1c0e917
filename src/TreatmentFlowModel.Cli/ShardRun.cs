using System.Diagnostics;
using Spectre.Console;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cli;

/// <summary><c>tfm run --shard I/N</c>: runs one range of the scenario's replicates and writes its shard file for <c>tfm merge</c>.</summary>
internal static class ShardRun
{
    /// <summary>
    /// Runs shard <paramref name="shard"/> of <paramref name="scenario"/> and writes <c>&lt;folder&gt;/shard-I-of-N.tfmshard</c>;
    /// a signal stops it in any phase with exit code 130 and nothing written (see <see cref="Interruption"/>).
    /// </summary>
    public static int Execute(Scenario scenario, Shard shard, bool deterministic, int trajectories, int threads, string? outDir, bool force, bool quiet,
        Interruption interruption, TextWriter stdout, TextWriter stderr)
    {
        string folder = outDir ?? Path.Combine("out", OutputFolder.SafeName(scenario.Name) + ".shards");
        string which = outDir is not null ? $"--out = '{folder}'" : $"the shard folder '{folder}' (named after the scenario; choose another with --out)";
        string fileName = ShardOption.FileName(shard);
        string path = Path.Combine(folder, fileName);
        // The shards of one run share their folder (often written at once by a scheduler's array): the folder may exist,
        // and each shard checks it can be written and then locks only its own file, so that two processes never write
        // the same shard (a job run again while the first is still going) and nothing else is held up.
        try
        {
            OutputFolder.Check(folder, force: true);
        }
        catch (OutputFolderException e)
        {
            stderr.WriteLine($"tfm: {which}: {OptionChecks.Describe(e)} (with {ShardOption.Name}, --out names the folder the shard files go in)");
            return OptionChecks.ExitCode(e);
        }
        using var hold = OptionChecks.Reserve(Path.Combine(folder, Path.GetFileNameWithoutExtension(fileName)), force: true,
            $"{ShardOption.Name} {shard}: '{path}'", stderr, out int refused);
        if (hold is null) return refused;
        if (File.Exists(path) && !force)
        {
            stderr.WriteLine($"tfm: {ShardOption.Name} {shard}: '{path}' exists; remove it, choose another folder with --out, or replace it with --force");
            return ExitCodes.BadInput;
        }
        var plan = SimulationPlan.Prepare(scenario, deterministic, trajectories);
        var (from, to) = shard.Range(plan.Replicates);

        int done = 0;
        var options = new RunOptions
        {
            Threads = threads,
            Deterministic = deterministic,
            Trajectories = trajectories,
            CancellationToken = interruption.Token,
            Progress = new InlineProgress<int>(x => Volatile.Write(ref done, x)),
        };
        var clock = Stopwatch.StartNew();
        bool simulated = false;
        try
        {
            var work = Task.Run(() => plan.RunReplicates(from, to, options));
            if (!quiet && !Console.IsOutputRedirected && !Console.IsErrorRedirected && to - from > 1)
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask($"{scenario.Name}: shard {shard}, replicates {from:N0} to {to - 1:N0}", maxValue: to - from);
                        while (!work.IsCompleted)
                        {
                            task.Value = Volatile.Read(ref done);
                            work.Wait(200);
                        }
                        task.Value = Volatile.Read(ref done);
                    });
            var part = work.GetAwaiter().GetResult();
            simulated = true;
            interruption.Reached("writing");
            ShardFile.Write(path, plan, shard, part, interruption.Token);
            string complete = $"shard {shard} was already complete in {path}";
            if (interruption.Requested) return interruption.Stopped(complete);
            if (interruption.StopAt("written", complete) is { } stoppedAfter) return stoppedAfter;
            if (!quiet)
                stdout.WriteLine($"Wrote shard {shard} (replicates [{from}, {to}) of {plan.Replicates}) to {path} in {clock.Elapsed.TotalSeconds:0.0} s. "
                    + $"When all {shard.Count} are written: tfm merge {folder} -o <folder>");
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            return interruption.Stopped(simulated
                ? $"nothing was written to {path}"
                : $"stopped after {Volatile.Read(ref done)} of {to - from} replicates of shard {shard}; nothing was written to {path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"tfm: {e.Message}");
            return ExitCodes.InternalError;
        }
    }
}
