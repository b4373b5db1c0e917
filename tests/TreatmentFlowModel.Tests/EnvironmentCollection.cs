namespace TreatmentFlowModel.Tests;

/// <summary>
/// Tests that set TFM_ environment variables, and tests that load scenarios with the environment,
/// must not run at the same time: they share the process environment.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
