using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Setup;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Ensemble;

/// <summary>Runs replicates of one scenario: the engine steps the weeks, the recorder turns them into the replicate's record, and the targets are judged on it.</summary>
/// <typeparam name="TDraws"><see cref="StochasticDraws"/>, or <see cref="ExpectedDraws"/> for the deterministic mode.</typeparam>
internal sealed class SimulationWorker<TDraws> : IReplicateWorker where TDraws : struct, IDraws
{
    private readonly ReplicateSimulator<TDraws> _simulator;
    private readonly ReplicateRecorder _recorder;
    private readonly CellLayout _layout;
    private readonly TargetJudge[] _targets;
    private readonly bool[] _met;             // [annual slot × targets + target]
    private readonly Action<int> _afterWeek;  // made once, not per replicate

    public SimulationWorker(FrozenModel model, CellLayout layout, TargetJudge[] targets)
    {
        _simulator = new ReplicateSimulator<TDraws>(model);
        _recorder = new ReplicateRecorder(layout, model, [.. model.WeeklyAreas], _simulator.Lists.Bins);
        _layout = layout;
        _targets = targets;
        _met = new bool[layout.AnnualSlots * targets.Length];
        _afterWeek = w => _recorder.Capture(_simulator.View(w));
    }

    public void Run(int replicate)
    {
        _recorder.Begin();
        _simulator.Run(replicate, _afterWeek);
        var record = _recorder.Record;
        for (int slot = 0; slot < _layout.AnnualSlots; slot++)
            for (int t = 0; t < _targets.Length; t++)
                _met[slot * _targets.Length + t] = _targets[t].IsMet(record, _layout, slot);
    }

    public ReadOnlySpan<double> Cells => _recorder.Record;

    public ReadOnlySpan<bool> Met => _met;

    public ReadOnlySpan<double> Trajectory => _recorder.Record.AsSpan(0, _layout.WeeklyCells);
}
