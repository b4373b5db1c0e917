using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tracking;

/// <summary>Thrown when an observation file cannot be read or does not fit the run; lists every problem found.</summary>
public sealed class ObservationFileException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public ObservationFileException(IReadOnlyList<ScenarioError> errors)
        : base(Format(errors)) => Errors = errors;

    /// <summary>Every problem, in the order found: the file, the line and column, the value and what is allowed.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    private static string Format(IReadOnlyList<ScenarioError> errors) =>
        $"The observation file has {errors.Count} problem{(errors.Count == 1 ? "" : "s")}:{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
