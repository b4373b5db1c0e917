namespace TreatmentFlowModel.Scenarios;

/// <summary>One problem in a scenario: where it came from, the key path, the offending value and what is allowed.</summary>
/// <param name="Source">The file (or environment variable, <c>--set</c>, <c>scenario</c> for code) that supplied the value.</param>
/// <param name="Path">The key path, dot-separated, e.g. <c>Parameters.ArrestPerYear</c>; a file line for CSV data.</param>
/// <param name="Value">The offending value as written, or null where there is none (a missing key).</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record ScenarioError(string Source, string Path, string? Value, string Message)
{
    /// <summary>The message as shown to users: <c>source: Path = 'value': message</c>.</summary>
    public override string ToString() =>
        Value is null ? $"{Source}: {Path}: {Message}" : $"{Source}: {Path} = '{Value}': {Message}";
}

/// <summary>Thrown when a scenario cannot be loaded or is invalid; lists every problem found.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(Format(errors)) => Errors = errors;

    /// <summary>Every problem, in the order found.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    private static string Format(IReadOnlyList<ScenarioError> errors) =>
        $"The scenario has {errors.Count} problem{(errors.Count == 1 ? "" : "s")}:{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
