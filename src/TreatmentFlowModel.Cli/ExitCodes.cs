namespace TreatmentFlowModel.Cli;

/// <summary>Process exit codes of <c>tfm</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>An internal error (a bug, or the machine failed: disk, memory).</summary>
    public const int InternalError = 1;
    /// <summary>Bad input: scenario, data file, option or output folder.</summary>
    public const int BadInput = 2;
    /// <summary>Interrupted by Ctrl+C or SIGTERM; nothing was written.</summary>
    public const int Interrupted = 130;
}
