using TreatmentFlowModel.Cluster;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Cluster;

/// <summary>A cluster run with a fault injected once a few replicates are merged, while every silo still holds batches.</summary>
internal static class MidRunFault
{
    /// <summary>
    /// Runs <paramref name="scenario"/> on the cluster, calls <paramref name="fault"/> once four replicates are merged,
    /// and returns the result with the last progress report; <paramref name="log"/> hears each change of progress.
    /// </summary>
    public static async Task<(EnsembleResult Result, ClusterProgress Last)> RunAsync(IClusterClient client, Scenario scenario, ClusterRunOptions options,
        Func<Task> fault, Action<string> log, TimeSpan timeout)
    {
        var faultNow = new TaskCompletionSource();
        ClusterProgress? last = null;
        var progress = new Inline<ClusterProgress>(p =>
        {
            if (last is null || p.Silos != last.Silos || p.SilosLost != last.SilosLost || p.Completed != last.Completed)
                log($"completed {p.Completed}, silos {p.Silos}, lost {p.SilosLost}, retried {p.BatchesRetried}");
            last = p;
            if (p.Completed >= 4) faultNow.TrySetResult();
        });
        var run = ClusterSimulation.RunAsync(client, scenario, null, options with { Progress = progress });
        await Task.WhenAny(faultNow.Task, run);
        Assert.False(run.IsCompleted, "the run finished before the fault could be injected");
        await fault();
        var result = await run.WaitAsync(timeout);
        return (result, last!);
    }
}
