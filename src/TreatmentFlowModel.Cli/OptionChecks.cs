using TreatmentFlowModel.Output;

namespace TreatmentFlowModel.Cli;

/// <summary>Checks of command-line options shared by the commands; each returns the message to print, or null when the value is fine.</summary>
internal static class OptionChecks
{
    /// <summary>
    /// What is wrong with an --out folder, before anything is loaded or run: it exists without --force, is a file,
    /// sits under a file, or has a name too long (see <see cref="Output.OutputFolder.Check"/>).
    /// </summary>
    public static string? OutputFolder(string folder, bool force)
    {
        try
        {
            Output.OutputFolder.Check(folder, force);
            return null;
        }
        catch (OutputFolderException e)
        {
            return $"--out = '{folder}': {Describe(e)}";
        }
    }

    /// <summary>
    /// Checks and locks an output folder for the rest of the command (see <see cref="Output.OutputFolder.Reserve"/>), or
    /// prints why it cannot be used and returns null with the exit code (see <see cref="ExitCode"/>).
    /// </summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="force">Whether --force was given.</param>
    /// <param name="which">How the message names the folder, e.g. <c>--out = 'x'</c>.</param>
    /// <param name="stderr">Where the message goes.</param>
    /// <param name="exitCode">The exit code when refused.</param>
    /// <param name="resuming">Whether the folder is that of a run being resumed, which cannot take --out.</param>
    public static OutputFolderLock? Reserve(string folder, bool force, string which, TextWriter stderr, out int exitCode, bool resuming = false)
    {
        exitCode = ExitCodes.Ok;
        try
        {
            return Output.OutputFolder.Reserve(folder, force);
        }
        catch (OutputFolderException e)
        {
            stderr.WriteLine($"tfm: {which}: {Describe(e, resuming)}");
            exitCode = ExitCode(e);
            return null;
        }
    }

    /// <summary>
    /// The library's reason with the options that get round it; when <paramref name="resuming"/>, without --out, which a
    /// resumed run cannot take (it writes the folder it was started with).
    /// </summary>
    public static string Describe(OutputFolderException e, bool resuming = false) => (e.Problem, resuming) switch
    {
        (OutputFolderProblem.Exists, false) => "the folder exists; choose another with --out or replace it with --force",
        (OutputFolderProblem.Exists, true) => "the folder exists; replace it with --force (a resumed run writes the folder it was started with)",
        (OutputFolderProblem.IsAFile, false) => $"{e.Message}; choose a folder with --out",
        (OutputFolderProblem.IsAFile, true) => $"{e.Message}; move it away (a resumed run writes the folder it was started with)",
        (OutputFolderProblem.InUse, false) => $"{e.Message}; wait for it to finish, or choose another folder with --out",
        (OutputFolderProblem.InUse, true) => $"{e.Message}; wait for it to finish",
        _ => e.Message,
    };

    /// <summary>1 for a folder another process is writing (a failure of the moment), 2 for one that cannot be used (bad input).</summary>
    public static int ExitCode(OutputFolderException e) => e.Busy ? ExitCodes.InternalError : ExitCodes.BadInput;

    /// <summary>At least one worker thread.</summary>
    public static string? Threads(int threads) => threads < 1 ? $"--threads = '{threads}': must be a whole number >= 1" : null;
}

/// <summary>Calls back on the reporting thread (no synchronisation context needed).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
