using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using TreatmentFlowModel.Cluster;

namespace TreatmentFlowModel.Tests.Cluster;

/// <summary>Three silos of one worker each in this process (Orleans' own test host), started once for a test class.</summary>
public sealed class ThreeSiloCluster : IAsyncLifetime
{
    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTreatmentFlowModelWorkers(1);
            // Find a killed silo within seconds, not the default half-minute.
            silo.Configure<ClusterMembershipOptions>(o => { o.ProbeTimeout = TimeSpan.FromSeconds(1); o.NumMissedProbesLimit = 2; });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
