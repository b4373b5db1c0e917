using System.Globalization;
using TreatmentFlowModel.Ensemble;

namespace TreatmentFlowModel.Cli;

/// <summary><c>--shard I/N</c> or <c>--shard auto/N</c>: which range of a run's replicates this process runs.</summary>
internal static class ShardOption
{
    /// <summary>The option's name, as messages write it.</summary>
    public const string Name = "--shard";

    /// <summary>The environment variables <c>auto</c> reads, in order: Slurm job arrays, then Kubernetes Indexed Jobs.</summary>
    public static readonly (string Variable, string Scheduler, string Fix)[] Schedulers =
    [
        ("SLURM_ARRAY_TASK_ID", "a Slurm job array", "submit the array with --array=0-{0}"),
        ("JOB_COMPLETION_INDEX", "a Kubernetes Indexed Job", "give the Job completions: {1} and completionMode: Indexed"),
    ];

    /// <summary>Reads <paramref name="text"/>; null and a message naming the option, value and what is allowed when it is not a shard.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="environment">Reads an environment variable (the process's, in use).</param>
    /// <param name="error">What is wrong, or null.</param>
    public static Shard? Parse(string text, Func<string, string?> environment, out string? error)
    {
        error = null;
        string Bad(string why) => $"{Name} = '{text}': {why}";
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
        {
            error = Bad("expected I/N with whole numbers 0 <= I < N (e.g. 3/8), or auto/N to take I from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX");
            return null;
        }
        string index = text[..slash];
        if (index == "auto")
        {
            foreach (var (variable, scheduler, fix) in Schedulers)
            {
                if (environment(variable) is not { Length: > 0 } value) continue;
                string advice = string.Format(CultureInfo.InvariantCulture, fix, count - 1, count);
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int i))
                {
                    error = Bad($"{variable} = '{value}' is not a whole number");
                    return null;
                }
                if (i >= count)
                {
                    error = Bad($"{variable} = '{value}' is not a shard of {count} (0 to {count - 1}); {advice}");
                    return null;
                }
                return new Shard(i, count);
            }
            error = Bad($"neither {string.Join(" nor ", Schedulers.Select(s => $"{s.Variable} ({s.Scheduler})"))} is set; give the shard as I/{count}");
            return null;
        }
        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int shard) || shard >= count)
        {
            error = Bad($"the shard must be a whole number from 0 to {count - 1}, or auto");
            return null;
        }
        return new Shard(shard, count);
    }

    /// <summary>The file a shard writes into its folder: <c>shard-0003-of-0008.tfmshard</c> (padded, so the files list in order).</summary>
    public static string FileName(Shard shard)
    {
        int digits = Math.Max(4, shard.Count.ToString(CultureInfo.InvariantCulture).Length);
        string Pad(int n) => n.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        return $"shard-{Pad(shard.Index)}-of-{Pad(shard.Count)}{ShardFile.Extension}";
    }
}
