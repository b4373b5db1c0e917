using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Spectre.Console;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Reporting;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cli;

/// <summary>The <c>tfm</c> command line: <c>run</c> and <c>validate</c>.</summary>
internal static class TfmCommand
{
    public static int Invoke(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Build(stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) stderr.WriteLine($"tfm: {e.Message}");
            stderr.WriteLine("Run 'tfm --help' for usage.");
            return ExitCodes.BadInput;
        }
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("TreatmentFlowModel: forecast flows of problem drug users into treatment, area by area, week by week.");

        var files = new Argument<string[]>("scenario") { Arity = ArgumentArity.ZeroOrMore, Description = "Scenario files; later files overlay earlier ones. None: the embedded default (England, top-30 BCUs from June 2003)." };
        var replicates = new Option<int?>("--replicates", "-n") { Description = "Monte Carlo replicates (overrides the scenario's Replicates)." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of all random streams (overrides the scenario's Seed)." };
        var threads = new Option<int>("--threads", "-t") { Description = "Worker threads; results do not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var outDir = new Option<string?>("--out", "-o") { Description = "Output folder (default: out/<scenario name>)." };
        var sets = new Option<string[]>("--set") { Description = "Override a scenario key, e.g. --set Parameters.ArrestPerYear=1.5 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var deterministic = new Option<bool>("--deterministic") { Description = "Run the deterministic mode: expected values, parameters at their means, one replicate." };
        var force = new Option<bool>("--force") { Description = "Replace an existing output folder (only once the new results are complete)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar and no summary on the terminal." };

        var run = new Command("run", "Run a scenario and write scenario.resolved.json, weekly.csv, annual.csv, targets.csv and summary.json.")
        {
            files, replicates, seed, threads, outDir, sets, deterministic, force, quiet,
        };
        run.SetAction(p => Run(p.GetValue(files) ?? [], p.GetValue(replicates), p.GetValue(seed), p.GetValue(threads), p.GetValue(outDir),
            p.GetValue(sets) ?? [], p.GetValue(deterministic), p.GetValue(force), p.GetValue(quiet), stdout, stderr));

        var validateFiles = new Argument<string[]>("scenario") { Arity = ArgumentArity.OneOrMore, Description = "Scenario files to check (later files overlay earlier ones)." };
        var validateSets = new Option<string[]>("--set") { Description = "Override a scenario key before checking (repeatable).", AllowMultipleArgumentsPerToken = false };
        var validate = new Command("validate", "Check scenario files and report every problem; writes nothing.") { validateFiles, validateSets };
        validate.SetAction(p => Validate(p.GetValue(validateFiles) ?? [], p.GetValue(validateSets) ?? [], stdout, stderr));

        root.Subcommands.Add(run);
        root.Subcommands.Add(validate);
        return root;
    }

    private static int Validate(string[] files, string[] sets, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var scenario = ScenarioLoader.Load(files, sets);
            stdout.WriteLine($"OK: {string.Join(", ", files)}: scenario '{scenario.Name}', {scenario.Start:yyyy-MM-dd} to {scenario.End:yyyy-MM-dd}, {scenario.Replicates} replicates, seed {scenario.Seed}");
            return ExitCodes.Ok;
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
    }

    private static int Run(string[] files, int? replicates, ulong? seed, int threads, string? outDir, string[] sets, bool deterministic, bool force, bool quiet,
        TextWriter stdout, TextWriter stderr)
    {
        if (threads < 1)
        {
            stderr.WriteLine($"tfm: --threads = '{threads}': must be a whole number >= 1");
            return ExitCodes.BadInput;
        }
        var overrides = new Dictionary<string, (string, string)>();
        if (replicates is { } n) overrides["Replicates"] = (n.ToString(CultureInfo.InvariantCulture), "--replicates");
        if (seed is { } s) overrides["Seed"] = (s.ToString(CultureInfo.InvariantCulture), "--seed");

        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(files, sets, useEnvironment: true, overrides);
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        string folder = outDir ?? Path.Combine("out", SafeName(scenario.Name));
        if (Directory.Exists(folder) && !force)
        {
            stderr.WriteLine($"tfm: --out = '{folder}': the folder exists; choose another with --out or replace it with --force");
            return ExitCodes.BadInput;
        }

        using var cancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancel.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
        int total = deterministic ? 1 : scenario.Replicates;
        int done = 0;
        var options = new RunOptions
        {
            Threads = threads,
            Deterministic = deterministic,
            CancellationToken = cancel.Token,
            Progress = new InlineProgress(x => Volatile.Write(ref done, x)),
        };
        var clock = Stopwatch.StartNew();
        try
        {
            var work = Task.Run(() => Simulation.Run(scenario, options));
            bool bar = !quiet && !Console.IsOutputRedirected && !Console.IsErrorRedirected && total > 1;
            if (bar)
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask($"{scenario.Name}: {total:N0} replicates", maxValue: total);
                        while (!work.IsCompleted)
                        {
                            task.Value = Volatile.Read(ref done);
                            work.Wait(200);
                        }
                        task.Value = Volatile.Read(ref done);
                    });
            var result = work.GetAwaiter().GetResult();
            ResultWriter.Write(result, folder, force);
            if (!quiet)
            {
                stdout.Write(result.ToString());
                stdout.Write(HeadlineTable.Format(result));
                stdout.WriteLine($"Wrote {string.Join(", ", ResultWriter.Files)} to {folder} in {clock.Elapsed.TotalSeconds:0.0} s.");
            }
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"tfm: interrupted after {Volatile.Read(ref done)} of {total} replicates; nothing was written to {folder}");
            return ExitCodes.Interrupted;
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
    }

    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var clean = new string(name.Select(c => invalid.Contains(c) || c == ' ' ? '_' : c).ToArray()).Trim('.');
        return clean.Length == 0 ? "run" : clean;
    }

    /// <summary>Calls back on the reporting thread (no synchronisation context needed).</summary>
    private sealed class InlineProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
