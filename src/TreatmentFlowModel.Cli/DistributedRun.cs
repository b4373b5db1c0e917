using TreatmentFlowModel.Cluster;
using TreatmentFlowModel.Ensemble;

namespace TreatmentFlowModel.Cli;

/// <summary>The checks of <c>tfm run --shard</c> and <c>--cluster</c> against each other and the options they cannot honour.</summary>
internal static class DistributedRun
{
    /// <summary>Reads --shard and --cluster; the message to print when they cannot be honoured, or null.</summary>
    public static string? Check(string? shardText, string? clusterText, bool checkpoint, bool resume, out Shard? shard, out ClusterConnection? cluster)
    {
        shard = null;
        cluster = null;
        if (shardText is not null && clusterText is not null)
            return $"{ShardOption.Name} and {ClusterRunner.Name} cannot be combined: a shard runs its range in this process; a cluster run spreads the whole run itself";
        string? which = shardText is not null ? ShardOption.Name : clusterText is not null ? ClusterRunner.Name : null;
        if (which is not null && (checkpoint || resume))
            return $"{which} cannot be combined with {(resume ? "--resume" : "--checkpoint")}: {(which == ShardOption.Name ? "a failed shard is run again whole" : "a cluster gives a lost silo's batches to another")}";
        if (shardText is not null)
        {
            shard = ShardOption.Parse(shardText, Environment.GetEnvironmentVariable, out string? error);
            return error;
        }
        if (clusterText is not null)
        {
            try { cluster = ClusterConnection.Parse(clusterText); }
            catch (FormatException e) { return $"{ClusterRunner.Name} = {e.Message}"; }
        }
        return null;
    }
}
