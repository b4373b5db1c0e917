namespace TreatmentFlowModel.Cli;

/// <summary>Checks of command-line options shared by the commands; each returns the message to print, or null when the value is fine.</summary>
internal static class OptionChecks
{
    /// <summary>An output folder may only be replaced with --force (the new one is written in full first).</summary>
    public static string? OutputFolder(string folder, bool force) => Directory.Exists(folder) && !force ? FolderExists(folder) : null;

    /// <summary>What to say when the output folder <paramref name="folder"/> exists and --force was not given.</summary>
    public static string FolderExists(string folder) => $"--out = '{folder}': the folder exists; choose another with --out or replace it with --force";

    /// <summary>At least one worker thread.</summary>
    public static string? Threads(int threads) => threads < 1 ? $"--threads = '{threads}': must be a whole number >= 1" : null;
}

/// <summary>Calls back on the reporting thread (no synchronisation context needed).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
