using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TreatmentFlowModel.Output;

/// <summary>
/// Output folders, checked before any work is done: <see cref="Reserve"/> refuses a folder that cannot be written (it
/// is a file, sits under a file, has a name the file system would refuse, or exists and replacing it was not asked
/// for) and locks it against a second process, so that no problem with the output is found only after a long run.
/// <see cref="SafeName"/> turns a scenario name into a folder name.
/// </summary>
public static class OutputFolder
{
    /// <summary>
    /// The longest folder name, in UTF-8 bytes: file systems allow 255, and the checkpoint folder (<c>NAME.partial</c>),
    /// the lock (<c>.NAME.lock</c>) and temporary folders (<c>.NAME.tmp-</c> and 32 hex digits) are named after it.
    /// </summary>
    public const int MaxNameBytes = 200;

    /// <summary>The longest default folder name made from a scenario name by <see cref="SafeName"/>, in UTF-8 bytes.</summary>
    public const int SafeNameBytes = 100;

    /// <summary>
    /// A folder name made from <paramref name="name"/> (a scenario name) that every common file system accepts:
    /// control and format characters (tabs, newlines, bidirectional overrides), path separators, the characters
    /// Windows forbids and spaces become <c>_</c>; leading and trailing dots and underscores are dropped; Windows device
    /// names (CON, NUL, COM1 ...) get a trailing <c>_</c>; a name longer than <see cref="SafeNameBytes"/> bytes is cut
    /// and given 8 hex digits of its hash, so that two long names stay two folders. Empty: <c>run</c>.
    /// </summary>
    /// <param name="name">Any text.</param>
    public static string SafeName(string name)
    {
        var clean = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            bool unsafeChar = Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || (rune.IsAscii && "/\\:*?\"<>|".Contains((char)rune.Value));
            clean.Append(unsafeChar ? "_" : rune.ToString());
        }
        string result = clean.ToString().Trim('.', '_');
        if (result.Length == 0) return "run";
        string stem = result.Split('.')[0].ToUpperInvariant();
        if (stem is "CON" or "PRN" or "AUX" or "NUL" || (stem.Length == 4 && (stem.StartsWith("COM", StringComparison.Ordinal) || stem.StartsWith("LPT", StringComparison.Ordinal)) && char.IsAsciiDigit(stem[3])))
            result += "_";
        if (Encoding.UTF8.GetByteCount(result) <= SafeNameBytes) return result;
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        var cut = new StringBuilder();
        foreach (var rune in result.EnumerateRunes())
        {
            if (Encoding.UTF8.GetByteCount(cut.ToString()) + rune.Utf8SequenceLength > SafeNameBytes - 9) break;
            cut.Append(rune.ToString());
        }
        return $"{cut.ToString().TrimEnd('.', '_')}-{hash}";
    }

    /// <summary>
    /// Checks that <paramref name="folder"/> can be used as an output folder, without writing anything:
    /// <see cref="Reserve"/> also proves the parent can be written, by creating the lock in it.
    /// </summary>
    /// <param name="folder">The folder as given.</param>
    /// <param name="force">Whether an existing folder may be replaced.</param>
    /// <exception cref="OutputFolderException">It cannot be used; <see cref="OutputFolderException.Problem"/> says why
    /// (<see cref="OutputFolderExistsException"/> when it exists and <paramref name="force"/> is false).</exception>
    public static void Check(string folder, bool force)
    {
        OutputFolderException Refuse(OutputFolderProblem problem, string message) => new(folder, problem, message);
        if (string.IsNullOrWhiteSpace(folder)) throw Refuse(OutputFolderProblem.NotAFolderPath, "is empty; give a folder name");
        if (folder.Contains('\0')) throw Refuse(OutputFolderProblem.NotAFolderPath, "contains a NUL character");
        string full;
        try
        {
            full = Path.GetFullPath(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Refuse(OutputFolderProblem.NotAFolderPath, $"is not a usable path: {e.Message}");
        }
        string name = Path.GetFileName(full);
        if (name.Length == 0) throw Refuse(OutputFolderProblem.NotAFolderPath, "is the root of a drive; give a folder below it");
        if (name is "." or "..") throw Refuse(OutputFolderProblem.NotAFolderPath, "must name a folder, not . or ..");
        int bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxNameBytes)
            throw Refuse(OutputFolderProblem.NameTooLong, $"the folder name is {bytes} bytes long; at most {MaxNameBytes} are allowed (file systems allow 255, and tfm names its checkpoint and temporary folders after it)");
        foreach (var part in full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
            if (Encoding.UTF8.GetByteCount(part) > 255)
                throw Refuse(OutputFolderProblem.NameTooLong, $"the folder name '{part[..40]}...' is {Encoding.UTF8.GetByteCount(part)} bytes long; file systems allow at most 255");
        if (File.Exists(full)) throw Refuse(OutputFolderProblem.IsAFile, "is a file, not a folder");
        for (string? above = Path.GetDirectoryName(full); above is not null; above = Path.GetDirectoryName(above))
            if (File.Exists(above)) throw Refuse(OutputFolderProblem.UnderAFile, $"'{above}' is a file, so no folder can be made inside it");
        if (Directory.Exists(full) && !force) throw new OutputFolderExistsException(folder);
    }

    /// <summary>
    /// Checks <paramref name="folder"/> (see <see cref="Check"/>), creates its parent folders and takes the lock that
    /// stops a second process writing the same folder (or its checkpoint) until the returned lock is disposed.
    /// </summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="force">Whether an existing folder may be replaced.</param>
    /// <exception cref="OutputFolderException">The folder cannot be used, or another process holds it (<see cref="OutputFolderProblem.InUse"/>).</exception>
    public static OutputFolderLock Reserve(string folder, bool force)
    {
        Check(folder, force);
        return OutputFolderLock.Acquire(folder);
    }

    /// <summary>The path of the lock of <paramref name="folder"/>: <c>.NAME.lock</c> beside it.</summary>
    internal static string LockPath(string folder)
    {
        string full = Path.GetFullPath(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.lock");
    }
}
