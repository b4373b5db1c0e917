using System.Diagnostics;
using System.Text;

namespace TreatmentFlowModel.Tests.Harness;

/// <summary>
/// A real <c>tfm</c> process for the fault-injection tests: started with arguments, a working folder and extra
/// environment; its output collected as it comes; stopped by a real signal (<c>kill -TERM</c>, <c>kill -INT</c>,
/// <c>kill -KILL</c>) at a moment the test chooses.
/// </summary>
internal sealed class TfmProcess : IDisposable
{
    private static readonly string Tfm = Path.Combine(AppContext.BaseDirectory, "tfm.dll");
    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();

    private TfmProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts <c>tfm</c> with <paramref name="args"/>.</summary>
    /// <param name="workingDirectory">Where it runs (its default output folders are relative to it).</param>
    /// <param name="environment">Variables to set (null value: remove).</param>
    /// <param name="args">The command line after <c>tfm</c>.</param>
    public static TfmProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        StartWith("dotnet", [Tfm, .. args], workingDirectory, environment);

    /// <summary>Starts <paramref name="program"/> (a wrapper such as <c>unshare</c>) with <paramref name="args"/>.</summary>
    public static TfmProcess StartWith(string program, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("TFM_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        return new TfmProcess(Process.Start(info)!);
    }

    /// <summary>The path of tfm.dll the tests run.</summary>
    public static string Dll => Tfm;

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether it has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Standard output so far.</summary>
    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    /// <summary>Standard error so far.</summary>
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Sends a signal by name (TERM, INT, KILL) with the system's kill command.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", $"-{name} {_process.Id}")!;
        kill.WaitForExit();
    }

    /// <summary>Waits until <paramref name="condition"/> holds or the process ends; false after <paramref name="seconds"/> s.</summary>
    public bool WaitUntil(Func<bool> condition, double seconds = 60)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (_process.HasExited || clock.Elapsed.TotalSeconds > seconds) return condition();
            Thread.Sleep(2);
        }
        return true;
    }

    /// <summary>Waits for the end and returns the exit code; fails the test when it takes over <paramref name="seconds"/> s.</summary>
    public int Exit(double seconds = 60)
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(seconds)))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"tfm still running after {seconds} s; stderr so far: {Stderr}");
        }
        _process.WaitForExit(); // flushes the output handlers
        return _process.ExitCode;
    }

    /// <summary>Runs <c>tfm</c> to the end: exit code, standard output and standard error.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string workingDirectory, params string[] args)
    {
        using var p = Start(workingDirectory, null, args);
        int code = p.Exit();
        return (code, p.Stdout, p.Stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
