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
            if (Directory.Exists(file))
            {
                stderr.WriteLine($"tfm: --out = '{file}': is a folder; give the name of the file to write");
                return ExitCodes.BadInput;
            }
            using var interruption = new Interruption(stderr);
            try
            {
                // Written beside the file and renamed over it: a full disk, or a signal, leaves the old schema as it was.
                Output.AtomicFile.Write(file, stream =>
                {
                    stream.Write(new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(schema));
                    interruption.Reached("writing");
                }, interruption.Token);
                return interruption.Requested ? interruption.Stopped($"{file} was already written") : ExitCodes.Ok;
            }
            catch (OperationCanceledException)
            {
                return interruption.Stopped(File.Exists(file) ? $"{file} is unchanged" : "nothing was written");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"tfm: --out = '{file}': cannot write: {e.Message}{(File.Exists(file) ? "; the existing file is unchanged" : "")}");
                return ExitCodes.InternalError;
            }
        });
        return command;
    }
}
