using Microsoft.Extensions.DependencyInjection;

namespace TreatmentFlowModel.Cluster;

/// <summary>Adds TreatmentFlowModel's batch runner to an Orleans silo that is hosted elsewhere (your own host, with your own clustering).</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Lets the silo run replicate batches for <see cref="ClusterSimulation"/> clients, on <paramref name="workers"/> dedicated threads.</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="workers">Replicates run at once (default: the processors).</param>
    /// <param name="batchLog">Receives one line per batch run (replicates, seconds, bytes sent); null: none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is less than 1.</exception>
    public static ISiloBuilder AddTreatmentFlowModelWorkers(this ISiloBuilder silo, int? workers = null, TextWriter? batchLog = null)
    {
        int count = workers ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(workers));
        silo.Services.AddSingleton(_ => new SiloWorkers(count, batchLog));
        silo.Services.AddSingleton<PlanCache>();
        return silo;
    }
}
