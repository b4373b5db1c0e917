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
        var overrides = CommonOptions.Overrides(replicates, seed);
        var scenarios = new List<Scenario>();
        var errors = new List<ScenarioError>();
        foreach (var input in inputs)
        {
            string file = Directory.Exists(input) ? Path.Combine(input, "scenario.resolved.json") : input;
            try { scenarios.Add(ScenarioLoader.Load([file], [], useEnvironment: false, overrides)); }
            catch (ScenarioException e) { errors.AddRange(e.Errors); }
        }
        if (errors.Count > 0)
        {
            stderr.WriteLine(new ScenarioException(errors).Message);
            return ExitCodes.BadInput;
        }
        ComparisonResult result;
        try
        {
            int total = scenarios[0].Replicates;
            result = ProgressDisplay.Run($"{string.Join(" vs ", scenarios.Select(s => s.Name))}: {total:N0} paired replicates", total, threads, show: !quiet,
                progress => Comparison.Run(scenarios, new RunOptions { Threads = threads, Progress = progress }));
        }
        catch (IncomparableScenariosException e)
        {
            stderr.WriteLine($"tfm: {e.Message} (use --seed and --replicates to set them for all)");
            return ExitCodes.BadInput;
        }
        try
        {
            AtomicFolder.Write(outDir, force, temp => ComparisonReport.Write(result, temp));
        }
        catch (OutputFolderExistsException e)
        {
            stderr.WriteLine($"tfm: {OptionChecks.FolderExists(e.Folder)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"tfm: cannot write '{outDir}': {e.Message}");
            return ExitCodes.InternalError;
        }
        if (!quiet)
        {
            stdout.Write(result.ToString());
            stdout.WriteLine($"Wrote compare.csv (England and {result.Areas.Count - 1} shared DATs), compare-targets.csv, codebook.csv, compare.html and charts/ to {outDir}.");
        }
        return ExitCodes.Ok;
    }
}
