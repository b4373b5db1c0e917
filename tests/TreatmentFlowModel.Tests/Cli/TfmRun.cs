using TreatmentFlowModel.Cli;

namespace TreatmentFlowModel.Tests.Cli;

/// <summary>Runs <c>tfm</c> in process, as the CLI tests do (<c>using static</c>: they call <see cref="Tfm"/>).</summary>
internal static class TfmRun
{
    /// <summary>Runs <c>tfm</c> with <paramref name="args"/>: its exit code and what it wrote to standard output and error.</summary>
    public static (int Code, string Out, string Err) Tfm(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TfmCommand.Invoke(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
