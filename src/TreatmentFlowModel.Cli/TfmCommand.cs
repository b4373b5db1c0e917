using System.CommandLine;

namespace TreatmentFlowModel.Cli;

/// <summary>The <c>tfm</c> command line: parses the arguments and hands them to its commands (run, validate, calibrate, compare, schema, merge, cluster, serve, export, list).</summary>
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
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            // The last line of defence, the same for every command: one line, never a stack trace.
            stderr.WriteLine($"tfm: internal error ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}). Please report it with the command line and scenario.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The command tree, for parsing (the tests check that the sample job files hold valid invocations).</summary>
    internal static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("TreatmentFlowModel: forecast flows of problem drug users into treatment, area by area, week by week.");
        root.Subcommands.Add(RunCommand.Build(stdout, stderr));
        root.Subcommands.Add(ValidateCommand.Build(stdout, stderr));
        root.Subcommands.Add(CalibrateCommand.Build(stdout, stderr));
        root.Subcommands.Add(CompareCommand.Build(stdout, stderr));
        root.Subcommands.Add(SchemaCommand.Build(stdout, stderr));
        root.Subcommands.Add(MergeCommand.Build(stdout, stderr));
        root.Subcommands.Add(ClusterCommand.Build(stdout, stderr));
        root.Subcommands.Add(ServeCommand.Build(stdout, stderr));
        root.Subcommands.Add(ExportCommand.Build(stdout, stderr));
        root.Subcommands.Add(ListCommand.Build(stdout, stderr));
        return root;
    }
}
