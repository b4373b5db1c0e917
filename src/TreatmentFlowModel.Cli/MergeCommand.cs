using System.CommandLine;
using System.Diagnostics;
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
        // From here on a signal stops the command in whatever phase it is in, with exit code 130 and nothing half-written.
        using var interruption = new Interruption(stderr);
        // The output folder is checked and locked before the shards are read: a folder that cannot be written, or that
        // another run is writing, is refused now rather than after the merge.
        string which = $"--out = '{outDir}'";
        using var hold = OptionChecks.Reserve(outDir, force, which, stderr, out int refused);
        if (hold is null) return refused;
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
        try
        {
            // The merge reads and checks every file before it can be stopped between them, so it is waited for with the
            // signal: an interrupted merge is abandoned (it writes nothing) and the command stops at once.
            var merged = Task.Run(() => ShardFile.Merge(files)).WaitAsync(interruption.Token).GetAwaiter().GetResult();
            interruption.Reached("loaded");
            ResultWriter.Write(merged, outDir, force, extra: temp =>
            {
                HtmlReport.Write(merged, temp);
                interruption.Reached("writing");
            }, interruption.Token);
            string complete = $"the results were already complete in {outDir}";
            if (interruption.Requested) return interruption.Stopped(complete);
            if (interruption.StopAt("written", complete) is { } stoppedAfter) return stoppedAfter;
            if (!quiet)
            {
                stdout.Write(merged.ToString());
                stdout.WriteLine($"Merged {files.Count} shard files ({merged.Replicates:N0} replicates) and wrote {string.Join(", ", ResultWriter.FilesOf(merged))}, report.html and charts/ to {outDir} in {clock.Elapsed.TotalSeconds:0.0} s.");
            }
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            return interruption.Stopped($"nothing was written to {outDir}");
        }
        catch (ShardException e)
        {
            return Bad(e.Message);
        }
        catch (OutputFolderException e)
        {
            // Made since the check before the merge (not by another tfm, which the lock keeps out): still nothing written.
            stderr.WriteLine($"tfm: {which}: {OptionChecks.Describe(e)}");
            return OptionChecks.ExitCode(e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"tfm: cannot write the results to '{outDir}': {e.Message}; nothing was written");
            return ExitCodes.InternalError;
        }
    }
}
