using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Setup;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// Runs replicate r of every compared scenario on the same random numbers and hands on each scenario's headline values
/// by year for England and every shared DAT, the paired differences from the first scenario, and which participation
/// targets each one meets.
/// </summary>
/// <typeparam name="TDraws"><see cref="StochasticDraws"/>, or <see cref="ExpectedDraws"/> for the deterministic mode.</typeparam>
internal sealed class ComparisonWorker<TDraws> : IReplicateWorker where TDraws : struct, IDraws
{
    private readonly ReplicateSimulator<TDraws>[] _simulators;
    private readonly ReplicateRecorder[] _recorders;
    private readonly Action<int>[] _afterWeek;
    private readonly CellLayout[] _layouts;
    private readonly TargetJudge[] _targets;
    private readonly int[][] _slots;     // [scenario][area]: the annual slot in that scenario's record
    private readonly int _years, _h;
    private readonly double[] _cells;   // [scenario × h + (area × headline count + headline) × years + year], then the differences [(k + i - 1) × h + ...]
    private readonly bool[] _met;       // [scenario × targets + target]

    public ComparisonWorker(FrozenModel[] models, CellLayout[] layouts, TargetJudge[] targets, int[][] slots)
    {
        _slots = slots;
        _simulators = [.. models.Select(m => new ReplicateSimulator<TDraws>(m))];
        _recorders = [.. models.Select((m, i) => new ReplicateRecorder(layouts[i], m, [], _simulators[i].Lists.Bins))];
        _afterWeek = [.. Enumerable.Range(0, models.Length).Select(i => (Action<int>)(w => _recorders[i].Capture(_simulators[i].View(w))))];
        _layouts = layouts;
        _targets = targets;
        _years = models[0].Calendar.Years;
        _h = Comparison.Headline.Count * _years * slots[0].Length;
        _cells = new double[ComparisonJob.Cells(models.Length, _h)];
        _met = new bool[models.Length * targets.Length];
    }

    public void Run(int replicate)
    {
        int k = _simulators.Length;
        for (int i = 0; i < k; i++)
        {
            var record = _recorders[i].Record;
            _recorders[i].Begin();
            _simulators[i].Run(replicate, _afterWeek[i]);
            int measures = Comparison.Headline.Count;
            for (int a = 0; a < _slots[i].Length; a++)
                for (int m = 0; m < measures; m++)
                {
                    int series = MetricCatalog.Total(Comparison.Headline[m]);
                    for (int y = 0; y < _years; y++)
                        _cells[i * _h + (a * measures + m) * _years + y] = record[_layouts[i].Annual(_slots[i][a], y, series)];
                }
            for (int t = 0; t < _targets.Length; t++) _met[i * _targets.Length + t] = _targets[t].IsMet(record, _layouts[i], 0);
        }
        for (int i = 1; i < k; i++)
            for (int j = 0; j < _h; j++)
                _cells[(k + i - 1) * _h + j] = _cells[i * _h + j] - _cells[j];
    }

    public ReadOnlySpan<double> Cells => _cells;

    public ReadOnlySpan<bool> Met => _met;

    public ReadOnlySpan<double> Trajectory => [];
}
