namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>The simulator failed or returned something unusable; the message names the generation, the proposal and the parameters.</summary>
public sealed class AbcSimulationException : Exception
{
    /// <summary>An exception with the given message and cause.</summary>
    public AbcSimulationException(string message, Exception? inner = null) : base(message, inner) { }
}
