namespace TreatmentFlowModel.Tests;

/// <summary>Paths of the repository the tests run in.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding TreatmentFlowModel.sln.</summary>
    public static string RepositoryRoot { get; } = Find();

    /// <summary>A path under the repository root.</summary>
    public static string At(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TreatmentFlowModel.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("TreatmentFlowModel.sln not found above the test folder");
    }
}
