using System.Security.Cryptography;
using System.Text;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
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
        _layouts = [.. _models.Select(m => new CellLayout(1, calendar.Weeks, m.AnnualSlots, calendar.Years))];
        Targets = [.. TargetJudge.For(_models[0]).Where(j => j.Target is GrowthTarget)];
        // The total (labelled by what the scenarios cover: England only if each covers all 149 DATs), then the DATs every
        // scenario simulates, in the first one's order; each model's annual slot for each.
        var shared = _models[0].AreaNames.Where(name => _models.All(m => m.AreaNames.Contains(name, StringComparer.OrdinalIgnoreCase))).ToList();
        string label = _models.Select(m => m.Groups.TotalLabel).Distinct(StringComparer.OrdinalIgnoreCase).Count() == 1 ? _models[0].Groups.TotalLabel : "Total of the simulated DATs";
        bool oneArea = shared.Count == 1 && _models.All(m => m.AreaCount == 1);
        if (oneArea) shared.Clear(); // a run of one DAT is its total: no second row with the same figures
        Areas = [AreaId.Total(label), .. shared.Select(n => new AreaId(n))];
        Slots = [.. _models.Select(m => (int[])[0, .. shared.Select(n => 1 + m.AreaNames.IndexOf(n, 0, m.AreaNames.Length, StringComparer.OrdinalIgnoreCase))])];
        HeadlineCells = Comparison.Headline.Count * calendar.Years * Areas.Length;
        Replicates = deterministic ? 1 : scenarios[0].Replicates;
        var text = new StringBuilder(deterministic ? "deterministic" : "stochastic");
        foreach (var s in scenarios) text.Append('|').Append(ScenarioWriter.ToJson(s, deterministic: false, includeRun: false));
        text.Append("|per-area|").Append(string.Join(',', Comparison.Headline)).Append('|').Append(LibraryInfo.Version);
        Fingerprint = "compare:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The participation targets judged in every scenario.</summary>
    public TargetJudge[] Targets { get; }

    /// <summary>The total (labelled by what the scenarios cover), then the DATs every scenario simulates.</summary>
    public AreaId[] Areas { get; }

    /// <summary>Per scenario, the annual slot of each of <see cref="Areas"/> in its record.</summary>
    public int[][] Slots { get; }

    /// <summary>Headline cells per scenario: every headline measure in every area and year, at [(area × measures + measure) × years + year].</summary>
    public int HeadlineCells { get; }

    public int Replicates { get; }

    public string Fingerprint { get; }

    /// <summary>Cells summarised for <paramref name="scenarios"/> scenarios of <paramref name="h"/> headline cells: each one's values, then each later one's differences from the first.</summary>
    public static int Cells(int scenarios, int h) => (2 * scenarios - 1) * h;

    public EnsembleAccumulator NewAccumulator() =>
        new(Fingerprint, Enumerable.Repeat(1.0, Cells(_models.Length, HeadlineCells)).ToArray(), _models.Length * Targets.Length, Replicates, 0, 0);

    public IReplicateWorker NewWorker() => _deterministic
        ? new ComparisonWorker<ExpectedDraws>(_models, _layouts, Targets, Slots)
        : new ComparisonWorker<StochasticDraws>(_models, _layouts, Targets, Slots);
}
