using System.Globalization;
using System.Text;
using TreatmentFlowModel.Data;
using TreatmentFlowModel.Output;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// Writes and reads an <see cref="AbcPosterior"/> as CSV: one row per particle (weight, distance, then each parameter)
/// under a block of '#' lines holding the run's metadata, observations and generation diagnostics, so that the file
/// alone reproduces the posterior and documents how it was reached. Numbers are written in invariant culture with the
/// round-trip format "R" (reading gives back the same doubles, so writing what was read gives the same bytes);
/// tools that skip comments read the particle table directly (pandas <c>comment='#'</c>, R <c>comment.char = "#"</c>).
/// </summary>
/// <example>
/// <code>
/// # format,tfm-abc-posterior,1
/// # seed,42
/// # stop_reason,MinimumEpsilonReached
/// # option,population_size,200
/// # option,alpha,0.5
/// …
/// # total_simulations,9120
/// # observation_columns,name,value,uncertainty,distance_scale
/// # observation,presenting_2001,71000,3000,3000
/// # generation_columns,generation,epsilon,proposals,simulations,total_simulations,accepted,effective_sample_size
/// # generation,0,Infinity,400,400,400,400,400
/// weight,distance,prevalence,exit_rate
/// 0.0031,0.82,281000,0.017
/// </code>
/// </example>
public static class AbcPosteriorCsv
{
    /// <summary>The particle table's weight column.</summary>
    public const string WeightColumn = "weight";

    /// <summary>The particle table's distance column.</summary>
    public const string DistanceColumn = "distance";

    private const string Format = "tfm-abc-posterior";
    private const int Version = 1;
    private const string ObservationColumns = "name,value,uncertainty,distance_scale";
    private const string GenerationColumns = "generation,epsilon,proposals,simulations,total_simulations,accepted,effective_sample_size";

    /// <summary>The posterior as CSV text ("\n" line ends).</summary>
    public static string ToCsv(AbcPosterior posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        Line($"# format,{Format},{Version}");
        Line($"# seed,{posterior.Seed.ToString(CultureInfo.InvariantCulture)}");
        Line($"# stop_reason,{posterior.StopReason}");
        foreach (var (name, value) in SettingsOf(posterior.Settings)) Line($"# option,{name},{value}");
        Line($"# total_simulations,{Integer(posterior.TotalSimulations)}");
        Line($"# observation_columns,{ObservationColumns}");
        for (int k = 0; k < posterior.Observations.Length; k++)
        {
            var o = posterior.Observations[k];
            Line($"# observation,{o.Name},{Number(o.Value)},{Number(o.Uncertainty)},{Number(posterior.DistanceScales[k])}");
        }
        Line($"# generation_columns,{GenerationColumns}");
        foreach (var g in posterior.Generations)
            Line($"# generation,{g.Generation},{Number(g.Epsilon)},{Integer(g.Proposals)},{Integer(g.Simulations)},{Integer(g.TotalSimulations)},{g.Accepted},{Number(g.EffectiveSampleSize)}");
        Line($"{WeightColumn},{DistanceColumn},{string.Join(",", posterior.ParameterNames)}");
        for (int i = 0; i < posterior.Particles.Length; i++)
        {
            text.Append(Number(posterior.Weights[i])).Append(',').Append(Number(posterior.Distances[i]));
            foreach (double v in posterior.Particles[i]) text.Append(',').Append(Number(v));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// Writes the posterior to <paramref name="path"/> all at once (<see cref="AtomicFile"/>): to a temporary file of its
    /// own beside it, flushed, then renamed over it, so a reader never sees half a file and a full disk leaves the old
    /// file as it was, with no temporary file behind.
    /// </summary>
    /// <exception cref="IOException">It cannot be written (a full disk); the old file, if any, is unchanged and no temporary file is left.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write in its folder.</exception>
    public static void Save(AbcPosterior posterior, string path) => AtomicFile.WriteText(path, ToCsv(posterior));

    /// <summary>The largest posterior file read: 256 MiB, thousands of times a posterior of the default 200 particles.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Reads a posterior file.</summary>
    /// <exception cref="InvalidDataException">
    /// The file cannot be read (missing, not a regular file, over <see cref="MaxFileBytes"/>, a read error) or is
    /// malformed; the message names the file, and the line, the value and what is allowed.
    /// </exception>
    public static AbcPosterior Load(string path)
    {
        // By the input-file rules: a named pipe is refused rather than read (which would block forever), a device such as
        // /dev/zero rather than read until memory runs out.
        var content = InputFile.Read(path, MaxFileBytes);
        if (content.Bytes is not { } bytes) throw new InvalidDataException($"{path}: cannot read the posterior file: {content.Problem}");
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader.ReadToEnd(), path);
    }

    /// <summary>Reads a posterior from CSV text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The text is malformed; the message names the source, the line, the value and what is allowed.</exception>
    public static AbcPosterior Parse(string text, string source = "posterior")
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        int count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        ulong? seed = null;
        StopReason? stop = null;
        long? total = null;
        bool formatSeen = false;
        var settings = new AbcSmcOptions();
        var settingsSeen = new HashSet<string>(StringComparer.Ordinal);
        var observations = new List<Observation>();
        var scales = new List<double>();
        var generations = new List<GenerationDiagnostics>();
        string[]? names = null;
        var particles = new List<double[]>();
        var weights = new List<double>();
        var distances = new List<double>();

        for (int index = 0; index < count; index++)
        {
            int lineNumber = index + 1;
            string line = lines[index].TrimEnd('\r');
            InvalidDataException Error(string message) => new($"{source}, line {lineNumber}: {message}");
            double ReadNumber(string cell, string column)
            {
                if (cell.Length == 0) return double.NaN;
                if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
                throw Error($"column '{column}' has '{cell}', which is not a number.");
            }
            long ReadInteger(string cell, string column) =>
                long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v >= 0 ? v
                    : throw Error($"column '{column}' has '{cell}', which is not a whole number 0 or more.");
            T ReadEnum<T>(string cell, string column) where T : struct, Enum =>
                Enum.GetNames<T>().Contains(cell, StringComparer.Ordinal) ? Enum.Parse<T>(cell)
                    : throw Error($"{column} '{cell}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
            void Expect(string[] cells, int length, string form)
            {
                if (cells.Length != length) throw Error($"expected '{form}', found '{Shorten(line)}'.");
            }

            if (index == 0 && line != $"# format,{Format},{Version}")
                throw Error($"expected '# format,{Format},{Version}' as the first line, found '{Shorten(line)}'.");
            if (line.StartsWith('#'))
            {
                if (names is not null) throw Error("a '#' line after the particle table has begun.");
                var cells = line[1..].TrimStart().Split(',');
                switch (cells[0])
                {
                    case "format": formatSeen = true; break;
                    case "seed":
                        Expect(cells, 2, "# seed,<whole number>");
                        seed = ulong.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong s) ? s : throw Error($"seed '{cells[1]}' is not a whole number.");
                        break;
                    case "stop_reason":
                        Expect(cells, 2, "# stop_reason,<reason>");
                        stop = ReadEnum<StopReason>(cells[1], "stop_reason");
                        break;
                    case "option":
                        Expect(cells, 3, "# option,<name>,<value>");
                        if (!settingsSeen.Add(cells[1])) throw Error($"option '{cells[1]}' appears twice.");
                        settings = cells[1] switch
                        {
                            "population_size" => settings with { PopulationSize = (int)Math.Min(ReadInteger(cells[2], "population_size"), int.MaxValue) },
                            "alpha" => settings with { Alpha = ReadNumber(cells[2], "alpha") },
                            "minimum_epsilon" => settings with { MinimumEpsilon = ReadNumber(cells[2], "minimum_epsilon") },
                            "minimum_acceptance_rate" => settings with { MinimumAcceptanceRate = ReadNumber(cells[2], "minimum_acceptance_rate") },
                            "minimum_effective_sample_fraction" => settings with { MinimumEffectiveSampleFraction = ReadNumber(cells[2], "minimum_effective_sample_fraction") },
                            "maximum_generations" => settings with { MaximumGenerations = (int)Math.Min(ReadInteger(cells[2], "maximum_generations"), int.MaxValue) },
                            "maximum_simulations" => settings with { MaximumSimulations = ReadInteger(cells[2], "maximum_simulations") },
                            "kernel" => settings with { Kernel = ReadEnum<PerturbationKernel>(cells[2], "kernel") },
                            "scaling" => settings with { Scaling = ReadEnum<DistanceScaling>(cells[2], "scaling") },
                            "noise" => settings with { Noise = ReadEnum<NoiseMode>(cells[2], "noise") },
                            _ => throw Error($"unknown option '{cells[1]}'; allowed: {string.Join(", ", SettingsOf(settings).Select(p => p.Name))}."),
                        };
                        break;
                    case "total_simulations":
                        Expect(cells, 2, "# total_simulations,<whole number>");
                        total = ReadInteger(cells[1], "total_simulations");
                        break;
                    case "observation_columns":
                        if (string.Join(",", cells[1..]) != ObservationColumns) throw Error($"observation columns must be '{ObservationColumns}'.");
                        break;
                    case "observation":
                        Expect(cells, 5, "# observation," + ObservationColumns);
                        observations.Add(new Observation(cells[1], ReadNumber(cells[2], "value"), ReadNumber(cells[3], "uncertainty")));
                        scales.Add(ReadNumber(cells[4], "distance_scale"));
                        break;
                    case "generation_columns":
                        if (string.Join(",", cells[1..]) != GenerationColumns) throw Error($"generation columns must be '{GenerationColumns}'.");
                        break;
                    case "generation":
                        Expect(cells, 8, "# generation," + GenerationColumns);
                        generations.Add(new GenerationDiagnostics((int)Math.Min(ReadInteger(cells[1], "generation"), int.MaxValue), ReadNumber(cells[2], "epsilon"),
                            ReadInteger(cells[3], "proposals"), ReadInteger(cells[4], "simulations"), ReadInteger(cells[5], "total_simulations"),
                            (int)Math.Min(ReadInteger(cells[6], "accepted"), int.MaxValue), ReadNumber(cells[7], "effective_sample_size")));
                        break;
                    default:
                        throw Error($"unknown metadata '{cells[0]}'; allowed: format, seed, stop_reason, option, total_simulations, observation_columns, observation, generation_columns, generation.");
                }
                continue;
            }
            if (names is null)
            {
                var header = line.Split(',');
                if (header.Length < 3 || header[0] != WeightColumn || header[1] != DistanceColumn)
                    throw Error($"the particle table's header must be '{WeightColumn},{DistanceColumn},<parameter names>', found '{Shorten(line)}'.");
                names = header[2..];
                continue;
            }
            var row = line.Split(',');
            if (row.Length != names.Length + 2) throw Error($"{row.Length} cells where the header has {names.Length + 2}.");
            weights.Add(ReadNumber(row[0], WeightColumn));
            distances.Add(ReadNumber(row[1], DistanceColumn));
            var values = new double[names.Length];
            for (int p = 0; p < names.Length; p++) values[p] = ReadNumber(row[p + 2], names[p]);
            particles.Add(values);

        }

        var missing = new List<string>();
        if (!formatSeen) missing.Add("the format line");
        if (seed is null) missing.Add("'# seed'");
        if (stop is null) missing.Add("'# stop_reason'");
        if (total is null) missing.Add("'# total_simulations'");
        if (names is null) missing.Add("the particle table");
        if (missing.Count > 0) throw new InvalidDataException($"{source}: missing {string.Join(", ", missing)}.");
        try
        {
            return new AbcPosterior(names!, particles, weights, distances, observations, scales, generations, stop!.Value, settings with { Seed = seed!.Value }, total!.Value);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>The settings that decide a run's result, as (name, value) cells; parallelism and the wall clock do not.</summary>
    private static IEnumerable<(string Name, string Value)> SettingsOf(AbcSmcOptions o) =>
    [
        ("population_size", Integer(o.PopulationSize)),
        ("alpha", Number(o.Alpha)),
        ("minimum_epsilon", Number(o.MinimumEpsilon)),
        ("minimum_acceptance_rate", Number(o.MinimumAcceptanceRate)),
        ("minimum_effective_sample_fraction", Number(o.MinimumEffectiveSampleFraction)),
        ("maximum_generations", Integer(o.MaximumGenerations)),
        ("maximum_simulations", Integer(o.MaximumSimulations)),
        ("kernel", o.Kernel.ToString()),
        ("scaling", o.Scaling.ToString()),
        ("noise", o.Noise.ToString()),
    ];

    private static string Number(double x) => double.IsNaN(x) ? "" : x.ToString("R", CultureInfo.InvariantCulture);

    private static string Integer(long x) => x.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..77] + "...";
}
