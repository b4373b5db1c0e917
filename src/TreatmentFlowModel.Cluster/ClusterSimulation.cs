using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cluster;

/// <summary>
/// Runs scenarios on an Orleans cluster of <c>tfm cluster silo</c> processes (or silos you host with
/// <see cref="SiloBuilderExtensions.AddTreatmentFlowModelWorkers"/>), as <see cref="Simulation.Run"/> does on one machine:
/// the same scenario and seed give the same bytes, whatever the silos, their number, or the silos lost on the way.
/// </summary>
/// <example>
/// <code>
/// var result = ClusterSimulation.Run("redis:cache.internal:6379", scenario, new RunOptions { Progress = progress });
/// ResultWriter.Write(result, "out/national");
/// </code>
/// </example>
public static class ClusterSimulation
{
    /// <summary>Connects to the cluster at <paramref name="connection"/>, runs <paramref name="scenario"/> on it and disconnects.</summary>
    /// <param name="connection">The cluster (see <see cref="ClusterConnection"/>), e.g. <c>localhost</c> or <c>redis:HOST:PORT</c>.</param>
    /// <param name="scenario">A scenario; it is validated first.</param>
    /// <param name="options">Mode, trajectories, progress and cancellation (threads and batches are the silos' and <paramref name="cluster"/>'s affair); null for the defaults.</param>
    /// <param name="cluster">How batches are spread; null for the defaults.</param>
    /// <exception cref="FormatException"><paramref name="connection"/> is not a connection.</exception>
    /// <exception cref="RunOptionsException">The options cannot be honoured (every problem listed).</exception>
    /// <exception cref="ScenarioException">The scenario is invalid.</exception>
    /// <exception cref="ClusterRunException">The cluster cannot be reached, or cannot finish the run.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static EnsembleResult Run(string connection, Scenario scenario, RunOptions? options = null, ClusterRunOptions? cluster = null) =>
        RunAsync(ClusterConnection.Parse(connection), scenario, options, cluster).GetAwaiter().GetResult();

    /// <inheritdoc cref="Run(string, Scenario, RunOptions?, ClusterRunOptions?)"/>
    public static async Task<EnsembleResult> RunAsync(ClusterConnection connection, Scenario scenario, RunOptions? options = null, ClusterRunOptions? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options = Check(scenario, options, cluster);
        using var client = await ConnectAsync(connection, (cluster ?? new ClusterRunOptions()).SiloWaitTimeout, options.CancellationToken);
        try
        {
            return await RunAsync(client.Services.GetRequiredService<IClusterClient>(), scenario, options, cluster);
        }
        finally
        {
            await client.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Runs <paramref name="scenario"/> on the cluster <paramref name="client"/> is connected to.</summary>
    /// <param name="client">A started Orleans client of a cluster whose silos run TreatmentFlowModel workers.</param>
    /// <param name="scenario">A scenario; it is validated first.</param>
    /// <param name="options">Mode, trajectories, progress and cancellation; null for the defaults.</param>
    /// <param name="cluster">How batches are spread; null for the defaults.</param>
    /// <exception cref="RunOptionsException">The options cannot be honoured (every problem listed).</exception>
    /// <exception cref="ScenarioException">The scenario is invalid.</exception>
    /// <exception cref="ClusterRunException">The cluster cannot finish the run.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static async Task<EnsembleResult> RunAsync(IClusterClient client, Scenario scenario, RunOptions? options = null, ClusterRunOptions? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options = Check(scenario, options, cluster);
        var clock = Stopwatch.StartNew();
        var plan = SimulationPlan.Prepare(scenario, options.Deterministic, options.Trajectories);
        var all = await new ClusterRun(client, plan, options, cluster ?? new ClusterRunOptions()).RunAsync();
        return plan.ToResult(all, clock.Elapsed);
    }

    /// <summary>Starts an Orleans client of the cluster at <paramref name="connection"/>, trying for up to <paramref name="timeout"/>; dispose of it when done.</summary>
    /// <exception cref="ClusterRunException">No silo answered in time.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static async Task<IHost> ConnectAsync(ClusterConnection connection, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        var clock = Stopwatch.StartNew();
        builder.UseOrleansClient(client =>
        {
            connection.ConfigureClient(client);
            client.UseConnectionRetryFilter(async (_, cancel) =>
            {
                if (clock.Elapsed >= timeout) return false;
                await Task.Delay(TimeSpan.FromSeconds(1), cancel);
                return true;
            });
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return host;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new ClusterRunException($"cannot reach the cluster '{connection}' within {timeout.TotalSeconds:0} s: {e.Message}", e);
        }
    }

    private static RunOptions Check(Scenario scenario, RunOptions? options, ClusterRunOptions? cluster)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new RunOptions();
        var problems = options.Problems().ToList();
        if (options.CheckpointFile is not null)
            problems.Add($"options.{nameof(RunOptions.CheckpointFile)} = '{options.CheckpointFile}': a cluster run keeps no checkpoint (a lost silo's batches are run again elsewhere); leave it null");
        if (cluster is not null) problems.AddRange(cluster.Problems().Select(p => "cluster." + p));
        if (problems.Count > 0) throw new RunOptionsException(problems);
        scenario.EnsureValid();
        return options;
    }
}
