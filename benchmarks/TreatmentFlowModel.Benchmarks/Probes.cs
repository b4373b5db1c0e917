using System.Diagnostics;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Benchmarks;

/// <summary>
/// Quick looks without BenchmarkDotNet's rigour, run instead of the benchmarks: <c>--stopwatch</c> (a national replicate's
/// time, draw rate and weekly-values fingerprint, which the golden test also asserts), <c>--naive [full]</c> (the naive
/// baseline against the engine, fastest of several runs) and <c>--memory N</c> (where the memory of a national ensemble of
/// N replicates goes). Judge speed by the benchmarks' ratios, not by these.
/// </summary>
internal static class Probes
{
    /// <summary>Runs the probe <paramref name="args"/> names; false when they name none (run the benchmarks).</summary>
    public static bool Run(string[] args)
    {
        switch (args)
        {
            case ["--memory", var count, ..]: Memory(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)); return true;
            case ["--naive", ..]: Naive(full: args is [_, "full", ..]); return true;
            case ["--stopwatch", ..]: NationalReplicate(); return true;
            case ["--batch-cost", ..]: BatchCost(); return true;
            default: return false;
        }
    }

    /// <summary>Where the memory of a national ensemble goes, for <paramref name="count"/> replicates.</summary>
    private static void Memory(int count)
    {
        var scenario = TreatmentFlowModel.Scenarios.ScenarioLoader.LoadDefault() with { Replicates = count };
        var result = TreatmentFlowModel.Ensemble.Simulation.Run(scenario);
        var info = GC.GetGCMemoryInfo();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"{count} replicates: managed heap {GC.GetTotalMemory(false) / 1e6:0} MB, GC committed {info.TotalCommittedBytes / 1e6:0} MB, working set {self.WorkingSet64 / 1e6:0} MB, peak {self.PeakWorkingSet64 / 1e6:0} MB, gen2 collections {GC.CollectionCount(2)} ({result.Replicates})");
    }

    /// <summary>
    /// The naive baseline against the engine (one core): every DAT for a year, or with <paramref name="full"/> the whole
    /// national default. Fastest of several runs each, the engine's after warming up.
    /// </summary>
    private static void Naive(bool full)
    {
        var naiveScenario = Workloads.Slice(149, full ? 574 : 52);
        var setup = FrozenModel.From(naiveScenario);
        var naive = new NaiveModel(naiveScenario);
        var engine = new ReplicateSimulator<StochasticDraws>(setup);
        var t = new Stopwatch();
        double naiveSeconds = double.MaxValue, engineSeconds = double.MaxValue;
        long inTreatment = 0;
        for (int i = 0; i < 3; i++) { t.Restart(); inTreatment = naive.Run(Workloads.Replicate); naiveSeconds = Math.Min(naiveSeconds, t.Elapsed.TotalSeconds); }
        for (int i = 0; i < 30; i++) { t.Restart(); engine.Run(Workloads.Replicate); if (i >= 10) engineSeconds = Math.Min(engineSeconds, t.Elapsed.TotalSeconds); }
        double engineTreated = 0;
        for (int i = 0; i < engine.Treatment.Length; i++) engineTreated += engine.Treatment[i];
        Console.WriteLine($"naive {naiveSeconds * 1000:0} ms (in treatment at the end {inTreatment:N0}), engine {engineSeconds * 1000:0.0} ms (in treatment {engineTreated:N0}): ratio {naiveSeconds / engineSeconds:0.0}");
    }

    /// <summary>One national replicate: its time, draws and their rate, and the fingerprint of its weekly values.</summary>
    private static void NationalReplicate()
    {
        // A quick look without BenchmarkDotNet's rigour: one national replicate, its draws and their rate.
        var scenario = Workloads.Slice(149, 574);
        long draws = Workloads.CountDraws(scenario);
        var simulator = new ReplicateSimulator<StochasticDraws>(FrozenModel.From(scenario));
        for (int r = 0; r < 6; r++) simulator.Run(r); // past tiered JIT's rejits
        // The fastest of several runs of the replicate whose draws were counted (the VM's neighbours only ever add time),
        // and the median, which is nearer BenchmarkDotNet's mean: on this VM runs of one replicate vary by 10-30%.
        var clock = new Stopwatch();
        var times = new double[8];
        for (int i = 0; i < times.Length; i++) { clock.Restart(); simulator.Run(Workloads.Replicate); times[i] = clock.Elapsed.TotalSeconds; }
        Array.Sort(times);
        double seconds = times[0], median = (times[times.Length / 2 - 1] + times[times.Length / 2]) / 2;
        // A fingerprint of every weekly value of replicate 6, so a faster engine can be checked to give the same numbers.
        ulong hash = 14695981039346656037;
        simulator.Run(6, _ => { foreach (double x in simulator.Week) hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(x)) * 1099511628211; });
        Console.WriteLine($"national replicate: {seconds * 1000:0} ms (median of 8: {median * 1000:0} ms), {draws:N0} non-trivial draws, {draws / seconds / 1e6:0.0} M draws/s, {149 * 574 / seconds:N0} area-weeks/s (one core); weekly values fingerprint {hash:x16}");
        var year = new ReplicateSimulator<StochasticDraws>(FrozenModel.From(Workloads.Slice(149, 52)));
        double yearSeconds = double.MaxValue, setupSeconds = double.MaxValue;
        for (int i = 0; i < 40; i++)
        {
            clock.Restart(); year.Run(Workloads.Replicate); yearSeconds = Math.Min(yearSeconds, clock.Elapsed.TotalSeconds);
            clock.Restart(); year.Initialise(Workloads.Replicate); setupSeconds = Math.Min(setupSeconds, clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"national year (the baseline benchmark's workload): {yearSeconds * 1000:0.0} ms, of which drawing parameters and initial state {setupSeconds * 1000:0.00} ms");
        var mix = Workloads.BinomialMix();
        var rng = new TreatmentFlowModel.Random.RandomStream(1, 0, 0, 0);
        long sum = 0;
        double best = double.MaxValue;
        for (int rep = 0; rep < 50; rep++)
        {
            clock.Restart();
            foreach (var (n, p) in mix) sum += TreatmentFlowModel.Random.Samplers.Binomial(ref rng, n, p);
            best = Math.Min(best, clock.Elapsed.TotalNanoseconds / mix.Length);
        }
        Console.WriteLine($"binomial on the model mix ({mix.Length} pairs, mean n {mix.Average(m => m.N):0}, mean np {mix.Average(m => m.N * m.P):0.00}): {best:0.0} ns per draw, fastest pass ({sum})");
        clock.Restart();
        double acc = 0;
        for (int i = 0; i < 20_000_000; i++) acc += rng.NextDouble();
        Console.WriteLine($"NextDouble: {clock.Elapsed.TotalNanoseconds / 20e6:0.0} ns ({acc:0})");
    }

    /// <summary>
    /// What a batch costs beyond its replicates, on one thread, for the national default (fastest of five each): the
    /// plan (once per silo and client), a replicate in the ensemble, a fresh accumulator, writing it plain (shard files)
    /// and Brotli-compressed as silos send it, reading it back both ways, and merging it into a whole. The figures of
    /// docs/cluster.md's projection.
    /// </summary>
    private static void BatchCost()
    {
        var scenario = TreatmentFlowModel.Scenarios.ScenarioLoader.LoadDefault() with { Replicates = 1000 };
        static double Fastest(Action action, int runs = 5)
        {
            double best = double.MaxValue;
            for (int i = 0; i < runs; i++) { var clock = Stopwatch.StartNew(); action(); best = Math.Min(best, clock.Elapsed.TotalSeconds); }
            return best;
        }
        TreatmentFlowModel.Ensemble.SimulationPlan plan = null!;
        double prepare = Fastest(() => plan = TreatmentFlowModel.Ensemble.SimulationPlan.Prepare(scenario), 3);
        var one = new TreatmentFlowModel.Ensemble.RunOptions { Threads = 1 };
        var whole = plan.RunReplicates(0, 2, one);
        int next = 2;
        double replicate = Fastest(() => { plan.RunReplicates(next, next + 1, one); next++; });
        var batch = plan.RunReplicates(next, next + 1, one);
        double fresh = Fastest(() => plan.NewAccumulator());
        byte[] plain = [], packed = [];
        double writePlain = Fastest(() => { using var m = new MemoryStream(); batch.WriteTo(m); plain = m.ToArray(); });
        double writePacked = Fastest(() =>
        {
            using var m = new MemoryStream();
            using (var brotli = new System.IO.Compression.BrotliStream(m, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            using (var buffered = new BufferedStream(brotli, 1 << 16))
                batch.WriteTo(buffered);
            packed = m.ToArray();
        });
        double readPlain = Fastest(() => plan.ReadAccumulator(new MemoryStream(plain)));
        double readPacked = Fastest(() =>
        {
            using var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(packed), System.IO.Compression.CompressionMode.Decompress);
            using var buffered = new BufferedStream(brotli, 1 << 16);
            plan.ReadAccumulator(buffered);
        });
        var copy = plan.ReadAccumulator(new MemoryStream(plain));
        double merge = Fastest(() => whole.Merge(copy), 1);
        Console.WriteLine($"national default, one thread, fastest of 5 (merge: once): plan {prepare:0.000} s; replicate in the ensemble {replicate:0.000} s; "
            + $"new accumulator {fresh:0.000} s; write plain {writePlain:0.000} s ({plain.Length / 1e6:0.0} MB), Brotli {writePacked:0.000} s ({packed.Length / 1e6:0.0} MB); "
            + $"read plain {readPlain:0.000} s, Brotli {readPacked:0.000} s; merge {merge:0.000} s");
    }
}
