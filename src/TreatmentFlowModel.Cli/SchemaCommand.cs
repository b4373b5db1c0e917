using System.CommandLine;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cli;

/// <summary><c>tfm schema [--out FILE]</c>: writes the JSON Schema of scenario files (for editors).</summary>
internal static class SchemaCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var outFile = new Option<string?>("--out", "-o") { Description = "File to write (default: standard output)." };
        var command = new Command("schema", "Write the JSON Schema of scenario files, so editors complete keys and flag typos.") { outFile };
        command.SetAction(p =>
        {
            string schema = ScenarioSchema.Generate();
            if (p.GetValue(outFile) is not { } file)
            {
                stdout.Write(schema);
                return ExitCodes.Ok;
            }
            try
            {
                File.WriteAllText(file, schema);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"tfm: --out = '{file}': cannot write: {e.Message}");
                return ExitCodes.InternalError;
            }
        });
        return command;
    }
}
