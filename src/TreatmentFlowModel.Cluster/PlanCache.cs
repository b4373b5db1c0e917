using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cluster;

/// <summary>
/// The plans a silo has prepared, one per run (by fingerprint): a run's first batch on a silo loads and freezes its
/// scenario, later batches reuse it. Holds the few most recent runs only, so a long-lived silo does not grow.
/// </summary>
internal sealed class PlanCache
{
    /// <summary>Runs kept prepared (several clients may share a cluster).</summary>
    private const int Capacity = 8;

    private readonly Dictionary<string, Lazy<SimulationPlan>> _plans = [];
    private readonly Queue<string> _order = new();

    /// <summary>The plan of <paramref name="request"/>'s run, prepared on first use.</summary>
    /// <exception cref="ScenarioException">The scenario does not load here.</exception>
    public SimulationPlan Get(BatchRequest request)
    {
        Lazy<SimulationPlan> plan;
        lock (_plans)
        {
            if (!_plans.TryGetValue(request.Fingerprint, out plan!))
            {
                plan = new Lazy<SimulationPlan>(() => SimulationPlan.Prepare(
                    ScenarioLoader.FromJson(request.ScenarioJson, "scenario.resolved.json"), request.Deterministic, request.Trajectories));
                _plans[request.Fingerprint] = plan;
                _order.Enqueue(request.Fingerprint);
                if (_order.Count > Capacity) _plans.Remove(_order.Dequeue());
            }
        }
        try
        {
            return plan.Value;
        }
        catch
        {
            lock (_plans) _plans.Remove(request.Fingerprint); // a failed preparation is not cached: the next batch tries again
            throw;
        }
    }
}
