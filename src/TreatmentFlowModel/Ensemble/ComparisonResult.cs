using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Ensemble;

/// <summary>The outcome of <see cref="Comparison.Run"/>.</summary>
public sealed class ComparisonResult
{
    private readonly EnsembleAccumulator _all;
    private readonly TargetJudge[] _targets;
    private readonly int _h;

    internal ComparisonResult(ImmutableArray<Scenario> scenarios, WeekCalendar calendar, EnsembleAccumulator all, TargetJudge[] targets, int h, bool deterministic)
    {
        Scenarios = scenarios;
        Calendar = calendar;
        _all = all;
        _targets = targets;
        _h = h;
        Deterministic = deterministic;
    }

    /// <summary>The scenarios, the reference first.</summary>
    public ImmutableArray<Scenario> Scenarios { get; }

    /// <summary>Weeks and financial years of the runs.</summary>
    public WeekCalendar Calendar { get; }

    /// <summary>True for the deterministic (expected-value) mode.</summary>
    public bool Deterministic { get; }

    /// <summary>Replicates per scenario (1 in the deterministic mode).</summary>
    public int Replicates => _all.Completed;

    /// <summary>Distribution over replicates of <paramref name="metric"/> in England in each year, for scenario <paramref name="scenario"/>.</summary>
    public Summary[] Value(int scenario, Metric metric) => Cells(scenario * _h, metric);

    /// <summary>Distribution of the paired difference (scenario <paramref name="scenario"/> minus the first) of <paramref name="metric"/> in each year.</summary>
    public Summary[] Difference(int scenario, Metric metric)
    {
        if (scenario < 1 || scenario >= Scenarios.Length) throw new ArgumentOutOfRangeException(nameof(scenario), scenario, $"1 to {Scenarios.Length - 1}");
        return Cells((Scenarios.Length + scenario - 1) * _h, metric);
    }

    private Summary[] Cells(int offset, Metric metric)
    {
        int m = ((List<Metric>)[.. Comparison.Headline]).IndexOf(metric);
        if (m < 0) throw new ArgumentException($"{MetricCatalog.OutputName(metric)} is not one of the compared measures", nameof(metric));
        return Enumerable.Range(0, Calendar.Years).Select(y => _all.Summaries.Summarize(offset + m * Calendar.Years + y)).ToArray();
    }

    /// <summary>Probability that England meets each participation target, per scenario.</summary>
    public IReadOnlyList<ComparisonTarget> Targets =>
        [.. _targets.Select((t, i) => new ComparisonTarget(t.Target,
            [.. Enumerable.Range(0, Scenarios.Length).Select(s => (double)_all.Met(s * _targets.Length + i) / Replicates)]))];

    /// <summary>Every (scenario, measure, year) row.</summary>
    public IEnumerable<ComparisonRow> Rows()
    {
        for (int s = 0; s < Scenarios.Length; s++)
            foreach (var metric in Comparison.Headline)
            {
                var values = Value(s, metric);
                var diffs = s > 0 ? Difference(s, metric) : null;
                for (int y = 0; y < Calendar.Years; y++)
                    yield return new ComparisonRow(Scenarios[s].Name, metric, Calendar.Year(y), values[y], diffs?[y]);
            }
    }

    /// <summary>A readable side-by-side table of England participation and criminal-justice starts, and the targets.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"{Replicates} replicates per scenario, seed {Scenarios[0].Seed}; differences are paired with '{Scenarios[0].Name}' (common random numbers).");
        foreach (var metric in new[] { Metric.Participation, Metric.TreatmentStartsCjs })
        {
            text.AppendLine(inv, $"{MetricCatalog.OutputName(metric)}, England: median [5-95%]; difference mean [5-95%]");
            text.Append($"{"year",-8}");
            foreach (var s in Scenarios) text.Append(s.Name.PadLeft(34));
            text.AppendLine();
            var values = Enumerable.Range(0, Scenarios.Length).Select(s => Value(s, metric)).ToArray();
            var diffs = Enumerable.Range(1, Scenarios.Length - 1).Select(s => Difference(s, metric)).ToArray();
            for (int y = 0; y < Calendar.Years; y++)
            {
                text.Append($"{Calendar.Year(y),-8}");
                text.Append(string.Create(inv, $"{values[0][y].P50:N0} [{values[0][y].P05:N0}-{values[0][y].P95:N0}]").PadLeft(34));
                for (int s = 1; s < Scenarios.Length; s++)
                    text.Append(string.Create(inv, $"{diffs[s - 1][y].Mean:+#,0;-#,0;0} [{diffs[s - 1][y].P05:+#,0;-#,0;0}, {diffs[s - 1][y].P95:+#,0;-#,0;0}]").PadLeft(34));
                text.AppendLine();
            }
        }
        foreach (var t in Targets)
            text.AppendLine($"{t.Target} {t.Year}: " + string.Join(", ", Scenarios.Select((s, i) => string.Create(inv, $"{s.Name} {t.PMet[i]:0%}"))));
        return text.ToString();
    }
}
