using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TreatmentFlowModel.Cluster;

/// <summary>Hosts a silo that runs replicate batches: what <c>tfm cluster silo</c> runs.</summary>
public static class ClusterSilo
{
    /// <summary>Builds a silo of <paramref name="connection"/>'s cluster; start it with <see cref="IHost.StartAsync"/>.</summary>
    /// <param name="connection">Where the cluster's membership lives.</param>
    /// <param name="settings">Ports, address and workers.</param>
    /// <param name="log">Where Orleans' warnings and errors go, and one line per batch with <see cref="SiloSettings.LogBatches"/> (null: nowhere).</param>
    /// <exception cref="ArgumentException">The settings cannot be used (every problem listed).</exception>
    public static IHost Build(ClusterConnection connection, SiloSettings settings, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problems() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems), nameof(settings));
        // No defaults: a silo reads no appsettings.json or environment variables of its own; its settings are these.
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (log is not null) builder.Logging.AddProvider(new TextWriterLoggerProvider(log, LogLevel.Warning));
        builder.UseOrleans(silo =>
        {
            connection.ConfigureSilo(silo, settings);
            silo.AddTreatmentFlowModelWorkers(settings.Workers, settings.LogBatches ? log : null);
        });
        return builder.Build();
    }
}
