namespace TreatmentFlowModel.Ensemble;

/// <summary>Thrown when <see cref="RunOptions"/> cannot be honoured; lists every problem, each naming the member (<c>options.Threads</c>).</summary>
public sealed class RunOptionsException : ArgumentException
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public RunOptionsException(IReadOnlyList<string> problems)
        : base($"The run options have {problems.Count} problem{(problems.Count == 1 ? "" : "s")}: {string.Join("; ", problems)}", "options") => Problems = problems;

    /// <summary>Every problem, e.g. <c>options.Threads = 0: must be at least 1</c>.</summary>
    public IReadOnlyList<string> Problems { get; }
}
