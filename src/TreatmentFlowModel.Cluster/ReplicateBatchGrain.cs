using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cluster;

/// <summary>Runs one batch on this silo's workers with the run's cached plan, and deactivates when done.</summary>
internal sealed class ReplicateBatchGrain(PlanCache plans, SiloWorkers workers, ILocalSiloDetails silo) : Grain, IReplicateBatchGrain
{
    public async Task<BatchReply> Run(BatchRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            Ensemble.SimulationPlan plan;
            try
            {
                plan = plans.Get(request);
            }
            catch (ScenarioException e)
            {
                return Refuse($"the scenario does not load on silo {silo.SiloAddress}: {e.Message}");
            }
            if (plan.Fingerprint != request.Fingerprint)
                return Refuse($"silo {silo.SiloAddress} prepares this run differently (it runs TreatmentFlowModel {LibraryInfo.Version}); run the same version on the client and every silo");
            if (request.From < 0 || request.To > plan.Replicates || request.From >= request.To)
                return Refuse($"replicates [{request.From}, {request.To}) are not inside the run's [0, {plan.Replicates})");
            var accumulator = await workers.Run(plan, request.From, request.To, cancellationToken);
            var computed = clock.Elapsed;
            using var bytes = new MemoryStream();
            if (request.Compress)
            {
                // Buffered: the accumulator is written a few bytes at a time, and each write straight into the encoder
                // cost a native call (a national accumulator took 12 s instead of a quarter of a second).
                using var brotli = new BrotliStream(bytes, CompressionLevel.Fastest, leaveOpen: true);
                using var buffered = new BufferedStream(brotli, 1 << 16);
                accumulator.WriteTo(buffered);
            }
            else
            {
                accumulator.WriteTo(bytes);
            }
            var reply = new BatchReply { Accumulator = bytes.ToArray(), Silo = silo.SiloAddress.ToString(), Seconds = clock.Elapsed.TotalSeconds };
            if (workers.BatchLog is { } log)
                lock (log) log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"tfm: batch [{request.From}, {request.To}) of run {request.Fingerprint[..Math.Min(12, request.Fingerprint.Length)]} done in {reply.Seconds:0.000} s ({computed.TotalSeconds:0.000} s computing), {reply.Accumulator.Length} bytes"));
            return reply;
        }
        finally
        {
            DeactivateOnIdle();
        }
    }

    public Task<SiloDescription> Describe()
    {
        DeactivateOnIdle();
        return Task.FromResult(new SiloDescription { Silo = silo.SiloAddress.ToString(), Workers = workers.Count, LibraryVersion = LibraryInfo.Version });
    }

    private BatchReply Refuse(string why) => new() { Silo = silo.SiloAddress.ToString(), Refusal = why };
}
