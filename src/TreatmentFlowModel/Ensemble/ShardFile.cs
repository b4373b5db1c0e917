using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// The partial result of one shard of a run: a header naming the run (library version, fingerprint, seed, replicates,
/// mode, trajectories, the resolved scenario) and the shard's replicate range, with the SHA-256 of that header, then the
/// shard's accumulator in the checkpoint format, which carries its own SHA-256. Every byte is thus checked exactly once,
/// and a damaged or truncated file is refused before it is used. <see cref="Merge"/> checks that a set of them
/// belongs to one run and covers every replicate exactly once, and merges them into the run's result, bit-identical to
/// <see cref="Simulation.Run"/> of the whole scenario in one process.
/// </summary>
/// <example>
/// <code>
/// var plan = SimulationPlan.Prepare(scenario);
/// var shard = new Shard(3, 8);
/// var (from, to) = shard.Range(plan.Replicates);
/// ShardFile.Write("parts/shard-3-of-8.tfmshard", plan, shard, plan.RunReplicates(from, to, new RunOptions()));
/// // ... once all eight are written, on any machine:
/// var result = ShardFile.Merge(Directory.GetFiles("parts", "*.tfmshard"));
/// </code>
/// </example>
public sealed class ShardFile
{
    private const string Magic = "TFM-SHARD";
    private const int FormatVersion = 2; // 2: the header's own SHA-256, then the accumulator (format 3, with its own), instead of one trailer over both
    private const int HashBytes = 32;

    /// <summary>The file name extension of shard files.</summary>
    public const string Extension = ".tfmshard";

    private ShardFile(string path, JsonElement header)
    {
        Path = path;
        LibraryVersion = header.GetProperty(nameof(LibraryVersion)).GetString() ?? "";
        Fingerprint = header.GetProperty(nameof(Fingerprint)).GetString() ?? "";
        Seed = header.GetProperty(nameof(Seed)).GetUInt64();
        Replicates = header.GetProperty(nameof(Replicates)).GetInt32();
        Deterministic = header.GetProperty("Mode").GetString() == "deterministic";
        Trajectories = header.GetProperty(nameof(Trajectories)).GetInt32();
        Shard = new Shard(header.GetProperty("Shard").GetInt32(), header.GetProperty("Shards").GetInt32());
        From = header.GetProperty(nameof(From)).GetInt32();
        To = header.GetProperty(nameof(To)).GetInt32();
        ScenarioJson = header.GetProperty("Scenario").GetString() ?? "";
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The TreatmentFlowModel version that wrote it.</summary>
    public string LibraryVersion { get; }

    /// <summary>The run's fingerprint (<see cref="SimulationPlan.Fingerprint"/>).</summary>
    public string Fingerprint { get; }

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; }

    /// <summary>Replicates in the whole run.</summary>
    public int Replicates { get; }

    /// <summary>Whether the run is the deterministic mode.</summary>
    public bool Deterministic { get; }

    /// <summary>Replicates whose trajectories the run keeps.</summary>
    public int Trajectories { get; }

    /// <summary>Which shard of how many.</summary>
    public Shard Shard { get; }

    /// <summary>The shard's first replicate.</summary>
    public int From { get; }

    /// <summary>One past the shard's last replicate.</summary>
    public int To { get; }

    /// <summary>The resolved scenario (with the files it was loaded from under <c>$run</c>).</summary>
    internal string ScenarioJson { get; }

    private string Mode => Deterministic ? "deterministic" : "stochastic";

    /// <summary>Writes shard <paramref name="shard"/>'s accumulator to <paramref name="path"/>, atomically (a temporary file beside it, renamed into place).</summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <param name="plan">The run.</param>
    /// <param name="shard">Which shard.</param>
    /// <param name="part">The accumulator holding exactly the shard's replicates.</param>
    /// <param name="cancellationToken">Checked before the file is moved into place: once cancelled, nothing is written.</param>
    /// <exception cref="ArgumentException">The accumulator is not the plan's, or does not hold exactly the shard's range.</exception>
    /// <exception cref="IOException">The file cannot be written (nothing is left behind).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the file was moved into place; nothing was written.</exception>
    public static void Write(string path, SimulationPlan plan, Shard shard, EnsembleAccumulator part, CancellationToken cancellationToken = default)
    {
        var (from, to) = shard.Range(plan.Replicates);
        if (part.Fingerprint != plan.Fingerprint) throw new ArgumentException("the accumulator belongs to another run", nameof(part));
        if (part.Completed != to - from || (to > from && (!part.Contains(from) || !part.Contains(to - 1))))
            throw new ArgumentException($"shard {shard} is replicates [{from}, {to}), but the accumulator holds {part.Completed} others", nameof(part));
        string header = Header(plan, shard, from, to);
        string full = System.IO.Path.GetFullPath(path);
        string temp = $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                using (var w = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
                {
                    w.Write(Magic);
                    w.Write(FormatVersion);
                    w.Write(header);
                    w.Write(HeaderHash(header));
                }
                part.WriteTo(file);
                file.Flush(flushToDisk: true);
            }
            // The last moment a stop can still leave everything as it was.
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            try { File.Delete(temp); }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException) { /* the write's own failure is what matters */ }
            if (e is OperationCanceledException) throw;
            throw new IOException($"cannot write the shard file '{path}': {e.Message}", e);
        }
    }

    private static byte[] HeaderHash(string header) => SHA256.HashData(Encoding.UTF8.GetBytes(header));

    private static string Header(SimulationPlan plan, Shard shard, int from, int to)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream))
        {
            j.WriteStartObject();
            j.WriteString(nameof(LibraryVersion), LibraryInfo.Version);
            j.WriteString(nameof(Fingerprint), plan.Fingerprint);
            j.WriteNumber(nameof(Seed), plan.Scenario.Seed);
            j.WriteNumber(nameof(Replicates), plan.Replicates);
            j.WriteString("Mode", plan.Deterministic ? "deterministic" : "stochastic");
            j.WriteNumber(nameof(Trajectories), plan.Trajectories);
            j.WriteNumber("Shard", shard.Index);
            j.WriteNumber("Shards", shard.Count);
            j.WriteNumber(nameof(From), from);
            j.WriteNumber(nameof(To), to);
            j.WriteString("Scenario", ScenarioWriter.ToJson(plan.Scenario, plan.Deterministic));
            j.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads and checks the header of the shard file at <paramref name="path"/> (the replicates are checked when they are read, by <see cref="Merge"/>).</summary>
    /// <exception cref="ShardException">The file is missing, unreadable, damaged, truncated, or not a shard file of this format; the message names it.</exception>
    public static ShardFile ReadHeader(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var header = ReadCheckedHeader(file, path);
            return new ShardFile(path, header.RootElement.Clone());
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ShardException($"'{path}' is not a readable shard file: it is truncated or damaged ({e.Message})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShardException($"cannot read the shard file '{path}': {e.Message}", e);
        }
    }

    /// <summary>Reads the magic, the format and the header, and checks the header against its SHA-256; leaves <paramref name="file"/> at the accumulator.</summary>
    /// <exception cref="ShardException">Not a shard file, another format, or a damaged header.</exception>
    private static JsonDocument ReadCheckedHeader(Stream file, string path)
    {
        using var r = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        // The magic as BinaryWriter wrote it (a length byte, then the text), compared before anything else is read.
        var start = new byte[1 + Magic.Length];
        if (file.Read(start, 0, start.Length) != start.Length || start[0] != Magic.Length || !start.AsSpan(1).SequenceEqual(Encoding.ASCII.GetBytes(Magic)))
            throw new ShardException($"'{path}' is not a shard file (write them with 'tfm run --shard')");
        int version = r.ReadInt32();
        if (version != FormatVersion)
            throw new ShardException($"'{path}' is a shard file of format {version}; this version of tfm reads format {FormatVersion}");
        string header = r.ReadString();
        if (!r.ReadBytes(HashBytes).AsSpan().SequenceEqual(HeaderHash(header)))
            throw new ShardException($"the shard file '{path}' is damaged: its header does not match the checksum written with it");
        return JsonDocument.Parse(header);
    }

    /// <summary>Prepares the run this shard belongs to (its scenario, as first loaded, with the files it came from).</summary>
    /// <exception cref="ShardException">The scenario does not load, or this version of the library prepares it differently.</exception>
    public SimulationPlan Plan()
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.FromJson(ScenarioJson, "scenario.resolved.json");
            // Keep the files the run was first loaded from, so the merged outputs match a single-process run's byte for byte.
            using var json = JsonDocument.Parse(ScenarioJson);
            scenario = scenario with { Sources = [.. json.RootElement.GetProperty("$run").GetProperty("Sources").EnumerateArray().Select(e => e.GetString() ?? "")] };
        }
        catch (Exception e) when (e is ScenarioException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ShardException($"'{Path}': its scenario cannot be loaded: {e.Message}", e);
        }
        var plan = SimulationPlan.Prepare(scenario, Deterministic, Trajectories);
        if (plan.Fingerprint != Fingerprint)
            throw new ShardException(LibraryVersion != LibraryInfo.Version
                ? $"'{Path}' was written by TreatmentFlowModel {LibraryVersion}; merge it with that version (this is {LibraryInfo.Version})"
                : $"'{Path}' is damaged: its scenario does not give the fingerprint written with it");
        return plan;
    }

    /// <summary>Reads its accumulator for <paramref name="plan"/> (the run's plan), checking it against the SHA-256 it carries.</summary>
    /// <exception cref="ShardException">The file is damaged or truncated, or its replicates are not the range it names.</exception>
    public EnsembleAccumulator ReadAccumulator(SimulationPlan plan)
    {
        try
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            ReadCheckedHeader(file, Path).Dispose();
            var part = plan.ReadAccumulator(file);
            if (file.Position != file.Length) throw new ShardException($"the shard file '{Path}' is damaged: it holds more than its header and replicates");
            if (part.Completed != To - From || (To > From && (!part.Contains(From) || !part.Contains(To - 1))))
                throw new ShardException($"the shard file '{Path}' names replicates [{From}, {To}) but holds {part.Completed} others");
            return part;
        }
        catch (EndOfStreamException e)
        {
            throw new ShardException($"the shard file '{Path}' cannot be used: it is truncated", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShardException($"cannot read the shard file '{Path}': {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new ShardException($"the shard file '{Path}' cannot be used: {e.Message}", e);
        }
    }

    /// <summary>
    /// Merges shard files into the run's result: checks first that they belong to one run (library version,
    /// fingerprint, seed, replicates, mode, trajectories) and cover every replicate exactly once (naming missing and
    /// overlapping ranges), then checks each file's integrity as it reads it.
    /// </summary>
    /// <param name="paths">The shard files, in any order.</param>
    /// <param name="progress">Receives the number of replicates merged so far.</param>
    /// <exception cref="ShardException">A file is unreadable or damaged, the files belong to different runs, or they do not cover every replicate exactly once.</exception>
    public static EnsembleResult Merge(IReadOnlyList<string> paths, IProgress<int>? progress = null)
    {
        if (paths.Count == 0) throw new ShardException("no shard files to merge");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var parts = paths.Select(ReadHeader).ToList();
        CheckOneRun(parts);
        CheckCoverage(parts);
        var plan = parts[0].Plan();
        var all = plan.NewAccumulator();
        foreach (var part in parts)
        {
            all.Merge(part.ReadAccumulator(plan));
            progress?.Report(all.Completed);
        }
        return plan.ToResult(all, clock.Elapsed);
    }

    private static void CheckOneRun(List<ShardFile> parts)
    {
        var first = parts[0];
        foreach (var other in parts.Skip(1))
        {
            string? differs =
                other.LibraryVersion != first.LibraryVersion ? $"TreatmentFlowModel {other.LibraryVersion}, '{first.Path}' by {first.LibraryVersion}" :
                other.Seed != first.Seed ? $"seed {other.Seed}, '{first.Path}' seed {first.Seed}" :
                other.Replicates != first.Replicates ? $"{other.Replicates} replicates, '{first.Path}' {first.Replicates}" :
                other.Deterministic != first.Deterministic ? $"the {other.Mode} mode, '{first.Path}' the {first.Mode} mode" :
                other.Trajectories != first.Trajectories ? $"{other.Trajectories} trajectories, '{first.Path}' {first.Trajectories}" :
                other.Fingerprint != first.Fingerprint ? $"another scenario than '{first.Path}' (fingerprint {Short(other.Fingerprint)}, not {Short(first.Fingerprint)})" :
                null;
            if (differs is not null)
                throw new ShardException($"the shard files belong to different runs: '{other.Path}' has {differs}");
        }
    }

    private static string Short(string fingerprint) => fingerprint.Length > 12 ? fingerprint[..12] : fingerprint;

    private static void CheckCoverage(List<ShardFile> parts)
    {
        int replicates = parts[0].Replicates;
        var problems = new List<string>();
        foreach (var part in parts.Where(p => p.From < 0 || p.To > replicates || p.From > p.To))
            problems.Add($"'{part.Path}' names replicates [{part.From}, {part.To}), outside the run's [0, {replicates})");
        if (problems.Count > 0) throw new ShardException(string.Join("; ", problems));
        int covered = 0;
        ShardFile? previous = null;
        foreach (var part in parts.Where(p => p.To > p.From).OrderBy(p => p.From).ThenBy(p => p.To))
        {
            if (part.From > covered) problems.Add($"replicates [{covered}, {part.From}) are in no file");
            else if (part.From < covered && previous is not null)
                problems.Add($"replicates [{part.From}, {Math.Min(covered, part.To)}) are in both '{previous.Path}' and '{part.Path}'");
            if (part.To > covered) (covered, previous) = (part.To, part);
        }
        if (covered < replicates) problems.Add($"replicates [{covered}, {replicates}) are in no file");
        if (problems.Count > 0)
        {
            var counts = parts.Select(p => p.Shard.Count).Distinct().ToList();
            string missing = "";
            if (counts.Count == 1)
            {
                var absent = Enumerable.Range(0, counts[0]).Except(parts.Select(p => p.Shard.Index))
                    .Select(i => new Shard(i, counts[0])).Where(s => s.Range(replicates) is var (a, b) && b > a).ToList();
                if (absent.Count > 0) missing = $" (missing: shard{(absent.Count == 1 ? "" : "s")} {string.Join(", ", absent.Take(20))}{(absent.Count > 20 ? ", ..." : "")})";
            }
            throw new ShardException($"the shard files do not cover every replicate exactly once{missing}: {string.Join("; ", problems)}");
        }
    }
}
