using TreatmentFlowModel.Output;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>The library reports refusals as typed exceptions the command line catches by type, never in command-line words.</summary>
public sealed class TypedExceptionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tfm-typed-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AnExistingOutputFolder_IsRefusedWithItsOwnException_NamingTheFolderAndNoOption()
    {
        string folder = Path.Combine(_root, "out");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "old");
        var e = Assert.Throws<OutputFolderExistsException>(() => AtomicFolder.Write(folder, force: false, temp => File.WriteAllText(Path.Combine(temp, "new.txt"), "new")));
        Assert.Equal(folder, e.Folder);
        Assert.DoesNotContain("--", e.Message);
        Assert.Equal("old", File.ReadAllText(Path.Combine(folder, "keep.txt")));
        Assert.False(File.Exists(Path.Combine(folder, "new.txt")));
    }

    [Fact]
    public void TheCommandLine_StillSaysWhichOptionReplacesTheFolder()
    {
        string folder = Path.Combine(_root, "taken");
        Directory.CreateDirectory(folder);
        var stderr = new StringWriter();
        int code = TreatmentFlowModel.Cli.TfmCommand.Invoke(["compare", TestPaths.At("scenarios", "small-example.json"), TestPaths.At("scenarios", "small-example.json"), "-n", "2", "-o", folder], new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.Equal($"tfm: --out = '{folder}': the folder exists; choose another with --out or replace it with --force", stderr.ToString().Trim());
    }

    [Fact]
    public void ScenariosThatCannotBeCompared_AreReportedByTheCommandLine_WithTheOptionsThatAlignThem()
    {
        string a = Path.Combine(_root, "a.json"), b = Path.Combine(_root, "b.json");
        File.WriteAllText(a, "{ \"Name\": \"a\", \"Areas\": [\"Lambeth\"], \"Seed\": 1 }");
        File.WriteAllText(b, "{ \"Name\": \"b\", \"Areas\": [\"Lambeth\"], \"Seed\": 2 }");
        var stderr = new StringWriter();
        int code = TreatmentFlowModel.Cli.TfmCommand.Invoke(["compare", a, b, "-n", "2", "-o", Path.Combine(_root, "cmp")], new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.Equal("tfm: 'b' differs from 'a' in seed (2 vs 1); compared scenarios must share their time span, seed and replicates (use --seed and --replicates to set them for all)", stderr.ToString().Trim());
    }
}
