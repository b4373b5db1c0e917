using System.Runtime.InteropServices;

namespace TreatmentFlowModel.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM for one command, in every phase: loading, running, writing. The first signal cancels
/// <see cref="Token"/>; the command stops at its next check, removes what it had started to write and exits with 130.
/// Further signals change nothing: the process is never killed half-way through its clean-up.
/// </summary>
/// <remarks>
/// <see cref="Reached"/> marks the phases. For the fault-injection tests, the environment variable
/// <see cref="PauseVariable"/> names a phase at which the command announces itself on standard error and waits (up
/// to a minute, or until a signal), so that a test can send a real signal at exactly that point.
/// </remarks>
internal sealed class Interruption : IDisposable
{
    /// <summary>Names the phase to pause at (for tests): <c>loaded</c>, <c>fitted</c>, <c>writing</c>, <c>written</c>.</summary>
    public const string PauseVariable = "TREATMENTFLOWMODEL_TEST_PAUSE_AT";

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _interrupt, _terminate;
    private readonly TextWriter _stderr;
    private int _signal;

    public Interruption(TextWriter stderr)
    {
        _stderr = stderr;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // never the runtime's default (exit 143 at once, temporaries left behind)
        Interlocked.CompareExchange(ref _signal, (int)context.Signal, 0);
        _cancel.Cancel();
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Whether a signal has come.</summary>
    public bool Requested => _cancel.IsCancellationRequested;

    /// <summary>The signal that came, in words, e.g. "SIGTERM"; "a signal" when none has (or it is unknown).</summary>
    public string SignalName => Volatile.Read(ref _signal) switch
    {
        (int)PosixSignal.SIGINT => "Ctrl+C (SIGINT)",
        (int)PosixSignal.SIGTERM => "SIGTERM",
        _ => "a signal",
    };

    /// <summary>The command has reached <paramref name="phase"/>; stops it (by throwing) if a signal has come.</summary>
    /// <exception cref="OperationCanceledException">A signal has come.</exception>
    public void Reached(string phase)
    {
        if (Environment.GetEnvironmentVariable(PauseVariable) == phase)
        {
            _stderr.WriteLine($"tfm: paused at {phase} ({PauseVariable})");
            _stderr.Flush();
            _cancel.Token.WaitHandle.WaitOne(TimeSpan.FromMinutes(1));
        }
        _cancel.Token.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// The command has reached <paramref name="phase"/>: null to go on, or (when a signal has come) the exit code, after
    /// one line saying the command was interrupted and that it left <paramref name="state"/>.
    /// </summary>
    public int? StopAt(string phase, string state)
    {
        try
        {
            Reached(phase);
            return null;
        }
        catch (OperationCanceledException)
        {
            return Stopped(state);
        }
    }

    /// <summary>Prints one line saying the command was interrupted and what state it left, and gives exit code 130.</summary>
    public int Stopped(string state)
    {
        _stderr.WriteLine($"tfm: interrupted by {SignalName}; {state}");
        return ExitCodes.Interrupted;
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }
}
