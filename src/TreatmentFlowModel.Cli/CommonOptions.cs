using System.CommandLine;
using System.Globalization;

namespace TreatmentFlowModel.Cli;

/// <summary>The arguments and options several commands share, made in one place so they are spelt, described and read alike.</summary>
internal static class CommonOptions
{
    /// <summary>The option that overrides a scenario key, as messages name it.</summary>
    public const string SetName = "--set";

    /// <summary>Scenario files (later ones overlay earlier ones).</summary>
    public static Argument<string[]> ScenarioFiles(ArgumentArity arity, string description) => new("scenario") { Arity = arity, Description = description };

    /// <summary><c>--replicates</c>, <c>-n</c>: the replicates, overriding the scenario's.</summary>
    public static Option<int?> Replicates(string description) => new("--replicates", "-n") { Description = description };

    /// <summary><c>--seed</c>: the seed, overriding the scenario's.</summary>
    public static Option<ulong?> Seed(string description) => new("--seed") { Description = description };

    /// <summary><c>--threads</c>, <c>-t</c>: worker threads (default: the processors).</summary>
    public static Option<int> Threads() =>
        new("--threads", "-t") { Description = "Worker threads; results do not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };

    /// <summary><c>--set Key=Value</c>, repeatable.</summary>
    public static Option<string[]> Sets(string description) => new(SetName) { Description = description, AllowMultipleArgumentsPerToken = false };

    /// <summary><c>--force</c>: replace an existing output folder.</summary>
    public static Option<bool> Force(string description = "Replace an existing output folder.") => new("--force") { Description = description };

    /// <summary><c>--quiet</c>, <c>-q</c>.</summary>
    public static Option<bool> Quiet(string description) => new("--quiet", "-q") { Description = description };

    /// <summary>The scenario overrides that <c>--replicates</c> and <c>--seed</c> make, named by their options in messages.</summary>
    public static Dictionary<string, (string Value, string Option)> Overrides(int? replicates, ulong? seed)
    {
        var overrides = new Dictionary<string, (string, string)>();
        if (replicates is { } n) overrides["Replicates"] = (n.ToString(CultureInfo.InvariantCulture), "--replicates");
        if (seed is { } s) overrides["Seed"] = (s.ToString(CultureInfo.InvariantCulture), "--seed");
        return overrides;
    }
}
