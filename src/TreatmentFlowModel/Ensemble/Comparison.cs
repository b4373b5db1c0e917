using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// Several scenarios run side by side, replicate by replicate with the same seed: replicate r of every scenario
/// draws the same random numbers flow by flow (common random numbers), so the paired difference from the first
/// scenario has far less noise than the difference of two independent runs.
/// </summary>
public static class Comparison
{
    /// <summary>The England measures compared, by financial year.</summary>
    public static IReadOnlyList<Metric> Headline { get; } =
        [Metric.Participation, Metric.TreatmentStarts, Metric.TreatmentStartsCjs, Metric.Waiting, Metric.Deaths, Metric.Crimes, Metric.CostGbp, Metric.ExtraPlacesNeeded];

    /// <summary>Runs <paramref name="scenarios"/> (the first is the reference) with common random numbers.</summary>
    /// <exception cref="ArgumentException">Fewer than two scenarios, or they differ in time span, seed or replicates.</exception>
    /// <exception cref="ScenarioException">A scenario is invalid.</exception>
    public static ComparisonResult Run(IReadOnlyList<Scenario> scenarios, RunOptions? options = null)
    {
        options ??= new RunOptions();
        if (scenarios.Count < 2) throw new ArgumentException("compare needs at least two scenarios", nameof(scenarios));
        var first = scenarios[0];
        foreach (var s in scenarios.Skip(1))
        {
            var differences = new List<string>();
            if (s.Start != first.Start || s.End != first.End) differences.Add($"time span ({s.Start:yyyy-MM-dd} to {s.End:yyyy-MM-dd} vs {first.Start:yyyy-MM-dd} to {first.End:yyyy-MM-dd})");
            if (s.Seed != first.Seed) differences.Add($"seed ({s.Seed} vs {first.Seed})");
            if (s.Replicates != first.Replicates) differences.Add($"replicates ({s.Replicates} vs {first.Replicates})");
            if (differences.Count > 0)
                throw new ArgumentException($"'{s.Name}' differs from '{first.Name}' in {string.Join(", ", differences)}; compared scenarios must share them (use --seed and --replicates to set them for all)", nameof(scenarios));
        }
        foreach (var s in scenarios) s.EnsureValid();

        var models = scenarios.Select(FrozenModel.From).ToArray();
        var calendar = models[0].Calendar;
        int k = scenarios.Count, years = calendar.Years, h = Headline.Count * years;
        var layouts = models.Select(st => new CellLayout(1, calendar.Weeks, 1 + st.AreaCount, years)).ToArray();
        var targets = TargetDefinition.For(models[0]).OfType<ParticipationTarget>().ToArray<TargetDefinition>();
        var units = Enumerable.Repeat(1.0, (2 * k - 1) * h).ToArray();
        var summaries = new StreamingSummaries(units);
        var met = new long[k * targets.Length];
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = options.CancellationToken };
        var pool = new System.Collections.Concurrent.ConcurrentBag<Worker>();   // reused when Parallel.For replaces its tasks
        Parallel.For(0, first.Replicates, parallel,
            () => pool.TryTake(out var idle) ? idle : new Worker(models, layouts, calendar, h),
            (r, _, worker) =>
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                worker.Run(r);
                lock (summaries)
                {
                    for (int i = 0; i < k; i++)
                    {
                        for (int j = 0; j < h; j++)
                        {
                            summaries.Add(i * h + j, worker.Headline[i][j]);
                            if (i > 0) summaries.Add((k + i - 1) * h + j, worker.Headline[i][j] - worker.Headline[0][j] is var d && !double.IsNaN(d) ? d : double.NaN);
                        }
                        for (int t = 0; t < targets.Length; t++)
                            if (targets[t].IsMet(worker.Records[i], layouts[i], 0)) met[i * targets.Length + t]++;
                    }
                    options.Progress?.Report(++done);
                }
                return worker;
            },
            pool.Add);
        return new ComparisonResult([.. scenarios], calendar, summaries, met, targets, h);
    }

    private sealed class Worker
    {
        private readonly ReplicateSimulator<StochasticDraws>[] _simulators;
        private readonly ReplicateRecorder[] _recorders;
        private readonly CellLayout[] _layouts;
        private readonly int _years;

        public Worker(FrozenModel[] models, CellLayout[] layouts, WeekCalendar calendar, int h)
        {
            _simulators = models.Select(s => new ReplicateSimulator<StochasticDraws>(s)).ToArray();
            _recorders = models.Select((s, i) => new ReplicateRecorder(layouts[i], s, [], _simulators[i].Lists.Bins)).ToArray();
            _layouts = layouts;
            _years = calendar.Years;
            Headline = models.Select(_ => new double[h]).ToArray();
        }

        public double[][] Headline { get; }

        public double[][] Records => _recorders.Select(r => r.Record).ToArray();

        public void Run(int replicate)
        {
            for (int i = 0; i < _simulators.Length; i++)
            {
                var sim = _simulators[i];
                var rec = _recorders[i];
                rec.Begin();
                sim.Run(replicate, w => rec.Capture(sim.View(w)));
                for (int m = 0; m < Comparison.Headline.Count; m++)
                    for (int y = 0; y < _years; y++)
                        Headline[i][m * _years + y] = rec.Record[_layouts[i].Annual(0, y, MetricCatalog.Total(Comparison.Headline[m]))];
            }
        }
    }
}

/// <summary>One scenario's value of a headline measure in a year, and its paired difference from the reference scenario.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Metric">The measure.</param>
/// <param name="Year">Financial year, e.g. <c>2004/05</c>.</param>
/// <param name="Value">Distribution over replicates.</param>
/// <param name="Difference">Distribution of the replicate-wise difference from the first scenario (null for the first).</param>
public sealed record ComparisonRow(string Scenario, Metric Metric, string Year, Summary Value, Summary? Difference);

/// <summary>The outcome of <see cref="Comparison.Run"/>.</summary>
public sealed class ComparisonResult
{
    private readonly StreamingSummaries _summaries;
    private readonly long[] _met;
    private readonly TargetDefinition[] _targets;
    private readonly int _h;

    internal ComparisonResult(ImmutableArray<Scenario> scenarios, WeekCalendar calendar, StreamingSummaries summaries, long[] met, TargetDefinition[] targets, int h)
    {
        Scenarios = scenarios;
        Calendar = calendar;
        _summaries = summaries;
        _met = met;
        _targets = targets;
        _h = h;
    }

    /// <summary>The scenarios, the reference first.</summary>
    public ImmutableArray<Scenario> Scenarios { get; }

    /// <summary>Weeks and financial years of the runs.</summary>
    public WeekCalendar Calendar { get; }

    /// <summary>Replicates per scenario.</summary>
    public int Replicates => Scenarios[0].Replicates;

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
        return Enumerable.Range(0, Calendar.Years).Select(y => _summaries.Summarize(offset + m * Calendar.Years + y)).ToArray();
    }

    /// <summary>Probability that England meets each participation target, per scenario: (target, year, p_met per scenario).</summary>
    public IReadOnlyList<(string Target, string Year, double[] PMet)> Targets =>
        _targets.Select((t, i) => (t.Name, WeekCalendar.YearLabel(Calendar.FirstYear + t.Year),
            Enumerable.Range(0, Scenarios.Length).Select(s => (double)_met[s * _targets.Length + i] / Replicates).ToArray())).ToArray();

    /// <summary>Every (scenario, measure, year) row.</summary>
    public IEnumerable<ComparisonRow> Rows()
    {
        for (int s = 0; s < Scenarios.Length; s++)
            foreach (var metric in Comparison.Headline)
            {
                var values = Value(s, metric);
                var diffs = s > 0 ? Difference(s, metric) : null;
                for (int y = 0; y < Calendar.Years; y++)
                    yield return new ComparisonRow(Scenarios[s].Name, metric, WeekCalendar.YearLabel(Calendar.FirstYear + y), values[y], diffs?[y]);
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
                text.Append($"{WeekCalendar.YearLabel(Calendar.FirstYear + y),-8}");
                text.Append(string.Create(inv, $"{values[0][y].P50:N0} [{values[0][y].P05:N0}-{values[0][y].P95:N0}]").PadLeft(34));
                for (int s = 1; s < Scenarios.Length; s++)
                    text.Append(string.Create(inv, $"{diffs[s - 1][y].Mean:+#,0;-#,0;0} [{diffs[s - 1][y].P05:+#,0;-#,0;0}, {diffs[s - 1][y].P95:+#,0;-#,0;0}]").PadLeft(34));
                text.AppendLine();
            }
        }
        foreach (var (target, year, p) in Targets)
            text.AppendLine($"{target} {year}: " + string.Join(", ", Scenarios.Select((s, i) => string.Create(inv, $"{s.Name} {p[i]:0%}"))));
        return text.ToString();
    }
}
