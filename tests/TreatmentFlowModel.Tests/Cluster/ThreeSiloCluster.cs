using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using TreatmentFlowModel.Cluster;

namespace TreatmentFlowModel.Tests.Cluster;

/// <summary>Three silos of one worker each in this process (Orleans' own test host), started once for a test class; a killed silo is found within seconds.</summary>
public sealed class ThreeSiloCluster() : ThreeSilos(probeTimeout: TimeSpan.FromSeconds(1), missedProbes: 2);

/// <summary>
/// Three silos, any of which a test can make refuse every call while it stays in the membership: what a killed silo
/// looks like to a client in the seconds before the membership declares it dead.
/// </summary>
public sealed class UnreachableSiloCluster() : ThreeSilos(TimeSpan.FromSeconds(1), 2, silo => silo.AddIncomingGrainCallFilter<RefuseWhenUnreachable>())
{
    private static readonly HashSet<string> Unreachable = [];

    /// <summary>Every call to this silo fails from now on (until the cluster is disposed).</summary>
    public static void MakeUnreachable(SiloAddress silo) { lock (Unreachable) Unreachable.Add(silo.ToString()); }

    public override async Task DisposeAsync()
    {
        lock (Unreachable) Unreachable.Clear();
        await base.DisposeAsync();
    }

    private sealed class RefuseWhenUnreachable(ILocalSiloDetails local) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            bool refuse;
            lock (Unreachable) refuse = Unreachable.Contains(local.SiloAddress.ToString());
            return refuse && context.InterfaceMethod?.DeclaringType == typeof(IReplicateBatchGrain)
                ? throw new IOException($"unable to connect to {local.SiloAddress} (made unreachable by the test)")
                : context.Invoke();
        }
    }
}

/// <summary>Three silos of one worker each in this process (Orleans' own test host), started once for a test class.</summary>
public abstract class ThreeSilos(TimeSpan probeTimeout, int missedProbes, Action<ISiloBuilder>? configure = null) : IAsyncLifetime
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
            silo.Configure<ClusterMembershipOptions>(o => { o.ProbeTimeout = probeTimeout; o.NumMissedProbesLimit = missedProbes; });
            configure?.Invoke(silo);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync() => await Cluster.DisposeAsync();
}
