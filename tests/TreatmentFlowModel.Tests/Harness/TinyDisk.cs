using System.Diagnostics;

namespace TreatmentFlowModel.Tests.Harness;

/// <summary>
/// A full disk, for real: a tmpfs of a few kilobytes mounted over a folder in a private mount namespace
/// (<c>unshare --user --map-root-user --mount</c>, no privileges needed where user namespaces are allowed), with a
/// <c>tfm</c> process run inside it, so writes fail with ENOSPC exactly as on a full disk. Where the system forbids
/// user namespaces (some containers) <see cref="Available"/> is false and the tests that need it say so; the same
/// paths are also covered in-process by failing writers (see AtomicFile and AtomicFolder tests).
/// </summary>
internal static class TinyDisk
{
    private static readonly Lazy<bool> Probe = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            string dir = Directory.CreateTempSubdirectory("tfm-probe-").FullName;
            try
            {
                using var p = Process.Start(new ProcessStartInfo("unshare", ["--user", "--map-root-user", "--mount", "sh", "-c", $"mount -t tmpfs -o size=16k tmpfs '{dir}'"])
                { RedirectStandardError = true, RedirectStandardOutput = true })!;
                return p.WaitForExit(10_000) && p.ExitCode == 0;
            }
            finally { Directory.Delete(dir, recursive: true); }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no unshare
        }
    });

    /// <summary>Whether a tiny tmpfs can be mounted here.</summary>
    public static bool Available => Probe.Value;

    /// <summary>
    /// Starts <c>tfm</c> with <paramref name="args"/> in a mount namespace where <paramref name="folder"/> is a tmpfs of
    /// <paramref name="kilobytes"/> KB; <paramref name="prepare"/> (a shell command) runs first, inside, to put files on it.
    /// The tmpfs disappears with the process: check what tfm reported, and what it left, through <paramref name="inspect"/>
    /// (a shell command run inside after tfm ends, whose output comes after the line <c>--inspect--</c>).
    /// </summary>
    public static TfmProcess Start(string folder, int kilobytes, string prepare, string inspect, params string[] args)
    {
        string quoted = string.Join(' ', new[] { "dotnet", TfmProcess.Dll }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        string script = $"set -u; mount -t tmpfs -o size={kilobytes}k tmpfs '{folder}' || exit 99; cd '{folder}'; {prepare}; {quoted}; code=$?; echo --inspect--; {inspect}; exit $code";
        return TfmProcess.StartWith("unshare", ["--user", "--map-root-user", "--mount", "sh", "-c", script], folder, null);
    }
}
