using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using TreatmentFlowModel.Cli;
using TreatmentFlowModel.Cluster;

namespace TreatmentFlowModel.Tests.Cli;

/// <summary>
/// The job files in samples/cluster (Slurm job array, Kubernetes Indexed Job, Orleans on Kubernetes) that
/// docs/cluster.md points users to: every tfm command in them is a valid invocation, their shard counts match the
/// scheduler's, their scenarios exist and the merges read what the shards write.
/// </summary>
public sealed partial class ClusterSampleTests
{
    private static readonly string Folder = TestPaths.At("samples", "cluster");

    /// <summary>What the scheduler puts in place of the variables the files use, as it would at run time.</summary>
    private static readonly Dictionary<string, string> Substitutions = new()
    {
        ["\"$SLURM_CPUS_PER_TASK\""] = "8",
        ["$(POD_IP)"] = "10.0.0.7",
    };

    private sealed record Invocation(string File, string[] Args, int? SchedulerShards);

    private static List<Invocation> Invocations()
    {
        var found = new List<Invocation>();
        foreach (string path in Directory.GetFiles(Folder).Order(StringComparer.Ordinal))
        {
            string text = File.ReadAllText(path);
            int? shards = SlurmArray().Match(text) is { Success: true } array ? int.Parse(array.Groups[1].Value) + 1
                : Completions().Match(text) is { Success: true } completions ? int.Parse(completions.Groups[1].Value) : null;
            foreach (string raw in text.Split('\n'))
            {
                string line = raw.Trim();
                foreach (var (variable, value) in Substitutions) line = line.Replace(variable, value, StringComparison.Ordinal);
                string[]? words = null;
                if (line.StartsWith("tfm ", StringComparison.Ordinal)) words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                else if (YamlCommand().Match(line) is { Success: true } yaml) words = JsonSerializer.Deserialize<string[]>(yaml.Groups[1].Value);
                if (words is ["tfm", .. var args]) found.Add(new Invocation(Path.GetFileName(path), args, shards));
            }
        }
        return found;
    }

    [Fact]
    public void EveryJobFile_HoldsTfmCommands_ThatParse()
    {
        var invocations = Invocations();
        Assert.Equal(["k8s-indexed-job.yaml", "k8s-merge-job.yaml", "k8s-orleans.yaml", "slurm-merge.sh", "slurm-shards.sh"],
            invocations.Select(i => i.File).Distinct().Order(StringComparer.Ordinal));
        var root = TfmCommand.Build(TextWriter.Null, TextWriter.Null);
        foreach (var invocation in invocations)
        {
            var parse = root.Parse(invocation.Args);
            Assert.True(parse.Errors.Count == 0, $"{invocation.File}: tfm {string.Join(' ', invocation.Args)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        }
    }

    [Fact]
    public void ShardCounts_MatchTheSchedulers_AndTheirIndicesAreShards()
    {
        var sharded = Invocations().Where(i => i.Args.Contains(ShardOption.Name)).ToList();
        Assert.Equal(2, sharded.Count);
        foreach (var invocation in sharded)
        {
            string value = After(invocation, ShardOption.Name);
            Assert.True(invocation.SchedulerShards is not null, $"{invocation.File}: no --array or completions");
            Assert.Equal($"auto/{invocation.SchedulerShards}", value);
            // The scheduler's last index is a shard; one past it is refused.
            string last = (invocation.SchedulerShards!.Value - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (string variable in new[] { "SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX" })
            {
                Assert.NotNull(ShardOption.Parse(value, v => v == variable ? last : null, out string? error));
                Assert.Null(error);
            }
        }
    }

    [Fact]
    public void Connections_Addresses_Scenarios_AndMergeInputs_AreValid()
    {
        var invocations = Invocations();
        foreach (var invocation in invocations)
        {
            foreach (string option in new[] { ClusterRunner.Name, "--clustering" })
                if (invocation.Args.Contains(option)) ClusterConnection.Parse(After(invocation, option)); // throws when not a connection
            if (invocation.Args.Contains("--advertise")) Assert.True(IPAddress.TryParse(After(invocation, "--advertise"), out _));
            if (invocation.Args is ["run", var scenario, ..])
                Assert.True(File.Exists(TestPaths.At(scenario.Replace("/work/", "", StringComparison.Ordinal).Split('/'))), $"{invocation.File}: {scenario} is not in the repository");
        }
        var shardFolders = invocations.Where(i => i.Args.Contains(ShardOption.Name)).Select(i => After(i, "--out")).ToHashSet();
        var merged = invocations.Where(i => i.Args is ["merge", ..]).Select(i => i.Args[1]).ToList();
        Assert.Equal(2, merged.Count);
        Assert.All(merged, input => Assert.Contains(input, shardFolders));
    }

    [Fact]
    public void TheClusterPage_PointsToEveryJobFile()
    {
        string page = File.ReadAllText(TestPaths.At("docs", "cluster.md"));
        foreach (string file in Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)))
            Assert.Contains($"samples/cluster/{file}", page);
    }

    private static string After(Invocation invocation, string option) => invocation.Args[Array.IndexOf(invocation.Args, option) + 1];

    [GeneratedRegex(@"^#SBATCH --array=0-(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SlurmArray();

    [GeneratedRegex(@"^\s*completions: (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Completions();

    [GeneratedRegex(@"^command: (\[.*\])$")]
    private static partial Regex YamlCommand();
}
