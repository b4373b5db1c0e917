using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// Runs one stochastic replicate of a scenario and returns its England record: the building block of a calibration's
/// simulator, which runs each proposed parameter set once with its own (seed, replicate). The result depends only on
/// the scenario (its seed included) and the replicate, never on the thread or on what ran before. Safe to call from
/// many threads at once: each call freezes the scenario and allocates its own engine.
/// </summary>
public static class SingleReplicate
{
    /// <summary>Runs replicate <paramref name="replicate"/> of <paramref name="scenario"/> (stochastic mode; parameters drawn as usual).</summary>
    /// <param name="scenario">A scenario the caller has validated (<see cref="Scenario.EnsureValid"/>); it is not validated again, for speed.</param>
    /// <param name="replicate">The replicate index: the address of its random streams with the scenario's seed.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replicate"/> is negative.</exception>
    public static ReplicateRecord Run(Scenario scenario, int replicate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicate);
        var model = FrozenModel.From(scenario);
        var calendar = model.Calendar;
        // England week by week, England and every area by financial year (the DAT means need the areas' years).
        var layout = new CellLayout(1, calendar.Weeks, model.AnnualSlots, calendar.Years);
        var simulator = new ReplicateSimulator<StochasticDraws>(model);
        var recorder = new ReplicateRecorder(layout, model, [], simulator.Lists.Bins);
        recorder.Begin();
        simulator.Run(replicate, w => recorder.Capture(simulator.View(w)));
        return new ReplicateRecord(recorder.Record, layout, calendar);
    }
}
