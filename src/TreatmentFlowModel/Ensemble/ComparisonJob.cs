using System.Security.Cryptography;
using System.Text;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Ensemble;

/// <summary>Several scenarios run replicate by replicate on common random numbers, as one job for the <see cref="EnsembleRunner"/>.</summary>
internal sealed class ComparisonJob : IReplicateJob
{
    private readonly FrozenModel[] _models;
    private readonly CellLayout[] _layouts;
    private readonly bool _deterministic;

    public ComparisonJob(IReadOnlyList<Scenario> scenarios, bool deterministic)
    {
        _deterministic = deterministic;
        _models = [.. scenarios.Select(FrozenModel.From)];
        var calendar = _models[0].Calendar;
        _layouts = [.. _models.Select(m => new CellLayout(1, calendar.Weeks, 1 + m.AreaCount, calendar.Years))];
        Targets = [.. TargetJudge.For(_models[0]).Where(j => j.Target is GrowthTarget)];
        HeadlineCells = Comparison.Headline.Count * calendar.Years;
        Replicates = deterministic ? 1 : scenarios[0].Replicates;
        var text = new StringBuilder(deterministic ? "deterministic" : "stochastic");
        foreach (var s in scenarios) text.Append('|').Append(ScenarioWriter.ToJson(s, deterministic: false, includeRun: false));
        text.Append('|').Append(LibraryInfo.Version);
        Fingerprint = "compare:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The participation targets judged in every scenario.</summary>
    public TargetJudge[] Targets { get; }

    /// <summary>Headline cells per scenario: every headline measure in every year.</summary>
    public int HeadlineCells { get; }

    public int Replicates { get; }

    public string Fingerprint { get; }

    /// <summary>Cells summarised for <paramref name="scenarios"/> scenarios of <paramref name="h"/> headline cells: each one's values, then each later one's differences from the first.</summary>
    public static int Cells(int scenarios, int h) => (2 * scenarios - 1) * h;

    public EnsembleAccumulator NewAccumulator() =>
        new(Fingerprint, Enumerable.Repeat(1.0, Cells(_models.Length, HeadlineCells)).ToArray(), _models.Length * Targets.Length, Replicates, 0, 0);

    public IReplicateWorker NewWorker() => _deterministic
        ? new ComparisonWorker<ExpectedDraws>(_models, _layouts, Targets)
        : new ComparisonWorker<StochasticDraws>(_models, _layouts, Targets);
}
