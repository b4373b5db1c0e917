using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Output;

namespace TreatmentFlowModel.Tests.Cluster;

/// <summary>The output files of a result, as bytes, and a comparison that names the first file that differs.</summary>
internal static class OutputFiles
{
    /// <summary>Writes <paramref name="result"/> into a new folder under <paramref name="root"/> and reads every file back.</summary>
    public static Dictionary<string, byte[]> Of(EnsembleResult result, string root, string name)
    {
        string folder = Path.Combine(root, name);
        ResultWriter.Write(result, folder);
        return Read(folder);
    }

    /// <summary>Every file of an output folder (charts and reports included), by relative path.</summary>
    public static Dictionary<string, byte[]> Read(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes);

    /// <summary>Asserts both folders hold the same files with the same bytes.</summary>
    public static void AssertSame(Dictionary<string, byte[]> expected, Dictionary<string, byte[]> actual, string what)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (file, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[file]), $"{file} differs with {what}");
    }
}
