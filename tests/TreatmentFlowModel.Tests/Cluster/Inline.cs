namespace TreatmentFlowModel.Tests.Cluster;

/// <summary>Calls back on the reporting thread.</summary>
internal sealed class Inline<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
