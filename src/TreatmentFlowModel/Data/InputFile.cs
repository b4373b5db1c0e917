using System.Globalization;

namespace TreatmentFlowModel.Data;

/// <summary>
/// Reads the files a user names (scenarios, their base files, data tables, calibration files) by one rule: regular
/// files only, at most <see cref="MaxBytes"/>, never blocking, and every failure a sentence rather than an
/// exception. A folder, a named pipe (which would block forever), a device such as /dev/zero (which never ends) or
/// a 3 GB file is refused before a byte is read; a file that reports no size, such as /proc/self/mem, is read at
/// most one byte past the limit, and a read error (EIO) is reported as one.
/// </summary>
internal static class InputFile
{
    /// <summary>The largest file read: 16 MiB, a hundred times the largest shipped scenario or data file set together.</summary>
    public const long MaxBytes = 16L * 1024 * 1024;

    /// <summary>Reads <paramref name="path"/> whole.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The size limit, <see cref="MaxBytes"/> unless a test needs a smaller one.</param>
    public static InputFileContent Read(string path, long maxBytes = MaxBytes)
    {
        var kind = FileKinds.Of(path);
        if (kind != FileKind.Regular) return new(null, kind, FileKinds.Describe(kind));
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            long length = stream.CanSeek ? stream.Length : 0;
            if (length > maxBytes) return TooLarge(length, maxBytes);
            // Files in /proc and /sys report a length of 0 whatever they hold: read up to one byte past the limit.
            var buffer = new byte[length > 0 ? length + 1 : Math.Min(maxBytes + 1, 64 * 1024)];
            int filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (filled > maxBytes) return TooLarge(null, maxBytes);
                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, 2L * buffer.Length));
                }
                int read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0) break;
                filled += read;
            }
            if (filled > maxBytes) return TooLarge(null, maxBytes);
            Array.Resize(ref buffer, filled);
            return new(buffer, FileKind.Regular, null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new(null, FileKind.Missing, FileKinds.Describe(FileKind.Missing)); // deleted since it was examined
        }
        catch (UnauthorizedAccessException)
        {
            return new(null, FileKind.Regular, "no permission to read the file");
        }
        catch (IOException e)
        {
            return new(null, FileKind.Regular, $"cannot read the file: {WithoutPath(e.Message, path)}");
        }
    }

    private static InputFileContent TooLarge(long? length, long maxBytes) => new(null, FileKind.Regular,
        $"the file is {(length is { } n ? Size(n) : $"larger than {Size(maxBytes)}")}; scenario, data and calibration files may be at most {Size(maxBytes)}");

    /// <summary>A size for people: <c>3.0 GB</c>, <c>16 MB</c>, <c>512 bytes</c> (binary units, as file managers show).</summary>
    public static string Size(long bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
        return unit == 0 ? $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes"
            : value.ToString(value == Math.Floor(value) ? "0" : "0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>.NET appends " : 'path'" to I/O messages; the path is already named by the caller.</summary>
    private static string WithoutPath(string message, string path)
    {
        string suffix = $" : '{path}'";
        return message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
