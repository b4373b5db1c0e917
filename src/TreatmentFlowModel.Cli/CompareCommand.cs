using System.CommandLine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Reporting;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cli;

/// <summary><c>tfm compare A B [C...]</c>: runs scenarios side by side with common random numbers and writes the comparison.</summary>
internal static class CompareCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var inputs = new Argument<string[]>("scenarios") { Arity = new ArgumentArity(2, 20), Description = "Scenario files, or output folders of 'tfm run' (their scenario.resolved.json is run again); the first is the reference." };
        var replicates = CommonOptions.Replicates("Replicates for every scenario.");
        var seed = CommonOptions.Seed("Seed for every scenario.");
        var threads = CommonOptions.Threads();
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => Path.Combine("out", "compare") };
        var force = CommonOptions.Force();
        var quiet = CommonOptions.Quiet("No table on the terminal.");
        var command = new Command("compare", "Run scenarios side by side with common random numbers; write compare.csv, compare-targets.csv, codebook.csv, compare.html and charts/.")
        {
            inputs, replicates, seed, threads, outDir, force, quiet,
        };
        command.SetAction(p => Run(p.GetValue(inputs) ?? [], p.GetValue(replicates), p.GetValue(seed), p.GetValue(threads), p.GetValue(outDir)!, p.GetValue(force), p.GetValue(quiet), stdout, stderr));
        return command;
    }

    private static int Run(string[] inputs, int? replicates, ulong? seed, int threads, string outDir, bool force, bool quiet, TextWriter stdout, TextWriter stderr)
    {
        if ((OptionChecks.Threads(threads) ?? OptionChecks.OutputFolder(outDir, force)) is { } problem)
        {
            stderr.WriteLine($"tfm: {problem}");
            return ExitCodes.BadInput;
        }
        using var interruption = new Interruption(stderr);
        var overrides = CommonOptions.Overrides(replicates, seed);
        var scenarios = new List<Scenario>();
        var errors = new List<ScenarioError>();
        foreach (var input in inputs)
        {
            string file = Directory.Exists(input) ? Path.Combine(input, "scenario.resolved.json") : input;
            if (Directory.Exists(input) && !File.Exists(file))
            {
                errors.Add(new ScenarioError("command line", "scenario file", input, "is a folder without scenario.resolved.json; compare takes scenario files, or the output folders of tfm run"));
                continue;
            }
            try { scenarios.Add(ScenarioLoader.Load([file], [], useEnvironment: false, overrides)); }
            catch (ScenarioException e) { errors.AddRange(e.Errors); }
        }
        if (errors.Count > 0)
        {
            // A problem with an option (-n 0) is found in every scenario it applies to: report each problem once.
            stderr.WriteLine(new ScenarioException([.. errors.Distinct()]).Message);
            return ExitCodes.BadInput;
        }
        if (interruption.StopAt("loaded", "nothing was written") is { } stoppedLoading) return stoppedLoading;
        using var hold = OptionChecks.Reserve(outDir, force, $"--out = '{outDir}'", stderr, out int refused);
        if (hold is null) return refused;
        ComparisonResult result;
        try
        {
            int total = scenarios[0].Replicates;
            result = ProgressDisplay.Run($"{string.Join(" vs ", scenarios.Select(s => s.Name))}: {total:N0} paired replicates", total, threads, show: !quiet,
                progress => Comparison.Run(scenarios, new RunOptions { Threads = threads, Progress = progress, CancellationToken = interruption.Token }));
            AtomicFolder.Write(outDir, force, temp =>
            {
                ComparisonReport.Write(result, temp);
                interruption.Reached("writing");
            }, interruption.Token);
        }
        catch (OperationCanceledException)
        {
            return interruption.Stopped($"nothing was written to {outDir}");
        }
        catch (IncomparableScenariosException e)
        {
            stderr.WriteLine($"tfm: {e.Message} (use --seed and --replicates to set them for all)");
            return ExitCodes.BadInput;
        }
        catch (OutputFolderException e)
        {
            stderr.WriteLine($"tfm: --out = '{outDir}': {OptionChecks.Describe(e)}");
            return OptionChecks.ExitCode(e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"tfm: cannot write '{outDir}': {e.Message}; nothing was written");
            return ExitCodes.InternalError;
        }
        if (interruption.Requested) return interruption.Stopped($"the comparison was already complete in {outDir}");
        if (!quiet)
        {
            stdout.Write(result.ToString());
            stdout.WriteLine($"Wrote compare.csv ({result.Areas[0]} and {result.Areas.Count - 1} shared DATs), compare-targets.csv, codebook.csv, compare.html and charts/ to {outDir}.");
        }
        return ExitCodes.Ok;
    }
}
