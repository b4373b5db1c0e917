using System.CommandLine;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cli;

/// <summary><c>tfm validate FILE...</c>: checks scenario files and lists every problem; writes nothing.</summary>
internal static class ValidateCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var files = CommonOptions.ScenarioFiles(ArgumentArity.OneOrMore, "Scenario files to check (later files overlay earlier ones).");
        var sets = CommonOptions.Sets("Override a scenario key before checking (repeatable).");
        var validate = new Command("validate", "Check scenario files and report every problem; writes nothing.") { files, sets };
        validate.SetAction(p => Execute(p.GetValue(files) ?? [], p.GetValue(sets) ?? [], stdout, stderr));
        return validate;
    }

    private static int Execute(string[] files, string[] sets, TextWriter stdout, TextWriter stderr)
    {
        using var interruption = new Interruption(stderr);
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(files, sets, setsSource: CommonOptions.SetName);
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        if (interruption.StopAt("loaded", "no result was printed") is { } stopped) return stopped;
        stdout.WriteLine($"OK: {string.Join(", ", files)}: scenario '{scenario.Name}', {scenario.Start:yyyy-MM-dd} to {scenario.End:yyyy-MM-dd}, {scenario.Replicates} replicates, seed {scenario.Seed}");
        return ExitCodes.Ok;
    }
}
