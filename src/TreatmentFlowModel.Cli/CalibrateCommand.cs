using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TreatmentFlowModel.Calibration;
using TreatmentFlowModel.Calibration.Abc;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cli;

/// <summary>
/// <c>tfm calibrate [scenario...]</c>: the Bayesian calibration (ABC-SMC on the stochastic model) of the parameters in the
/// calibration spec, writing the posterior CSV and its fit report (markdown and CSV) beside it.
/// </summary>
internal static class CalibrateCommand
{
    /// <summary>
    /// The defaults fit the 2-core CI-class machine in under an hour: a national fit-horizon replicate (April 1994 to March
    /// 2003) costs about 0.65 s of one core (measured on this branch), so 6,000 simulations are about 33 minutes on 2 free
    /// cores and the wall-clock budget of 45 minutes stops a slower machine in time for the predictive draws.
    /// </summary>
    private const int DefaultMaximumSimulations = 6000, DefaultBudgetMinutes = 45, DefaultPopulation = 200, DefaultDraws = 100;

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var files = CommonOptions.ScenarioFiles(ArgumentArity.ZeroOrMore, "Scenario files to calibrate (default: the embedded default).");
        var sets = CommonOptions.Sets("Override a scenario key before calibrating (repeatable).");
        var spec = new Option<string>("--spec") { Description = "Calibration spec: parameters with priors, observations.", DefaultValueFactory = _ => Path.Combine("scenarios", "calibration", "spec.json") };
        var output = new Option<string>("--out", "-o") { Description = "Posterior CSV to write; the fit report goes beside it as <name>-fit.md and <name>-fit.csv.", DefaultValueFactory = _ => Path.Combine("scenarios", "calibration", "posterior.csv") };
        var population = new Option<int>("--population", "-N") { Description = "Particles per generation.", DefaultValueFactory = _ => DefaultPopulation };
        var maxSimulations = new Option<long>("--max-simulations") { Description = "Simulation budget of the sampler.", DefaultValueFactory = _ => DefaultMaximumSimulations };
        var budget = new Option<double>("--budget-minutes") { Description = "Wall-clock budget of the sampler in minutes (0: none); the last complete generation is kept.", DefaultValueFactory = _ => DefaultBudgetMinutes };
        var fitUntil = new Option<string?>("--fit-until") { Description = "Fit only observations dated up to this financial year (e.g. 2000/01) and predict the rest." };
        var kernel = new Option<string>("--kernel") { Description = "Perturbation kernel: olcm (local covariances, Filippi et al. 2013) or beaumont (twice the population's covariance, Beaumont et al. 2009: broader moves, keeps the effective sample size up on many parameters).", DefaultValueFactory = _ => "olcm" };
        var minEss = new Option<double>("--min-ess") { Description = "Stop when a generation's effective sample size falls below this fraction of N (the previous generation is kept); 0: never.", DefaultValueFactory = _ => new AbcSmcOptions().MinimumEffectiveSampleFraction };
        var draws = new Option<int>("--draws") { Description = "Posterior predictive simulations for the fit report.", DefaultValueFactory = _ => DefaultDraws };
        var seed = CommonOptions.Seed("Seed of the sampler and its simulations (default: the scenario's seed).");
        var threads = CommonOptions.Threads();
        var force = CommonOptions.Force("Replace existing posterior and fit-report files.");
        var recovery = new Option<int>("--recovery") { Description = "Instead of calibrating: a parameter-recovery study on this many synthetic data sets made by the model at parameters drawn from the prior; --out names its CSV (the markdown goes beside it).", DefaultValueFactory = _ => 0 };
        var command = new Command("calibrate", "Bayesian calibration (ABC-SMC on the stochastic model, fit horizon April 1994 to March 2003): writes the posterior CSV and the fit report.")
        {
            files, sets, spec, output, population, maxSimulations, budget, fitUntil, kernel, minEss, draws, seed, threads, force, recovery,
        };
        command.SetAction(p => Run(new Request(p.GetValue(files) ?? [], p.GetValue(sets) ?? [], p.GetValue(spec)!, p.GetValue(output)!, p.GetValue(population),
            p.GetValue(maxSimulations), p.GetValue(budget), p.GetValue(fitUntil), p.GetValue(kernel)!, p.GetValue(minEss), p.GetValue(draws), p.GetValue(seed), p.GetValue(threads), p.GetValue(force), p.GetValue(recovery)), stdout, stderr));
        return command;
    }

    private sealed record Request(string[] Files, string[] Sets, string Spec, string Out, int Population, long MaxSimulations, double BudgetMinutes,
        string? FitUntil, string Kernel, double MinEss, int Draws, ulong? Seed, int Threads, bool Force, int Recovery);

    /// <summary>The fit report files beside posterior <paramref name="posterior"/>: <c>name-fit.md</c> and <c>name-fit.csv</c>.</summary>
    public static (string Markdown, string Csv) ReportPaths(string posterior)
    {
        string stem = Path.Combine(Path.GetDirectoryName(posterior) ?? "", Path.GetFileNameWithoutExtension(posterior));
        return (stem + "-fit.md", stem + "-fit.csv");
    }

    private static int Run(Request r, TextWriter stdout, TextWriter stderr)
    {
        int Bad(string message)
        {
            stderr.WriteLine($"tfm: {message}");
            return ExitCodes.BadInput;
        }
        if (r.Population < 10) return Bad($"--population = '{r.Population}': must be a whole number >= 10");
        if (r.MaxSimulations < r.Population) return Bad($"--max-simulations = '{r.MaxSimulations}': must be at least --population ({r.Population})");
        if (!(r.BudgetMinutes >= 0) || double.IsInfinity(r.BudgetMinutes)) return Bad($"--budget-minutes = '{r.BudgetMinutes.ToString(CultureInfo.InvariantCulture)}': must be a number of minutes >= 0 (0: none)");
        PerturbationKernel? kernel = r.Kernel.ToLowerInvariant() switch
        {
            "olcm" => PerturbationKernel.OptimalLocalCovariance,
            "beaumont" => PerturbationKernel.TwiceWeightedCovariance,
            _ => null,
        };
        if (kernel is null) return Bad($"--kernel = '{r.Kernel}': must be olcm or beaumont");
        if (!(r.MinEss is >= 0 and < 1)) return Bad($"--min-ess = '{r.MinEss.ToString(CultureInfo.InvariantCulture)}': must be a fraction of N from 0 (no rule) to below 1");
        if (r.Draws < 20) return Bad($"--draws = '{r.Draws}': must be a whole number >= 20 (the 5% and 95% quantiles need them)");
        if (OptionChecks.Threads(r.Threads) is { } threadProblem) return Bad(threadProblem);
        if (r.Recovery < 0) return Bad($"--recovery = '{r.Recovery}': must be a whole number of synthetic data sets >= 0 (0: calibrate)");
        FinancialYear? fitUntil = null;
        if (r.FitUntil is { } text)
        {
            if (!FinancialYear.TryParse(text, out var y)) return Bad($"--fit-until = '{text}': must be a financial year such as 2000/01");
            fitUntil = y;
        }
        if (!r.Out.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return Bad($"--out = '{r.Out}': must be a .csv file");
        var (mdPath, csvPath) = r.Recovery > 0 ? (Path.ChangeExtension(r.Out, ".md"), r.Out) : ReportPaths(r.Out);
        var existing = new[] { r.Out, mdPath, csvPath }.Where(File.Exists).ToArray();
        if (existing.Length > 0 && !r.Force) return Bad($"--out = '{r.Out}': {string.Join(", ", existing)} exist; choose another --out or replace them with --force");

        // A folder that cannot be made: refused before any work, as run and compare refuse it.
        string? parent = Path.GetDirectoryName(Path.GetFullPath(r.Out));
        for (string? up = parent; up is not null; up = Path.GetDirectoryName(up))
            if (File.Exists(up)) return Bad($"--out = '{r.Out}': '{up}' is a file, so no folder can be made inside it");
        // Ctrl+C and SIGTERM in every phase (loading, fitting, writing): exit 130, nothing half-written.
        using var interruption = new Interruption(stderr);
        CalibrationModel model;
        CalibrationSpec spec;
        try
        {
            spec = CalibrationSpec.Load(r.Spec);
        }
        catch (ScenarioException e)
        {
            // The calibration file's own problems: say so, rather than blame the scenario.
            stderr.WriteLine($"The calibration file has {e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}:");
            foreach (var error in e.Errors) stderr.WriteLine($"  {error}");
            return ExitCodes.BadInput;
        }
        try
        {
            var baseline = ScenarioLoader.Load(r.Files, r.Sets, setsSource: CommonOptions.SetName);
            model = new CalibrationModel(baseline, spec, fitUntil);
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        if (interruption.StopAt("loaded", "nothing was written") is { } stoppedLoading) return stoppedLoading;
        ulong seed = r.Seed ?? model.Horizon.Seed;
        var options = new AbcSmcOptions
        {
            PopulationSize = r.Population,
            MaximumSimulations = r.MaxSimulations,
            WallClockBudget = r.BudgetMinutes > 0 ? TimeSpan.FromMinutes(r.BudgetMinutes) : null,
            MinimumEpsilon = AbcSmcOptions.EpsilonMatchingStatedUncertainty(model.FittedCount),
            Kernel = kernel.Value,
            MinimumEffectiveSampleFraction = r.MinEss,
            Seed = seed,
            MaxDegreeOfParallelism = r.Threads,
        };
        var clock = Stopwatch.StartNew();
        if (r.Recovery > 0) return Recover(model, options, r, mdPath, csvPath, interruption, stdout, stderr);
        var lastLine = TimeSpan.Zero;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tfm: calibrating {model.Spec.Parameters.Length} parameters to {model.FittedCount} summaries{(fitUntil is { } fy ? $" (data up to {fy})" : "")}: N = {r.Population}, at most {r.MaxSimulations:N0} simulations{(r.BudgetMinutes > 0 ? $" or {r.BudgetMinutes:0.#} min" : "")}, {r.Threads} threads"));
        var progress = new InlineProgress<AbcProgress>(p =>
        {
            if (!p.IsGenerationComplete && p.Elapsed - lastLine < TimeSpan.FromSeconds(30)) return;
            lastLine = p.Elapsed;
            double perSimulation = p.TotalSimulations > 0 ? p.Elapsed.TotalSeconds / p.TotalSimulations : double.NaN;
            double left = Math.Min((p.MaximumSimulations - p.TotalSimulations) * perSimulation, r.BudgetMinutes > 0 ? r.BudgetMinutes * 60 - p.Elapsed.TotalSeconds : double.PositiveInfinity);
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  generation {p.Generation}{(p.IsGenerationComplete ? " done" : "")}: epsilon {p.Epsilon:G4}, accepted {p.Accepted}/{p.PopulationSize}, acceptance {p.AcceptanceRate:P1}, simulations {p.TotalSimulations:N0}/{p.MaximumSimulations:N0}, elapsed {p.Elapsed.TotalMinutes:F1} min, at most {Math.Max(0, left) / 60:F1} min left{(p.IsGenerationComplete ? $", ESS {p.EffectiveSampleSize:F0}" : "")}"));
        });
        return Guarded(() =>
        {
            var posterior = new AbcSmcSampler(model.Prior, model.FitSimulator, model.FittedObservations, options).Run(progress, interruption.Token);
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tfm: sampler stopped ({posterior.StopReason}) after {posterior.TotalSimulations:N0} simulations; {r.Draws} posterior predictive simulations for the fit report"));
            var predictive = PosteriorPredictive.Run(posterior, model.AllSimulator, model.AllObservations,
                new PredictiveOptions { Draws = r.Draws, Seed = seed, MaxDegreeOfParallelism = r.Threads }, interruption.Token);
            interruption.Reached("fitted");
            string line = "tfm calibrate " + string.Join(' ', Environment.GetCommandLineArgs().Skip(2));
            string md = FitReport.Markdown(model, posterior, predictive, clock.Elapsed, line.Trim());
            string csv = FitReport.Csv(model, predictive);
            WriteAll([(r.Out, AbcPosteriorCsv.ToCsv(posterior)), (mdPath, md), (csvPath, csv)], interruption);
            stdout.Write(md);
            stdout.WriteLine($"Wrote {r.Out}, {mdPath} and {csvPath} in {clock.Elapsed.TotalMinutes:F1} min.");
            return ExitCodes.Ok;
        }, clock, $"'{r.Out}' or its fit report", interruption, stderr);
    }

    /// <summary>
    /// The recovery study (issue 15 item 7a): synthetic data from the model at <c>--recovery</c> parameter sets drawn from
    /// the prior, each calibrated as the real data are, and how often each 90% interval holds its truth. The distance is
    /// scaled by the prior predictive spread (the data are the model's own, and a smaller scenario's counts do not share
    /// the real figures' errors); the wall-clock budget is shared out over the cases.
    /// </summary>
    private static int Recover(CalibrationModel model, AbcSmcOptions options, Request r, string mdPath, string csvPath, Interruption interruption, TextWriter stdout, TextWriter stderr)
    {
        var clock = Stopwatch.StartNew();
        var truths = RecoveryStudy.TruthsFromPrior(model.Prior, r.Recovery, options.Seed);
        var study = new RecoveryOptions
        {
            Sampler = options with
            {
                Scaling = DistanceScaling.PriorPredictiveMad,
                MinimumEpsilon = 0,
                WallClockBudget = options.WallClockBudget is { } b ? b / r.Recovery : null,
            },
            SummaryNames = [.. model.FittedObservations.Select(o => o.Name)],
        };
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tfm: recovery study, {r.Recovery} synthetic data sets on {model.Horizon.Areas.Length switch { 0 => "every", var n => n.ToString(CultureInfo.InvariantCulture) }} areas, N = {options.PopulationSize}, at most {options.MaximumSimulations:N0} simulations per case"));
        return Guarded(() =>
        {
            var result = RecoveryStudy.Run(model.Prior, model.FitSimulator, truths, study, new InlineProgress<RecoveryCase>(c =>
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  case {c.Index}: {Enumerable.Range(0, c.Truth.Length).Count(c.Covers)}/{c.Truth.Length} intervals hold the truth, {c.Simulations:N0} simulations, {c.Generations + 1} generations, epsilon {c.Epsilon:G4}, {c.StopReason}, elapsed {clock.Elapsed.TotalMinutes:F1} min"))), interruption.Token);
            string line = "tfm calibrate " + string.Join(' ', Environment.GetCommandLineArgs().Skip(2));
            string md = $"# Parameter recovery study\n\nMade by `{line.Trim()}` in {clock.Elapsed.TotalMinutes:F1} min. Truths drawn from the prior; each synthetic data set is one replicate of the model at its truth, calibrated like the real data (the same summaries, N = {options.PopulationSize}, at most {options.MaximumSimulations:N0} simulations), distance scaled by the prior predictive MAD.\n\n" + result.ToMarkdown()
                + "\n| case | covered | simulations | generations | final epsilon | stopped by |\n|---|---|---|---|---|---|\n"
                + string.Concat(result.Cases.Select(c => string.Create(CultureInfo.InvariantCulture, $"| {c.Index} | {Enumerable.Range(0, c.Truth.Length).Count(c.Covers)}/{c.Truth.Length} | {c.Simulations:N0} | {c.Generations + 1} | {c.Epsilon:G4} | {c.StopReason} |\n")));
            interruption.Reached("fitted");
            WriteAll([(csvPath, result.ToCsv()), (mdPath, md)], interruption);
            stdout.Write(md);
            stdout.WriteLine($"Wrote {csvPath} and {mdPath}.");
            return ExitCodes.Ok;
        }, clock, $"'{csvPath}' or '{mdPath}'", interruption, stderr);
    }

    /// <summary>
    /// Runs a calibration or a recovery study and turns how it can fail into a message and an exit code: a stop by signal
    /// (nothing written), an unusable model summary (nothing written) and a file that cannot be written (<paramref name="files"/>).
    /// </summary>
    private static int Guarded(Func<int> run, Stopwatch clock, string files, Interruption interruption, TextWriter stderr)
    {
        try
        {
            return run();
        }
        catch (OperationCanceledException)
        {
            return interruption.Stopped($"nothing was written after {clock.Elapsed.TotalMinutes.ToString("F1", CultureInfo.InvariantCulture)} min");
        }
        catch (AbcSimulationException e)
        {
            stderr.WriteLine($"tfm: the model returned an unusable summary: {e.Message}; nothing was written");
            return ExitCodes.InternalError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"tfm: cannot write {files}: {e.Message}");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// Writes every file to a temporary name first, then renames them all, so an error or a signal (checked once the
    /// temporaries are written, the phase "writing") leaves no half-written file.
    /// </summary>
    private static void WriteAll(IReadOnlyList<(string Path, string Text)> files, Interruption interruption)
    {
        var temps = new List<string>();
        try
        {
            foreach (var (path, text) in files)
            {
                string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
                Directory.CreateDirectory(dir);
                string temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
                File.WriteAllText(temp, text);
                temps.Add(temp);
            }
            interruption.Reached("writing");
            for (int i = 0; i < files.Count; i++) File.Move(temps[i], files[i].Path, overwrite: true);
        }
        finally
        {
            foreach (var t in temps) if (File.Exists(t)) File.Delete(t);
        }
    }
}
