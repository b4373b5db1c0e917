using System.Runtime.InteropServices;

namespace TreatmentFlowModel.Tests.Harness;

/// <summary>
/// Paths that are not ordinary files, made for tests: a named pipe (reading it blocks until a writer comes), a sparse
/// file larger than the input limit (no disk used), and the system's own /dev/zero and /proc/self/mem.
/// </summary>
internal static class SpecialFiles
{
    /// <summary>Whether named pipes and devices exist here (Linux and macOS).</summary>
    public static bool Supported => !OperatingSystem.IsWindows();

    /// <summary>Creates a named pipe at <paramref name="path"/>.</summary>
    public static string NamedPipe(string path)
    {
        if (MakeFifo(path, 0b110_100_100) != 0) throw new IOException($"mkfifo {path} failed: errno {Marshal.GetLastPInvokeError()}");
        return path;
    }

    /// <summary>A sparse file of <paramref name="bytes"/> bytes, which takes no room on disk.</summary>
    public static string Sparse(string path, long bytes)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.SetLength(bytes);
        return path;
    }

    /// <summary>A character device that never ends.</summary>
    public const string Zero = "/dev/zero";

    /// <summary>A file the kernel reports as regular with size 0, whose read fails with EIO (Linux).</summary>
    public const string ProcessMemory = "/proc/self/mem";

    /// <summary>Runs <paramref name="action"/>, failing the test (rather than hanging it) when it takes over <paramref name="seconds"/> s.</summary>
    public static T WithinSeconds<T>(double seconds, Func<T> action)
    {
        var task = Task.Factory.StartNew(action, TaskCreationOptions.LongRunning);
        Assert.True(task.Wait(TimeSpan.FromSeconds(seconds)), $"still running after {seconds} s: it blocked");
        return task.Result;
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
