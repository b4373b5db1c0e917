using System.Collections.Concurrent;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// Runs a job's replicates: the one place with a worker pool, progress, cancellation, checkpoints and batches, for
/// single scenarios and comparisons alike. Replicates land in an <see cref="EnsembleAccumulator"/>; since any split
/// merges exactly, <see cref="RunRange"/> (one thread, a range of replicates) is also the unit of work of shards and
/// clusters, whose accumulators are merged with <see cref="EnsembleAccumulator.Merge"/>.
/// </summary>
internal static class EnsembleRunner
{
    /// <summary>Runs replicates <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) on this thread into a new accumulator.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the run.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled (checked between replicates).</exception>
    public static EnsembleAccumulator RunRange(IReplicateJob job, int from, int to, CancellationToken cancellationToken = default)
    {
        if (from < 0 || to > job.Replicates || from > to)
            throw new ArgumentOutOfRangeException(nameof(from), $"replicates [{from}, {to}) are not inside [0, {job.Replicates})");
        var accumulator = job.NewAccumulator();
        var worker = job.NewWorker();
        for (int r = from; r < to; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            worker.Run(r);
            accumulator.Add(r, worker);
        }
        return accumulator;
    }

    /// <summary>
    /// Runs every replicate of <paramref name="job"/> (those not already in the checkpoint, when there is one) on
    /// <see cref="RunOptions.Threads"/> threads, in batches of <see cref="RunOptions.BatchSize"/>, reporting progress,
    /// saving checkpoints and stopping between replicates when cancelled.
    /// </summary>
    /// <param name="job">The run.</param>
    /// <param name="options">Validated options.</param>
    /// <exception cref="OperationCanceledException">The run was cancelled (after saving its checkpoint, if any).</exception>
    /// <exception cref="CheckpointException">The checkpoint file belongs to another run or is damaged.</exception>
    /// <exception cref="IOException">A checkpoint could not be saved (a full disk); the previous one, if any, is kept.</exception>
    public static EnsembleAccumulator Run(IReplicateJob job, RunOptions options)
    {
        var total = job.NewAccumulator();
        var checkpoint = options.CheckpointFile is { } file ? new Checkpoint(file) : null;
        checkpoint?.TryResume(total);
        int[] pending = Enumerable.Range(0, job.Replicates).Where(r => !total.Contains(r)).ToArray();
        int batch = Math.Max(1, options.BatchSize);
        int batches = (pending.Length + batch - 1) / batch;
        int sinceCheckpoint = 0;
        options.Progress?.Report(total.Completed);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = options.CancellationToken };
        // The parallel loop retires and replaces its worker tasks every so often, calling localInit again: pooling the
        // workers (megabytes of state each) keeps memory flat however long the run is.
        var pool = new ConcurrentBag<IReplicateWorker>();

        void Added(int count)
        {
            // Under the lock on total.
            sinceCheckpoint += count;
            if (checkpoint is not null && sinceCheckpoint >= options.CheckpointEvery) { checkpoint.Save(total); sinceCheckpoint = 0; }
            options.Progress?.Report(total.Completed);
        }

        try
        {
            Parallel.For(0, batches, parallel,
                () => pool.TryTake(out var idle) ? idle : job.NewWorker(),
                (b, _, worker) =>
                {
                    var partial = options.BatchSize > 0 ? job.NewAccumulator() : null;
                    for (int i = b * batch; i < Math.Min(pending.Length, (b + 1) * batch); i++)
                    {
                        options.CancellationToken.ThrowIfCancellationRequested();
                        int r = pending[i];
                        worker.Run(r);
                        if (partial is not null) partial.Add(r, worker);
                        else lock (total)
                        {
                            total.Add(r, worker);
                            Added(1);
                        }
                    }
                    if (partial is not null)
                        lock (total)
                        {
                            total.Merge(partial);
                            Added(partial.Completed);
                        }
                    return worker;
                },
                pool.Add);
        }
        catch (OperationCanceledException e) when (checkpoint is not null)
        {
            // Every worker has stopped and its finished replicates are in the total: keep all of them, not only those
            // up to the last periodic save. If that save fails, the last periodic one is still whole.
            try { checkpoint.Save(total); }
            catch (IOException failed) { throw new OperationCanceledException($"the run was cancelled, and {failed.Message}", failed, e.CancellationToken); }
            throw;
        }
        catch (AggregateException e) when (e.InnerExceptions.Any(x => x is not OperationCanceledException))
        {
            // A worker failed (a checkpoint could not be saved on a full disk): report that failure, not the wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions.First(x => x is not OperationCanceledException)).Throw();
            throw;
        }
        checkpoint?.Save(total);
        return total;
    }
}
