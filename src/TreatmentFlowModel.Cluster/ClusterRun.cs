using System.Diagnostics;
using System.IO.Compression;
using Orleans.Runtime.Placement;
using TreatmentFlowModel.Ensemble;

namespace TreatmentFlowModel.Cluster;

/// <summary>
/// The client's side of one cluster run: it hands ranges of replicates to the silos (each silo holds a few batches at
/// once, sized to its workers), merges each batch's accumulator into the whole as it arrives, follows the cluster's
/// membership, and gives the batches of a lost silo, a failed call or an overdue batch to another silo. Every range is
/// merged exactly once (a second answer for a range already merged is dropped), so the whole is bit-identical to a
/// single-process run however the batches fell.
/// </summary>
/// <remarks>All state is touched by the run's own loop only; accumulators are decoded on pool threads, in parallel.</remarks>
internal sealed class ClusterRun
{
    private readonly IClusterClient _client;
    private readonly SimulationPlan _plan;
    private readonly RunOptions _options;
    private readonly ClusterRunOptions _cluster;
    private readonly string _scenarioJson;
    private readonly string _runId = Guid.NewGuid().ToString("N");
    private readonly EnsembleAccumulator _total;

    private int _next;                                  // replicates [_next, Replicates) have not been handed out
    private readonly Queue<Unit> _redo = new();         // ranges to hand out again, whole
    private readonly Dictionary<SiloAddress, SiloState> _silos = [];
    private readonly List<Attempt> _inFlight = [];
    private readonly Dictionary<string, int> _batchesPerSilo = [];
    private readonly HashSet<string> _refusedVersions = [];
    private int _batchesMerged, _batchesRetried, _silosLost, _attemptCounter;
    private TimeSpan _slowestMerged;                    // the longest a merged attempt took, call to merge
    private long _bytesReceived;
    private double _readSeconds, _mergeSeconds, _siloSeconds;

    public ClusterRun(IClusterClient client, SimulationPlan plan, RunOptions options, ClusterRunOptions cluster)
    {
        _client = client;
        _plan = plan;
        _options = options;
        _cluster = cluster;
        _scenarioJson = Scenarios.ScenarioWriter.ToJson(plan.Scenario, plan.Deterministic);
        _total = plan.NewAccumulator();
    }

    /// <summary>A range of replicates that is handed out, and merged, whole.</summary>
    private sealed class Unit(int from, int to)
    {
        public int From { get; } = from;
        public int To { get; } = to;
        public int Attempts { get; set; }
        public bool Merged { get; set; }
        public bool Queued { get; set; }
        public Exception? LastError { get; set; }
        public override string ToString() => $"replicates [{From}, {To})";
    }

    private sealed class SiloState(SiloAddress address)
    {
        public SiloAddress Address { get; } = address;
        public int Workers { get; set; }
        public bool Usable { get; set; }
        public int Held { get; set; }                   // batches counted against its share
        public Task<SiloDescription>? Describing { get; set; }
    }

    private sealed class Attempt(int id, Unit unit, SiloState silo, CancellationTokenSource cancel)
    {
        public int Id { get; } = id;
        public Unit Unit { get; } = unit;
        public SiloState Silo { get; } = silo;
        public CancellationTokenSource Cancel { get; } = cancel;
        public Stopwatch Clock { get; } = Stopwatch.StartNew();
        public Task<Decoded> Task { get; set; } = null!;
        public bool Counted { get; set; } = true;       // still counted in its silo's Held
    }

    private sealed record Decoded(BatchReply Reply, EnsembleAccumulator? Accumulator, double ReadSeconds);

    private int Replicates => _plan.Replicates;

    private int UsableWorkers => _silos.Values.Where(s => s.Usable).Sum(s => s.Workers);

    public async Task<EnsembleAccumulator> RunAsync()
    {
        var cancel = _options.CancellationToken;
        try
        {
            await WaitForSilosAsync(cancel);
            var poll = Task.Delay(_cluster.MembershipPollInterval, cancel);
            while (!_total.IsComplete)
            {
                Dispatch();
                if (UsableWorkers == 0) await WaitForSilosAsync(cancel);
                var waitingOn = _inFlight.Select(a => (Task)a.Task)
                    .Concat(_silos.Values.Where(s => s.Describing is not null).Select(s => (Task)s.Describing!))
                    .Append(poll).ToArray();
                await Task.WhenAny(waitingOn);
                cancel.ThrowIfCancellationRequested();
                foreach (var attempt in _inFlight.Where(a => a.Task.IsCompleted).ToList()) Handle(attempt);
                AdmitDescribedSilos();
                if (poll.IsCompleted)
                {
                    await RefreshMembershipAsync(cancel);
                    ReassignOverdue();
                    BackUpStragglers();
                    poll = Task.Delay(_cluster.MembershipPollInterval, cancel);
                }
            }
            return _total;
        }
        finally
        {
            // Duplicates still running (and everything, when cancelled) stop between replicates on their silos.
            foreach (var attempt in _inFlight) attempt.Cancel.Cancel();
            Report();
        }
    }

    /// <summary>Reads the membership until at least one silo running this library version takes batches.</summary>
    private async Task WaitForSilosAsync(CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await RefreshMembershipAsync(cancel);
            var describing = _silos.Values.Where(s => s.Describing is not null).Select(s => (Task)s.Describing!).ToArray();
            if (describing.Length > 0) await Task.WhenAny(Task.WhenAll(describing), Task.Delay(TimeSpan.FromSeconds(5), cancel));
            AdmitDescribedSilos();
            if (UsableWorkers > 0) return;
            if (clock.Elapsed >= _cluster.SiloWaitTimeout)
                throw new ClusterRunException(_refusedVersions.Count > 0
                    ? $"no silo of the cluster runs TreatmentFlowModel {LibraryInfo.Version} (found {string.Join(", ", _refusedVersions)}); run the same version on the client and the silos"
                    : $"no silo joined the cluster within {_cluster.SiloWaitTimeout.TotalSeconds:0} s; start silos with 'tfm cluster silo'");
            await Task.Delay(_cluster.MembershipPollInterval, cancel);
        }
    }

    /// <summary>Reads which silos are active: describes new ones, and gives the batches of those that left to others.</summary>
    private async Task RefreshMembershipAsync(CancellationToken cancel)
    {
        Dictionary<SiloAddress, SiloStatus> hosts;
        try
        {
            hosts = await _client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(10), cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            return; // the membership could not be read this time (the silo asked may be the one that just died): next poll
        }
        foreach (var address in hosts.Keys)
        {
            if (_silos.ContainsKey(address)) continue;
            var silo = new SiloState(address);
            silo.Describing = DescribeAsync(address, retry: false);
            _silos[address] = silo;
        }
        foreach (var silo in _silos.Values.Where(s => !hosts.ContainsKey(s.Address)).ToList())
        {
            _silos.Remove(silo.Address);
            if (_inFlight.Any(a => a.Silo == silo)) Lose(silo);
        }
    }

    private async Task<SiloDescription> DescribeAsync(SiloAddress address, bool retry)
    {
        if (retry) await Task.Delay(_cluster.MembershipPollInterval);
        RequestContext.Set(IPlacementDirector.PlacementHintKey, address);
        return await _client.GetGrain<IReplicateBatchGrain>($"describe/{_runId}/{address.ToParsableString()}").Describe();
    }

    /// <summary>Silos whose description has arrived take batches from now on (if they run this library version).</summary>
    private void AdmitDescribedSilos()
    {
        foreach (var silo in _silos.Values.Where(s => s.Describing is { IsCompleted: true }))
        {
            var task = silo.Describing!;
            silo.Describing = null;
            if (!task.IsCompletedSuccessfully)
            {
                silo.Describing = DescribeAsync(silo.Address, retry: true); // not reachable yet: ask again
                continue;
            }
            var description = task.Result;
            if (description.Silo != silo.Address.ToString()) continue; // the hint was not honoured (the silo is leaving): leave it out
            if (description.LibraryVersion != LibraryInfo.Version)
            {
                _refusedVersions.Add($"{description.Silo} runs {description.LibraryVersion}");
                continue;
            }
            silo.Workers = description.Workers;
            silo.Usable = true;
        }
    }

    /// <summary>A silo left the cluster: its batches go to others, and so do duplicates of every other batch in flight.</summary>
    /// <remarks>
    /// An answer travels back through the gateway silo the client sent the call to, which need not be the silo that ran
    /// it; when that gateway is lost, the answer is too, and nothing tells the client. So every batch in flight is also
    /// handed out again, without waiting for it: whichever copy answers first is merged, and the other is cancelled.
    /// </remarks>
    private void Lose(SiloState lost)
    {
        _silosLost++;
        foreach (var attempt in _inFlight.ToList())
        {
            if (attempt.Silo == lost)
            {
                attempt.Cancel.Cancel();
                Forget(attempt);
                Redo(attempt.Unit, new ClusterRunException($"silo {lost.Address} left the cluster"));
            }
            else
            {
                Release(attempt);
                Redo(attempt.Unit, null);
            }
        }
        Report();
    }

    /// <summary>
    /// A call to the silo failed: it takes no batches until it is described again. A silo killed outright refuses
    /// connections at once, seconds before the membership declares it dead; without this, the batch handed back would go
    /// straight to the same silo (the least loaded, now that it holds nothing) and use up its attempts there. A silo that
    /// answers its description again takes batches again; one that is gone keeps failing until the membership drops it.
    /// </summary>
    private void Suspect(SiloState silo)
    {
        if (!silo.Usable || !_silos.ContainsKey(silo.Address)) return;
        silo.Usable = false;
        silo.Describing ??= DescribeAsync(silo.Address, retry: true);
        Report();
    }

    /// <summary>Batches overdue (<see cref="ClusterRunOptions.BatchTimeout"/>) are cancelled and handed out again.</summary>
    private void ReassignOverdue()
    {
        foreach (var attempt in _inFlight.Where(a => a.Clock.Elapsed > _cluster.BatchTimeout).ToList())
        {
            attempt.Cancel.Cancel();
            Forget(attempt);
            Redo(attempt.Unit, new TimeoutException($"{attempt.Unit} did not come back from silo {attempt.Silo.Address} within {_cluster.BatchTimeout}"));
        }
    }

    /// <summary>
    /// Once nothing is left to hand out, a batch out for three times as long as the slowest merged one (at least
    /// <see cref="MinimumBackupDelay"/>) is handed out again beside it, and whichever copy answers first is merged (backup
    /// tasks, as in MapReduce). An answer can be lost without any error reaching the client: a call sent through a gateway
    /// silo in the moment it dies, after the membership has already dropped it, is answered to the dead gateway, and the
    /// call would wait for <see cref="ClusterRunOptions.BatchTimeout"/>. Seen once in the suite on a loaded machine: 22 of
    /// 24 replicates merged, then three minutes of nothing. A slow silo's last batch is also finished sooner.
    /// </summary>
    private void BackUpStragglers()
    {
        if (_next < Replicates || _redo.Count > 0 || _batchesMerged == 0) return;
        var patience = TimeSpan.FromTicks(Math.Max(MinimumBackupDelay.Ticks, 3 * _slowestMerged.Ticks));
        foreach (var attempt in _inFlight.Where(a => !a.Unit.Merged && a.Clock.Elapsed > patience).ToList())
        {
            var unit = attempt.Unit;
            if (unit.Queued || unit.Attempts >= _cluster.MaxAttempts || _inFlight.Count(a => a.Unit == unit) > 1) continue;
            Release(attempt); // still awaited: its answer is merged if it comes first
            Redo(unit, null);
        }
    }

    /// <summary>The least time a batch is out before a backup copy of it may be handed out.</summary>
    private static readonly TimeSpan MinimumBackupDelay = TimeSpan.FromSeconds(5);

    /// <summary>Hands out work to every usable silo with room, the least loaded first.</summary>
    private void Dispatch()
    {
        foreach (var silo in _silos.Values.Where(s => s.Usable).OrderBy(s => (double)s.Held / s.Workers).ToList())
        {
            while (silo.Held < _cluster.BatchesPerSilo)
            {
                var unit = NextUnit(silo);
                if (unit is null) return;
                Start(unit, silo);
            }
        }
    }

    private Unit? NextUnit(SiloState silo)
    {
        while (_redo.TryDequeue(out var again))
        {
            again.Queued = false;
            if (!again.Merged) return again;
        }
        if (_next >= Replicates) return null;
        int left = Replicates - _next;
        int perWorker = _cluster.BatchSize > 0
            ? _cluster.BatchSize
            : Math.Max(_cluster.MinBatchSize, (int)Math.Ceiling(left / (3.0 * Math.Max(1, UsableWorkers))));
        int size = (int)Math.Min(left, (long)perWorker * silo.Workers);
        var unit = new Unit(_next, _next + size);
        _next += size;
        return unit;
    }

    private void Start(Unit unit, SiloState silo)
    {
        if (unit.Attempts >= _cluster.MaxAttempts)
            throw new ClusterRunException($"{unit} failed {unit.Attempts} times; the last error: {unit.LastError?.Message}", unit.LastError);
        unit.Attempts++;
        if (unit.Attempts > 1) _batchesRetried++;
        var attempt = new Attempt(++_attemptCounter, unit, silo, CancellationTokenSource.CreateLinkedTokenSource(_options.CancellationToken));
        attempt.Task = CallAsync(attempt);
        // An attempt given up on may still fail later: observe it, so it is not reported as an unobserved exception.
        _ = attempt.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        silo.Held++;
        _inFlight.Add(attempt);
    }

    private async Task<Decoded> CallAsync(Attempt attempt)
    {
        var request = new BatchRequest
        {
            Fingerprint = _plan.Fingerprint,
            ScenarioJson = _scenarioJson,
            Deterministic = _plan.Deterministic,
            Trajectories = _options.Trajectories,
            From = attempt.Unit.From,
            To = attempt.Unit.To,
            Compress = _cluster.Compress,
        };
        // Set here, inside this call's own asynchronous flow, so the hint goes with this call only.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, attempt.Silo.Address);
        var grain = _client.GetGrain<IReplicateBatchGrain>($"{_runId}/{attempt.Unit.From}-{attempt.Unit.To}/{attempt.Id}");
        var reply = await grain.Run(request, attempt.Cancel.Token);
        if (reply.Refusal is not null) return new Decoded(reply, null, 0);
        return await Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            using Stream bytes = new MemoryStream(reply.Accumulator, writable: false);
            using Stream source = request.Compress ? new BrotliStream(bytes, CompressionMode.Decompress) : bytes;
            using var buffered = new BufferedStream(source, 1 << 16);
            var accumulator = _plan.ReadAccumulator(buffered);
            return new Decoded(reply, accumulator, clock.Elapsed.TotalSeconds);
        });
    }

    private void Handle(Attempt attempt)
    {
        Forget(attempt);
        var unit = attempt.Unit;
        if (!attempt.Task.IsCompletedSuccessfully)
        {
            if (unit.Merged) return;
            var error = attempt.Task.Exception?.GetBaseException() ?? new OperationCanceledException($"{unit} was cancelled on silo {attempt.Silo.Address}");
            if (error is not OperationCanceledException) Suspect(attempt.Silo);
            if (!_inFlight.Any(a => a.Unit == unit)) Redo(unit, error);
            else unit.LastError = error;
            return;
        }
        var (reply, accumulator, readSeconds) = attempt.Task.Result;
        if (reply.Refusal is not null) throw new ClusterRunException($"the cluster refused the run: {reply.Refusal}");
        if (unit.Merged) return; // a duplicate: the first answer is in
        if (accumulator!.Completed != unit.To - unit.From || !accumulator.Contains(unit.From) || !accumulator.Contains(unit.To - 1))
            throw new ClusterRunException($"silo {reply.Silo} answered {unit} with {accumulator.Completed} other replicates; this is a bug, please report it");
        var clock = Stopwatch.StartNew();
        _total.Merge(accumulator);
        _mergeSeconds += clock.Elapsed.TotalSeconds;
        unit.Merged = true;
        if (attempt.Clock.Elapsed > _slowestMerged) _slowestMerged = attempt.Clock.Elapsed;
        _readSeconds += readSeconds;
        _siloSeconds += reply.Seconds;
        _bytesReceived += reply.Accumulator.LongLength;
        _batchesMerged++;
        _batchesPerSilo[reply.Silo] = _batchesPerSilo.GetValueOrDefault(reply.Silo) + 1;
        foreach (var duplicate in _inFlight.Where(a => a.Unit == unit)) duplicate.Cancel.Cancel();
        _options.Progress?.Report(_total.Completed);
        Report();
    }

    /// <summary>Takes the attempt out of the batches in flight (its answer, if one still comes, is ignored unless still awaited).</summary>
    private void Forget(Attempt attempt)
    {
        _inFlight.Remove(attempt);
        Release(attempt);
    }

    /// <summary>The attempt no longer counts against its silo's share (it may still answer).</summary>
    private void Release(Attempt attempt)
    {
        if (!attempt.Counted) return;
        attempt.Counted = false;
        attempt.Silo.Held--;
    }

    private void Redo(Unit unit, Exception? error)
    {
        if (error is not null) unit.LastError = error;
        if (unit.Merged || unit.Queued) return;
        unit.Queued = true;
        _redo.Enqueue(unit);
    }

    private void Report() => _cluster.Progress?.Report(new ClusterProgress(
        _total.Completed, Replicates, _silos.Values.Count(s => s.Usable), UsableWorkers, _batchesMerged, _batchesRetried, _silosLost,
        _bytesReceived, _readSeconds, _mergeSeconds, _siloSeconds, new Dictionary<string, int>(_batchesPerSilo)));
}
