using TreatmentFlowModel.Cli;

namespace TreatmentFlowModel.Tests.Harness;

/// <summary>The tfm command line run in the test process, with its output captured and a guard against hangs.</summary>
internal static class TfmInProcess
{
    /// <summary>Runs <c>tfm</c> with <paramref name="args"/>; fails the test, rather than hanging it, after <paramref name="seconds"/> s.</summary>
    public static (int Code, string Stdout, string Stderr) Run(double seconds, params string[] args) => SpecialFiles.WithinSeconds(seconds, () =>
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TfmCommand.Invoke(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    });
}
