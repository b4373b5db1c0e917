using TreatmentFlowModel.Cli;
using TreatmentFlowModel.Data;
using TreatmentFlowModel.Tests.Harness;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>
/// Issue 18, class 1: inputs that are not ordinary files. Every command and every way of naming a file (the command
/// line, an Extends chain, a data table, a calibration file) refuses a folder, a named pipe, a device, an oversized
/// file and an unreadable one the same way: exit code 2, one line naming the file and the cause, no stack trace,
/// nothing written, and never a hang.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SpecialInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-special-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The special inputs and the phrase each must be reported with.</summary>
    public static TheoryData<string, string> Specials() => new()
    {
        { "folder", "is a folder, not a file" },
        { "pipe", "is a named pipe (FIFO), not a regular file; only regular files are read" },
        { "zero", "is a character device, not a regular file; only regular files are read" },
        { "huge", "the file is 17 MB; scenario, data and calibration files may be at most 16 MB" },
        { "memory", "cannot read the file: Input/output error" },
        { "missing", "not found" },
    };

    private string Make(string special) => special switch
    {
        "folder" => Directory.CreateDirectory(Path.Combine(_dir, "a-folder")).FullName,
        "pipe" => SpecialFiles.NamedPipe(Path.Combine(_dir, "a-pipe")),
        "zero" => SpecialFiles.Zero,
        "huge" => SpecialFiles.Sparse(Path.Combine(_dir, "huge.json"), 17L * 1024 * 1024),
        "memory" => SpecialFiles.ProcessMemory,
        "missing" => Path.Combine(_dir, "nothing-here.json"),
        _ => throw new ArgumentOutOfRangeException(nameof(special)),
    };

    private static bool Available(string special) =>
        SpecialFiles.Supported && (special != "memory" || OperatingSystem.IsLinux());

    [Theory]
    [MemberData(nameof(Specials))]
    public void InputFile_RefusesTheSpecialInput_WithoutBlocking(string special, string phrase)
    {
        if (!Available(special)) return;
        var content = SpecialFiles.WithinSeconds(10, () => InputFile.Read(Make(special)));
        Assert.Null(content.Bytes);
        Assert.Contains(phrase, content.Problem);
    }

    [Fact]
    public void InputFile_ReadsAnOrdinaryFileWhole_AndRefusesOneByteOverTheLimit()
    {
        string path = Path.Combine(_dir, "ten.json");
        File.WriteAllText(path, "0123456789");
        Assert.Equal("0123456789"u8.ToArray(), InputFile.Read(path, maxBytes: 10).Bytes);
        var over = InputFile.Read(path, maxBytes: 9);
        Assert.Null(over.Bytes);
        Assert.Equal("the file is 10 bytes; scenario, data and calibration files may be at most 9 bytes", over.Problem);
    }

    [Fact]
    public void InputFile_StopsReadingAFileThatReportsNoSize_OneBytePastTheLimit()
    {
        if (!OperatingSystem.IsLinux()) return;
        // /proc files report size 0; /proc/self/maps of a .NET process is tens of kilobytes.
        var content = InputFile.Read("/proc/self/maps", maxBytes: 100);
        Assert.Equal("the file is larger than 100 bytes; scenario, data and calibration files may be at most 100 bytes", content.Problem);
        Assert.NotNull(InputFile.Read("/proc/self/maps").Bytes);
    }

    /// <summary>How each command is given the special path <c>{p}</c>: directly, through Extends, as a data table, as a calibration file.</summary>
    public static TheoryData<string, string> CommandsAndSpecials()
    {
        string[] commands = ["validate {p}", "run {p}", "compare {good} {p}", "calibrate --spec {p}", "calibrate --spec {spec} {p}", "validate {extends}", "run {data}"];
        var data = new TheoryData<string, string>();
        foreach (var command in commands)
            foreach (var special in Specials())
                data.Add(command, (string)special[0]);
        return data;
    }

    [Theory]
    [MemberData(nameof(CommandsAndSpecials))]
    public void EveryCommand_RefusesTheSpecialInput_WithExitCode2_OneLine_NoStackTrace_NothingWritten(string command, string special)
    {
        if (!Available(special)) return;
        string path = Make(special);
        string phrase = (string)Specials().Single(s => (string)s[0] == special)[1];
        if (command.StartsWith("compare", StringComparison.Ordinal) && special == "folder")
            phrase = "is a folder without scenario.resolved.json"; // compare also takes the output folders of tfm run
        string good = Path.Combine(_dir, "good.json"), extends = Path.Combine(_dir, "extends.json"), dataFile = Path.Combine(_dir, "data.json");
        File.WriteAllText(good, """{ "Name": "good", "Areas": ["Lambeth"], "Replicates": 2 }""");
        File.WriteAllText(extends, $$"""{ "Extends": "{{path}}" }""");
        File.WriteAllText(dataFile, $$"""{ "Data": { "Areas": "{{path}}" } }""");
        string outDir = Path.Combine(_dir, "out"), spec = Path.Combine(_dir, "spec.json");
        File.WriteAllText(spec, Calibration.CalibrationTests.TinySpec);
        var args = command.Split(' ').Select(a => a
            .Replace("{p}", path).Replace("{good}", good).Replace("{extends}", extends).Replace("{data}", dataFile)
            .Replace("{spec}", spec)).ToList();
        // calibrate writes a posterior file (its fit report beside it): in the output folder, which must not appear.
        if (!command.StartsWith("validate", StringComparison.Ordinal)) args.AddRange(["--out", command.StartsWith("calibrate", StringComparison.Ordinal) ? Path.Combine(outDir, "posterior.csv") : outDir]);

        var (code, stdout, stderr) = SpecialFiles.WithinSeconds(20, () =>
        {
            var o = new StringWriter();
            var e = new StringWriter();
            return (TfmCommand.Invoke([.. args], o, e), o.ToString(), e.ToString());
        });

        Assert.True(code == 2, $"exit code {code}: {stderr}");
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The calibration file itself is named as what has the problem (class 10); every other input is the scenario's.
        Assert.Equal(command == "calibrate --spec {p}" ? "The calibration file has 1 problem:" : "The scenario has 1 problem:", lines[0]);
        Assert.Single(lines.Skip(1));
        Assert.Contains(phrase, lines[1]);
        Assert.DoesNotContain("Exception", stderr);
        Assert.DoesNotContain(" at ", stderr.Replace(" at most ", " "));
        Assert.False(Directory.Exists(outDir), "an output folder was written");
    }
}
