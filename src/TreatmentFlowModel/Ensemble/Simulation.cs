using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Ensemble;

/// <summary>Runs scenarios: the entry point of the library.</summary>
public static class Simulation
{
    /// <summary>Runs the Monte Carlo ensemble of <paramref name="scenario"/> (or its deterministic mode).</summary>
    /// <param name="scenario">A scenario; it is validated first.</param>
    /// <param name="options">Threads, mode, progress, cancellation and checkpoints; null for the defaults.</param>
    /// <exception cref="ScenarioException">The scenario is invalid.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    /// <exception cref="InvalidDataException">The checkpoint file belongs to another run or is damaged.</exception>
    public static EnsembleResult Run(Scenario scenario, RunOptions? options = null)
    {
        options ??= new RunOptions();
        if (options.Threads < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "Threads must be at least 1");
        if (options.BatchSize < 0) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be 0 or more");
        if (options.Trajectories < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Trajectories, "Trajectories must be 0 or more");
        if (options.CheckpointEvery < 1) throw new ArgumentOutOfRangeException(nameof(options), options.CheckpointEvery, "CheckpointEvery must be at least 1");
        scenario.EnsureValid();
        var clock = Stopwatch.StartNew();
        var model = FrozenModel.From(scenario);
        int replicates = options.Deterministic ? 1 : scenario.Replicates;
        var weeklyAreas = model.WeeklyAreas.ToArray();
        var layout = new CellLayout(1 + weeklyAreas.Length, model.Calendar.Weeks, 1 + model.AreaCount, model.Calendar.Years);
        var targets = TargetDefinition.For(model);
        EnsembleAccumulator NewAccumulator() => new(layout, targets, replicates, options.Trajectories);
        var total = NewAccumulator();

        if (options.Deterministic)
        {
            var simulator = new ReplicateSimulator<ExpectedDraws>(model);
            var recorder = new ReplicateRecorder(layout, model, weeklyAreas, simulator.Lists.Bins);
            recorder.Begin();
            simulator.Run(0, w => recorder.Capture(simulator.View(w)));
            total.Add(0, recorder.Record);
            options.Progress?.Report(1);
            return new EnsembleResult(scenario, model, total, weeklyAreas, deterministic: true, clock.Elapsed);
        }

        var checkpoint = options.CheckpointFile is { } file ? new Checkpoint(file, Fingerprint(scenario, layout, options.Trajectories)) : null;
        checkpoint?.TryResume(total);
        int[] pending = Enumerable.Range(0, replicates).Where(r => !total.IsDone(r)).ToArray();
        int batch = Math.Max(1, options.BatchSize);
        int batches = (pending.Length + batch - 1) / batch;
        int sinceCheckpoint = 0;
        options.Progress?.Report(total.Completed);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = options.CancellationToken };
        // Parallel.For retires and replaces its worker tasks every so often, calling localInit again: pooling the
        // workers (megabytes of state each) keeps memory flat however long the run is.
        var pool = new System.Collections.Concurrent.ConcurrentBag<Worker>();
        try
        {
            RunBatches();
        }
        catch (OperationCanceledException) when (checkpoint is not null)
        {
            // Every worker has stopped and its finished replicates are in the total: keep all of them, not only those
            // up to the last periodic save.
            checkpoint.Save(total);
            throw;
        }
        checkpoint?.Save(total);
        return new EnsembleResult(scenario, model, total, weeklyAreas, deterministic: false, clock.Elapsed);

        void RunBatches() => Parallel.For(0, batches, parallel,
            () =>
            {
                if (pool.TryTake(out var idle)) return idle;
                var simulator = new ReplicateSimulator<StochasticDraws>(model);
                return new Worker(simulator, new ReplicateRecorder(layout, model, weeklyAreas, simulator.Lists.Bins));
            },
            (b, state, worker) =>
            {
                var partial = options.BatchSize > 0 ? NewAccumulator() : null;
                for (int i = b * batch; i < Math.Min(pending.Length, (b + 1) * batch); i++)
                {
                    options.CancellationToken.ThrowIfCancellationRequested();
                    int r = pending[i];
                    worker.Recorder.Begin();
                    worker.Simulator.Run(r, w => worker.Recorder.Capture(worker.Simulator.View(w)));
                    if (partial is not null) partial.Add(r, worker.Recorder.Record);
                    else lock (total)
                        {
                            total.Add(r, worker.Recorder.Record);
                            if (checkpoint is not null && ++sinceCheckpoint >= options.CheckpointEvery) { checkpoint.Save(total); sinceCheckpoint = 0; }
                            options.Progress?.Report(total.Completed);
                        }
                }
                if (partial is not null)
                    lock (total)
                    {
                        total.Merge(partial);
                        sinceCheckpoint += partial.Completed;
                        if (checkpoint is not null && sinceCheckpoint >= options.CheckpointEvery) { checkpoint.Save(total); sinceCheckpoint = 0; }
                        options.Progress?.Report(total.Completed);
                    }
                return worker;
            },
            pool.Add);
    }

    /// <summary>Identifies a run for its checkpoints: the resolved scenario (with seed and replicates), what is recorded, and the library version.</summary>
    private static string Fingerprint(Scenario scenario, CellLayout layout, int trajectories)
    {
        string text = $"{ScenarioWriter.ToJson(scenario, deterministic: false, includeRun: false)}|{layout}|{trajectories}|{Output.ResultWriter.LibraryVersion}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private sealed record Worker(ReplicateSimulator<StochasticDraws> Simulator, ReplicateRecorder Recorder);

    /// <summary>Saves the accumulator atomically (a temporary file renamed over the old one) and reads it back on resume.</summary>
    private sealed class Checkpoint(string path, string fingerprint)
    {
        public void TryResume(EnsembleAccumulator total)
        {
            if (!File.Exists(path)) return;
            using var stream = File.OpenRead(path);
            try { total.Read(stream, fingerprint); }
            catch (EndOfStreamException) { throw new InvalidDataException($"the checkpoint '{path}' is truncated"); }
            catch (InvalidDataException e) { throw new InvalidDataException($"the checkpoint '{path}' cannot be used: {e.Message}"); }
        }

        public void Save(EnsembleAccumulator total)
        {
            string temp = $"{path}.tmp-{Environment.ProcessId}";
            // A buffer under the 85 KB large-object threshold: it dies young. A 1 MB one went to the large-object heap,
            // which is collected rarely, so a long run grew by about a megabyte per save (50 MB in 40 saves).
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                total.Write(stream, fingerprint);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
    }
}
