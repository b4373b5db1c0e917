using System.CommandLine;
using System.Globalization;
using TreatmentFlowModel.Calibration;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cli;

/// <summary><c>tfm calibrate SPEC [scenario...]</c>: fits free parameters to published figures and writes the overlay and the report.</summary>
internal static class CalibrateCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("calibration") { Description = "Calibration file: free parameters with ranges, and targets (see scenarios/calibration.json)." };
        var files = CommonOptions.ScenarioFiles(ArgumentArity.ZeroOrMore, "Scenario files to calibrate (default: the embedded default).");
        var sets = CommonOptions.Sets("Override a scenario key before fitting (repeatable).");
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for calibrated.json and the fit report.", DefaultValueFactory = _ => Path.Combine("out", "calibration") };
        var check = new Option<int>("--check") { Description = "Replicates of the stochastic check of the fit (0 to skip).", DefaultValueFactory = _ => 40 };
        var force = CommonOptions.Force();
        var command = new Command("calibrate", "Fit free parameters to published figures (deterministic mode, Nelder-Mead), check stochastically, write calibrated.json and calibration-report.md/.csv.")
        {
            spec, files, sets, outDir, check, force,
        };
        command.SetAction(p => Run(p.GetValue(spec)!, p.GetValue(files) ?? [], p.GetValue(sets) ?? [], p.GetValue(outDir)!, p.GetValue(check), p.GetValue(force), stdout, stderr));
        return command;
    }

    private static int Run(string specPath, string[] files, string[] sets, string outDir, int check, bool force, TextWriter stdout, TextWriter stderr)
    {
        if (check < 0)
        {
            stderr.WriteLine($"tfm: --check = '{check}': must be a whole number of replicates >= 0");
            return ExitCodes.BadInput;
        }
        if (OptionChecks.OutputFolder(outDir, force) is { } problem)
        {
            stderr.WriteLine($"tfm: {problem}");
            return ExitCodes.BadInput;
        }
        using var interruption = new Interruption(stderr);
        CalibrationSpec spec;
        Scenario baseline;
        try
        {
            spec = CalibrationSpec.Load(specPath);
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
            baseline = ScenarioLoader.Load(files, sets, setsSource: CommonOptions.SetName);
            var cal = new Model.WeekCalendar(baseline.Start, baseline.End);
            var outside = spec.Targets.Where(t => !cal.Contains(t.Year)).ToArray();
            if (outside.Length > 0)
                throw new ScenarioException([.. outside.Select(t => new ScenarioError(specPath, $"Targets.{t.Name}.Year", t.Year.ToString(),
                    $"the scenario runs {cal.FirstYear} to {cal.LastYear}"))]);
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        if (interruption.StopAt("loaded", "nothing was written") is { } stoppedLoading) return stoppedLoading;
        using var hold = OptionChecks.Reserve(outDir, force, $"--out = '{outDir}'", stderr, out int refused);
        if (hold is null) return refused;
        int evaluations = 0;
        CalibrationResult result;
        try
        {
            result = Calibrator.Fit(baseline, spec, check, new InlineProgress<double>(v =>
            {
                if (++evaluations % 10 == 0) stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  evaluation {evaluations}: objective {v:E3}"));
            }), interruption.Token);
            interruption.Reached("fitted");
            Output.AtomicFolder.Write(outDir, force, temp =>
            {
                File.WriteAllText(Path.Combine(temp, "calibrated.json"), CalibrationWriter.Overlay(result, specPath));
                File.WriteAllText(Path.Combine(temp, "calibration-report.md"), CalibrationWriter.ReportMarkdown(result, specPath));
                File.WriteAllText(Path.Combine(temp, "calibration-report.csv"), CalibrationWriter.ReportCsv(result));
                interruption.Reached("writing");
            }, interruption.Token);
        }
        catch (OperationCanceledException)
        {
            return interruption.Stopped($"nothing was written to {outDir}");
        }
        catch (Output.OutputFolderException e)
        {
            stderr.WriteLine($"tfm: --out = '{outDir}': {OptionChecks.Describe(e)}");
            return OptionChecks.ExitCode(e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"tfm: cannot write '{outDir}': {e.Message}; nothing was written");
            return ExitCodes.InternalError;
        }
        if (interruption.Requested) return interruption.Stopped($"the calibration was already complete in {outDir}");
        stdout.Write(CalibrationWriter.ReportMarkdown(result, specPath));
        stdout.WriteLine($"Wrote calibrated.json, calibration-report.md and calibration-report.csv to {outDir}.");
        return ExitCodes.Ok;
    }
}
