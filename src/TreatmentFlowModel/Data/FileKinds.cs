using System.Runtime.InteropServices;

namespace TreatmentFlowModel.Data;

/// <summary>
/// Tells what a path names without opening it. Opening is what hangs: <c>open()</c> of a named pipe waits for a
/// writer forever, so the kind must be known first. .NET 10 has no public API for the Unix file type
/// (dotnet/runtime#85148 proposes one); on Unix this asks the runtime's own native shim, libSystem.Native, whose
/// <c>SystemNative_Stat</c> is what <see cref="FileInfo"/> itself calls. Only the first two fields of its result are
/// read (Flags, Mode), which have kept their place since .NET Core 1.0, and a buffer far larger than the structure
/// is passed so that a later runtime adding fields cannot write past it. Where the shim cannot be called, the
/// managed answer (folder, file or missing) is used.
/// </summary>
internal static class FileKinds
{
    /// <summary>The kind of <paramref name="path"/>, following symbolic links.</summary>
    public static FileKind Of(string path)
    {
        if (!OperatingSystem.IsWindows() && UnixKind(path) is { } kind) return kind;
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return FileKind.Missing;
        return (File.GetAttributes(path) & FileAttributes.Device) != 0 ? FileKind.CharacterDevice : FileKind.Regular;
    }

    /// <summary>A phrase for a kind other than <see cref="FileKind.Regular"/>, e.g. "is a folder, not a file".</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "file not found",
        FileKind.Directory => "is a folder, not a file",
        FileKind.NamedPipe => "is a named pipe (FIFO), not a regular file; only regular files are read",
        FileKind.CharacterDevice => "is a character device, not a regular file; only regular files are read",
        FileKind.BlockDevice => "is a block device, not a regular file; only regular files are read",
        FileKind.Socket => "is a socket, not a regular file; only regular files are read",
        FileKind.Unknown => "cannot be examined (no permission to read the folder that holds it?)",
        _ => "is a regular file",
    };

    private static bool _shimMissing;

    private static FileKind? UnixKind(string path)
    {
        if (Volatile.Read(ref _shimMissing)) return null;
        try
        {
            if (SystemNativeStat(path, out var status) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                // ENOENT and ENOTDIR: nothing there. Anything else (EACCES on a folder on the way): it may exist.
                return errno is 2 or 20 ? FileKind.Missing : FileKind.Unknown;
            }
            return (status.Mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0x1000 => FileKind.NamedPipe,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                0xC000 => FileKind.Socket,
                _ => FileKind.Unknown,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Volatile.Write(ref _shimMissing, true);
            return null;
        }
    }

    /// <summary>
    /// The start of the shim's <c>FileStatus</c> (pal_io.h): Flags, then Mode with the file type in its S_IFMT bits
    /// (the shim's own constants: 0x1000 pipe, 0x2000 character device, 0x4000 folder, 0x6000 block device, 0x8000
    /// file, 0xC000 socket). Sized 512 bytes, four times the whole structure, so the shim never writes past it.
    /// </summary>
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct FileStatusStart
    {
        public int Flags;
        public int Mode;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int SystemNativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatusStart status);
}
