namespace TreatmentFlowModel.Ensemble;

/// <summary>Thrown when <see cref="RunOptions"/> cannot be honoured; lists every problem, each naming the member (<c>options.Threads</c>).</summary>
public sealed class RunOptionsException : ArgumentException
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public RunOptionsException(IReadOnlyList<string> problems)
        : base(null, "options") => Problems = problems;

    /// <summary>Every problem, e.g. <c>options.Threads = 0: must be at least 1</c>.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Every problem on one line, without the parameter name <see cref="ArgumentException"/> would append.</summary>
    public override string Message => $"The run options have {Problems.Count} problem{(Problems.Count == 1 ? "" : "s")}: {string.Join("; ", Problems)}";
}
