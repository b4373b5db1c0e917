namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// Thrown when scenarios to compare differ in what common random numbers need them to share: the time span, the seed
/// and the number of replicates.
/// </summary>
public sealed class IncomparableScenariosException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="scenario"/>, which differs from <paramref name="reference"/> in <paramref name="differences"/>.</summary>
    public IncomparableScenariosException(string reference, string scenario, IReadOnlyList<string> differences)
        : base(null, "scenarios")
    {
        Reference = reference;
        Scenario = scenario;
        Differences = differences;
    }

    /// <summary>Name of the first (reference) scenario.</summary>
    public string Reference { get; }

    /// <summary>Name of the scenario that differs from it.</summary>
    public string Scenario { get; }

    /// <summary>What differs, e.g. <c>seed (7 vs 20030401)</c>.</summary>
    public IReadOnlyList<string> Differences { get; }

    /// <summary>The explanation, without the parameter name <see cref="ArgumentException"/> would append.</summary>
    public override string Message => $"'{Scenario}' differs from '{Reference}' in {string.Join(", ", Differences)}; compared scenarios must share their time span, seed and replicates";
}
