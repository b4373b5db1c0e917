namespace TreatmentFlowModel.Cli;

/// <summary>The options several commands share, made in one place so they read and check the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary>The option that overrides a scenario key, as messages name it.</summary>
    public const string SetName = "--set";
}
