using TreatmentFlowModel.Cli;
using TreatmentFlowModel.Tests.Harness;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>
/// The catalogue of malformed inputs in BadScenarios/: each NN-name.json (with NN-name.args for extra command-line
/// arguments) must make <c>tfm run</c> exit with code 2, print exactly the problems in NN-name.expected (one line
/// per problem; {dir} is the corpus folder, also in .args), and write nothing. An .expected file whose first line starts with
/// "tfm: " holds a problem with the command line rather than the scenario, printed as it is. _special/ holds what git
/// cannot: a named pipe and a file over the size limit, made when the corpus is copied.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class BadScenarioCorpusTests : IDisposable
{
    private static readonly string Corpus = TestPaths.At("tests", "TreatmentFlowModel.Tests", "BadScenarios");
    private readonly string _copy = Directory.CreateTempSubdirectory("tfm-bad-").FullName;

    public BadScenarioCorpusTests()
    {
        // Work on a copy so a failing case can never write into the repository.
        foreach (var file in Directory.GetFiles(Corpus, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(_copy, Path.GetRelativePath(Corpus, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        // Inputs git cannot hold: a named pipe (reading it would block forever) and a file over the size limit (sparse: no disk used).
        Directory.CreateDirectory(Path.Combine(_copy, "_special"));
        if (SpecialFiles.Supported) SpecialFiles.NamedPipe(Path.Combine(_copy, "_special", "pipe"));
        SpecialFiles.Sparse(Path.Combine(_copy, "_special", "huge.json"), 17L * 1024 * 1024);
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    private static string[] CaseNames() =>
        [.. Directory.GetFiles(Corpus, "*.expected").Order(StringComparer.Ordinal).Select(Path.GetFileNameWithoutExtension).OfType<string>()];

    public static TheoryData<string> Cases() => new(CaseNames());

    [Fact]
    public void Corpus_HasAtLeastFortyDistinctInputs()
    {
        var cases = CaseNames();
        Assert.True(cases.Length >= 40, $"{cases.Length} cases");
        var inputs = cases.Select(c => Convert.ToHexString(File.ReadAllBytes(Path.Combine(Corpus, c + ".json")))
            + (File.Exists(Path.Combine(Corpus, c + ".args")) ? File.ReadAllText(Path.Combine(Corpus, c + ".args")) : ""));
        Assert.Equal(cases.Length, inputs.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadInput_ExitsWithCode2_ReportsEachProblemOnce_AndWritesNothing(string name)
    {
        string scenario = Path.Combine(_copy, name + ".json");
        string outDir = Path.Combine(_copy, "out-" + name);
        string argsFile = Path.Combine(_copy, name + ".args");
        if (!SpecialFiles.Supported && (name.Contains("device") || name.Contains("pipe"))) return;
        string[] extra = File.Exists(argsFile)
            ? File.ReadAllLines(argsFile).Where(l => l.Length > 0).Select(l => l.Replace("{dir}", _copy, StringComparison.Ordinal)).ToArray()
            : [];
        if (!extra.Contains("--out")) extra = ["--out", outDir, .. extra];
        else outDir = extra[Array.IndexOf(extra, "--out") + 1];
        var expected = File.ReadAllLines(Path.Combine(_copy, name + ".expected")).Where(l => l.Length > 0)
            .Select(l => l.Replace("{dir}", _copy, StringComparison.Ordinal)).ToArray();
        bool existed = Directory.Exists(outDir);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = SpecialFiles.WithinSeconds(60, () => TfmCommand.Invoke(["run", scenario, "--quiet", "--checkpoint", "5", .. extra], stdout, stderr));

        Assert.Equal(2, code);
        Assert.Equal("", stdout.ToString());
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (expected[0].StartsWith("tfm: ", StringComparison.Ordinal))
            Assert.Equal(expected, lines); // a problem with the command line rather than the scenario: printed as it is
        else
        {
            Assert.Equal($"The scenario has {expected.Length} problem{(expected.Length == 1 ? "" : "s")}:", lines[0]);
            Assert.Equal(expected, lines.Skip(1).Select(l => l.TrimStart()).ToArray());
        }
        if (!existed) Assert.False(Directory.Exists(outDir), "an output folder was written");
        Assert.False(Directory.Exists(outDir + ".partial"), "a checkpoint folder was written");
    }
}
