using System.CommandLine;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Reporting;

namespace TreatmentFlowModel.Cli;

/// <summary><c>tfm export DIR --xlsx</c>: the CSV files of an output folder (of run or compare) as one Excel workbook.</summary>
internal static class ExportCommand
{
    /// <summary>The workbook's name inside the folder when --out is not given.</summary>
    public const string DefaultWorkbook = "results.xlsx";

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var folder = new Argument<string>("folder") { Description = "An output folder of 'tfm run' or 'tfm compare'." };
        var xlsx = new Option<bool>("--xlsx") { Description = "Write an Excel workbook: one sheet per CSV file, codebook first, numbers as numbers and periods as text." };
        var outFile = new Option<string?>("--out", "-o") { Description = $"The file to write (default: {DefaultWorkbook} in the folder)." };
        var force = CommonOptions.Force("Replace an existing file.");
        var command = new Command("export", "Export an output folder's tables to another format (--xlsx: one Excel workbook).") { folder, xlsx, outFile, force };
        command.SetAction(p => Run(p.GetValue(folder)!, p.GetValue(xlsx), p.GetValue(outFile), p.GetValue(force), stdout, stderr));
        return command;
    }

    private static int Run(string folder, bool xlsx, string? outFile, bool force, TextWriter stdout, TextWriter stderr)
    {
        int Bad(string message)
        {
            stderr.WriteLine($"tfm: {message}");
            return ExitCodes.BadInput;
        }
        if (!xlsx) return Bad("export: choose a format: --xlsx (an Excel workbook)");
        if (!Directory.Exists(folder)) return Bad($"folder = '{folder}': not found; give an output folder of 'tfm run' or 'tfm compare'");
        if (Directory.GetFiles(folder, "*.csv").Length == 0) return Bad($"folder = '{folder}': holds no CSV file to export");
        string target = outFile ?? Path.Combine(folder, DefaultWorkbook);
        if (Directory.Exists(target)) return Bad($"--out = '{target}': is a folder; give the name of the workbook to write");
        if (File.Exists(target) && !force) return Bad($"--out = '{target}': the file exists; choose another with --out or replace it with --force");
        using var interruption = new Interruption(stderr);
        try
        {
            // Written beside the target and renamed over it (AtomicFile): a full disk or a signal leaves no
            // half-written workbook and an existing one as it was.
            IReadOnlyList<string> sheets = [];
            AtomicFile.Write(target, stream =>
            {
                sheets = SpreadsheetExport.FromFolder(folder, stream);
                interruption.Reached("writing");
            }, interruption.Token);
            if (interruption.Requested) return interruption.Stopped($"{target} was already written");
            stdout.WriteLine($"Wrote {target}: sheets {string.Join(", ", sheets)}.");
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            return interruption.Stopped(File.Exists(target) ? $"{target} is unchanged" : "nothing was written");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"tfm: cannot write '{target}': {e.Message}{(File.Exists(target) ? "; the existing file is unchanged" : "")}");
            return ExitCodes.InternalError;
        }
    }
}
