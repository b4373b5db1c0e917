using System.Diagnostics;
using System.Runtime.InteropServices;
using Spectre.Console;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cli;

/// <summary><c>tfm run --shard I/N</c>: runs one range of the scenario's replicates and writes its shard file for <c>tfm merge</c>.</summary>
internal static class ShardRun
{
    /// <summary>Runs shard <paramref name="shard"/> of <paramref name="scenario"/> and writes <c>&lt;folder&gt;/shard-I-of-N.tfmshard</c>.</summary>
    public static int Execute(Scenario scenario, Shard shard, bool deterministic, int trajectories, int threads, string? outDir, bool force, bool quiet,
        TextWriter stdout, TextWriter stderr)
    {
        string folder = outDir ?? Path.Combine("out", SafeName(scenario.Name) + ".shards");
        string path = Path.Combine(folder, ShardOption.FileName(shard));
        if (File.Exists(path) && !force)
        {
            stderr.WriteLine($"tfm: {ShardOption.Name} {shard}: '{path}' exists; remove it, choose another folder with --out, or replace it with --force");
            return ExitCodes.BadInput;
        }
        if (File.Exists(folder.TrimEnd('/', '\\')))
        {
            stderr.WriteLine($"tfm: --out = '{folder}': it is a file; with {ShardOption.Name}, --out names the folder the shard files go in");
            return ExitCodes.BadInput;
        }
        var plan = SimulationPlan.Prepare(scenario, deterministic, trajectories);
        var (from, to) = shard.Range(plan.Replicates);

        using var cancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancel.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
        int done = 0;
        var options = new RunOptions
        {
            Threads = threads,
            Deterministic = deterministic,
            Trajectories = trajectories,
            CancellationToken = cancel.Token,
            Progress = new InlineProgress<int>(x => Volatile.Write(ref done, x)),
        };
        var clock = Stopwatch.StartNew();
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
            cancel.Token.ThrowIfCancellationRequested();
            ShardFile.Write(path, plan, shard, part);
            if (!quiet)
                stdout.WriteLine($"Wrote shard {shard} (replicates [{from}, {to}) of {plan.Replicates}) to {path} in {clock.Elapsed.TotalSeconds:0.0} s. "
                    + $"When all {shard.Count} are written: tfm merge {folder} -o <folder>");
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"tfm: interrupted after {Volatile.Read(ref done)} of {to - from} replicates of shard {shard}; nothing was written to {path}");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"tfm: {e.Message}");
            return ExitCodes.InternalError;
        }
    }

    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var clean = new string([.. name.Select(c => invalid.Contains(c) || c == ' ' ? '_' : c)]).Trim('.');
        return clean.Length == 0 ? "run" : clean;
    }
}
