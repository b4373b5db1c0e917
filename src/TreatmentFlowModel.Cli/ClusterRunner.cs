using System.Diagnostics;
using System.Globalization;
using TreatmentFlowModel.Cluster;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cli;

/// <summary><c>tfm run --cluster CONNECTION</c>: runs the scenario on a cluster instead of this process, and says how it went.</summary>
internal static class ClusterRunner
{
    /// <summary>The option, as messages name it.</summary>
    public const string Name = "--cluster";

    /// <summary>The option that sets <see cref="ClusterRunOptions.MinBatchSize"/>, as messages name it.</summary>
    public const string MinBatchName = "--min-batch";

    /// <summary>Runs <paramref name="scenario"/> on the cluster at <paramref name="connection"/>; one line about the cluster's work on <paramref name="stderr"/> unless <paramref name="quiet"/>.</summary>
    /// <param name="connection">The cluster.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">Mode, trajectories, progress and cancellation.</param>
    /// <param name="spread">How batches are sized (its progress is replaced by this method's).</param>
    /// <param name="quiet">No lines at all.</param>
    /// <param name="lines">
    /// Also a line whenever silos join or leave and at every tenth of the replicates: the progress of a run whose
    /// output goes to a log (a Kubernetes pod, a batch job) rather than a terminal's progress bar.
    /// </param>
    /// <param name="stderr">Where the lines go.</param>
    /// <exception cref="ClusterRunException">The cluster cannot be reached or cannot finish the run.</exception>
    public static EnsembleResult Run(ClusterConnection connection, Scenario scenario, RunOptions options, ClusterRunOptions spread, bool quiet, bool lines, TextWriter stderr)
    {
        ClusterProgress? last = null;
        int tenths = 0;
        void Seen(ClusterProgress p)
        {
            if (!quiet && lines)
            {
                if (last is null || p.Silos != last.Silos || p.SilosLost != last.SilosLost)
                    stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"tfm: cluster '{connection}': {p.Silos} silo(s) with {p.Workers} workers taking batches{(p.SilosLost > 0 ? $", {p.SilosLost} lost so far" : "")}"));
                int now = p.Replicates == 0 ? 10 : (int)(10L * p.Completed / p.Replicates);
                if (now > tenths)
                {
                    tenths = now;
                    stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tfm: {p.Completed:N0} of {p.Replicates:N0} replicates merged"));
                }
            }
            last = p;
        }
        var clock = Stopwatch.StartNew();
        var result = ClusterSimulation.RunAsync(connection, scenario, options, spread with { Progress = new InlineProgress<ClusterProgress>(Seen) })
            .GetAwaiter().GetResult();
        if (!quiet && last is { } p)
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tfm: cluster '{connection}': {p.Replicates:N0} replicates in {clock.Elapsed.TotalSeconds:0.0} s, {p.BatchesMerged} batches on {p.BatchesPerSilo.Count} silos ({p.Workers} workers at the end){(p.SilosLost > 0 ? $", {p.SilosLost} silo(s) lost" : "")}{(p.BatchesRetried > 0 ? $", {p.BatchesRetried} batch(es) run again" : "")}; {p.BytesReceived / 1e6:0.0} MB received, {p.ReadSeconds:0.0} s decoding and {p.MergeSeconds:0.0} s merging here"));
        return result;
    }
}
