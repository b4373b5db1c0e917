using System.Collections.Concurrent;
using TreatmentFlowModel.Ensemble;

namespace TreatmentFlowModel.Cluster;

/// <summary>
/// The threads a silo computes on: a fixed number of dedicated threads, not the thread pool, so that Orleans' own
/// work (messages, membership probes) is never starved by replicates and a busy silo is not declared dead.
/// A batch is split into one contiguous part per worker; the parts' accumulators are merged (exactly) on the silo,
/// so the client receives one accumulator per batch whatever the silo's size.
/// </summary>
internal sealed class SiloWorkers : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread[] _threads;

    /// <summary>Starts <paramref name="workers"/> threads.</summary>
    /// <param name="workers">Threads.</param>
    /// <param name="batchLog">Receives one line per batch (for operators and tests); null: none.</param>
    public SiloWorkers(int workers, TextWriter? batchLog = null)
    {
        BatchLog = batchLog;
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _threads = new Thread[workers];
        for (int i = 0; i < workers; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"tfm-worker-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Where one line per batch goes, if anywhere.</summary>
    public TextWriter? BatchLog { get; }

    /// <summary>Replicates run at once.</summary>
    public int Count => _threads.Length;

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable()) item();
    }

    /// <summary>Runs replicates [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="plan"/> on the workers and merges them.</summary>
    /// <exception cref="OperationCanceledException">Cancelled (checked between replicates).</exception>
    public Task<EnsembleAccumulator> Run(SimulationPlan plan, int from, int to, CancellationToken cancellationToken)
    {
        int parts = Math.Max(1, Math.Min(Count, to - from));
        var done = new TaskCompletionSource<EnsembleAccumulator>(TaskCreationOptions.RunContinuationsAsynchronously);
        EnsembleAccumulator? whole = null;  // the first part to finish; the others merge into it (an accumulator is big: 170 MB national)
        var gate = new object();
        int left = parts;
        for (int p = 0; p < parts; p++)
        {
            // Contiguous parts of near-equal size: part p is [from + p·n/parts, from + (p+1)·n/parts).
            int start = from + (int)((long)p * (to - from) / parts), end = from + (int)((long)(p + 1) * (to - from) / parts);
            _queue.Add(() =>
            {
                try
                {
                    if (!done.Task.IsCompleted)
                    {
                        var part = plan.RunReplicates(start, end, cancellationToken);
                        lock (gate)
                        {
                            if (whole is null) whole = part;
                            else whole.Merge(part);
                        }
                    }
                }
                catch (OperationCanceledException) { done.TrySetCanceled(cancellationToken); }
                catch (Exception e) { done.TrySetException(e); }
                if (Interlocked.Decrement(ref left) == 0 && whole is not null) done.TrySetResult(whole);
            });
        }
        return done.Task;
    }

    /// <summary>Lets the workers finish what they hold and stop.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads) thread.Join(TimeSpan.FromSeconds(5));
        _queue.Dispose();
    }
}
