using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Reporting;

namespace TreatmentFlowModel.Cli;

/// <summary><c>tfm merge PARTS... -o DIR</c>: merges the shard files of one run into its output folder, byte-identical to a single-process run.</summary>
internal static class MergeCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var parts = new Argument<string[]>("parts") { Arity = ArgumentArity.OneOrMore, Description = $"Shard files written by 'tfm run --shard', or folders holding them (every *{ShardFile.Extension} in each)." };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder.", Required = true };
        var force = CommonOptions.Force("Replace an existing output folder (only once the merged results are complete).");
        var quiet = CommonOptions.Quiet("No summary on the terminal.");
        var command = new Command("merge", "Merge the shard files of one run (checked: one run, every replicate exactly once, intact) and write its output folder, as 'tfm run' would have.")
        {
            parts, outDir, force, quiet,
        };
        command.SetAction(p => Execute(p.GetValue(parts) ?? [], p.GetValue(outDir)!, p.GetValue(force), p.GetValue(quiet), stdout, stderr));
        return command;
    }

    private static int Execute(string[] inputs, string outDir, bool force, bool quiet, TextWriter stdout, TextWriter stderr)
    {
        int Bad(string message)
        {
            stderr.WriteLine($"tfm: {message}");
            return ExitCodes.BadInput;
        }
        if (OptionChecks.OutputFolder(outDir, force) is { } problem) return Bad(problem);
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var found = Directory.GetFiles(input, "*" + ShardFile.Extension).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0) return Bad($"'{input}' holds no shard files (*{ShardFile.Extension})");
                files.AddRange(found);
            }
            else if (File.Exists(input)) files.Add(input);
            else return Bad($"'{input}' does not exist");
        }
        // A file named twice (say, its folder and the file itself) is the user's slip, not two shards over one range.
        if (files.GroupBy(Path.GetFullPath).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return Bad($"'{twice.First()}' is given twice; name each shard file (or its folder) once");
        var clock = Stopwatch.StartNew();
        // Ctrl+C or SIGTERM while the shards are read and merged: stop waiting, exit 130, nothing written (the merge is
        // abandoned with the process). Once the results are being written (seconds; beside the folder, then moved into
        // place whole) the signal is too late: the write finishes, so no half-made temporary folder is left behind.
        using var stop = new CancellationTokenSource();
        var gate = new Lock();
        bool writing = false;
        void Interrupt(PosixSignalContext c)
        {
            c.Cancel = true;
            lock (gate) if (!writing) stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        try
        {
            var work = Task.Run(() =>
            {
                var merged = ShardFile.Merge(files);
                lock (gate)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    writing = true;
                }
                ResultWriter.Write(merged, outDir, force, extra: temp => HtmlReport.Write(merged, temp));
                return merged;
            });
            var result = work.WaitAsync(stop.Token).GetAwaiter().GetResult();
            if (!quiet)
            {
                stdout.Write(result.ToString());
                stdout.WriteLine($"Merged {files.Count} shard files ({result.Replicates:N0} replicates) and wrote {string.Join(", ", ResultWriter.FilesOf(result))}, report.html and charts/ to {outDir} in {clock.Elapsed.TotalSeconds:0.0} s.");
            }
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"tfm: interrupted while merging {files.Count} shard files; nothing was written to {outDir}");
            return ExitCodes.Interrupted;
        }
        catch (ShardException e)
        {
            return Bad(e.Message);
        }
        catch (OutputFolderExistsException e)
        {
            return Bad(OptionChecks.FolderExists(e.Folder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"tfm: cannot write the results to '{outDir}': {e.Message}; nothing was written");
            return ExitCodes.InternalError;
        }
    }
}
