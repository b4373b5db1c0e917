using System.Collections.Immutable;
using TreatmentFlowModel.Calibration.Abc;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Calibration;

/// <summary>
/// The simulator adapter of the calibration: a parameter set θ (in the spec's order) becomes the baseline scenario with
/// those parameters fixed, over the fit horizon (the burn-in, then the scenario's Start to the end of the last financial
/// year an observation reads, usually April 1994 to March 2003), run once with Seed = the proposal's noise seed and
/// replicate = its noise replicate, and read into the summaries in order. Parameters not fitted are drawn from their
/// scenario distributions in each run as in any replicate, so the posterior integrates over them. Thread-safe.
/// </summary>
public sealed class CalibrationModel
{
    private const double LogFloor = 1e-3; // a model value below this share of the figure counts as this share, so its log is finite (an empty list's longest wait is 0)

    /// <summary>Prepares the calibration of <paramref name="baseline"/> by <paramref name="spec"/>, fitting the observations dated up to <paramref name="fitUntil"/> (null: every one).</summary>
    /// <exception cref="ScenarioException">The fit-horizon scenario is invalid, or an observation reads outside it.</exception>
    public CalibrationModel(Scenario baseline, CalibrationSpec spec, FinancialYear? fitUntil = null)
    {
        Spec = spec;
        FitUntil = fitUntil;
        Prior = spec.Prior;
        var lastDay = spec.Observations.Max(o => o.LastDay);
        var end = new DateOnly(FinancialYear.Of(lastDay).StartYear + 1, 3, 31);
        var errors = spec.Observations.SelectMany(o => new[] { o.Term }.Concat(o.Times).Concat(o.Per))
            .Where(t => (t.Year is { } y && FinancialYear.Of(baseline.Start) > y) || (t.Date ?? t.From) < baseline.Start)
            .Select(t => new ScenarioError("calibration", t.ToString(), null, $"reads before the scenario's Start ({baseline.Start:yyyy-MM-dd}); the burn-in is not recorded"))
            .ToList();
        if (errors.Count > 0) throw new ScenarioException(errors);
        Horizon = FitHorizon(baseline, end).EnsureValid();

        var summaries = new List<CalibrationSummary>();
        foreach (var o in spec.Observations)
        {
            bool fitted = o.IsFitted(fitUntil);
            double Observed(double v) => o.Scale == ObservationScale.Log ? Math.Log(v * o.Bias) : v * o.Bias;
            if (!o.IsBlock)
            {
                summaries.Add(new CalibrationSummary(new Observation(o.Name, Observed(o.Values[0]), o.Sd), o, SummaryKind.Value, null, fitted));
                continue;
            }
            double mean = o.Values.Average(Observed);
            summaries.Add(new CalibrationSummary(new Observation($"{o.Name} mean", mean, o.Sd), o, SummaryKind.BlockMean, null, fitted));
            foreach (var m in Modalities.All)
                summaries.Add(new CalibrationSummary(new Observation($"{o.Name} {Modalities.OutputName(m)}", Observed(o.Values[(int)m]) - mean, o.Sd * Math.Sqrt(2)),
                    o, SummaryKind.BlockDeviation, m, fitted));
        }
        // Fitted summaries first, so the fit simulator returns a prefix of what the predictive simulator returns.
        Summaries = [.. summaries.Where(s => s.Fitted), .. summaries.Where(s => !s.Fitted)];
        FittedCount = summaries.Count(s => s.Fitted);
        if (FittedCount == 0) throw new ScenarioException([new ScenarioError("calibration", "Observations", null, $"no observation is fitted with data up to {fitUntil}")]);
    }

    /// <summary>The calibration spec.</summary>
    public CalibrationSpec Spec { get; }

    /// <summary>The last financial year whose observations are fitted, or null for all.</summary>
    public FinancialYear? FitUntil { get; }

    /// <summary>The prior of the fitted parameters.</summary>
    public Prior Prior { get; }

    /// <summary>The baseline cut to the fit horizon (validated; parameters not yet fixed).</summary>
    public Scenario Horizon { get; }

    /// <summary>Every summary: the fitted ones first (<see cref="FittedCount"/>), then the held-out ones and the checks.</summary>
    public ImmutableArray<CalibrationSummary> Summaries { get; }

    /// <summary>Number of fitted summaries.</summary>
    public int FittedCount { get; }

    /// <summary>The ABC observations the sampler fits.</summary>
    public ImmutableArray<Observation> FittedObservations => [.. Summaries.Take(FittedCount).Select(s => s.Abc)];

    /// <summary>Every ABC observation (fitted, then held out and checks), for the posterior predictive report.</summary>
    public ImmutableArray<Observation> AllObservations => [.. Summaries.Select(s => s.Abc)];

    /// <summary>The simulator the sampler runs: the fitted summaries of one replicate at θ.</summary>
    public AbcSimulator FitSimulator => (theta, context) => Summarise(Simulate(theta, context.NoiseSeed, context.NoiseReplicate), FittedCount);

    /// <summary>Every summary of one replicate at θ (fitted, held out and checks), for posterior predictive checks.</summary>
    public AbcSimulator AllSimulator => (theta, context) => Summarise(Simulate(theta, context.NoiseSeed, context.NoiseReplicate), Summaries.Length);

    /// <summary>The fit-horizon scenario with the fitted parameters fixed at <paramref name="theta"/> and seed <paramref name="seed"/>.</summary>
    public Scenario ScenarioFor(IReadOnlyList<double> theta, ulong seed)
    {
        if (theta.Count != Spec.Parameters.Length) throw new ArgumentException($"{theta.Count} values for {Spec.Parameters.Length} parameters", nameof(theta));
        var scenario = Horizon with { Seed = seed };
        for (int i = 0; i < theta.Count; i++)
            scenario = With(scenario, Spec.Parameters[i], theta[i]);
        return scenario;
    }

    /// <summary>One replicate of the fit horizon at θ, with streams (<paramref name="seed"/>, <paramref name="replicate"/>).</summary>
    public ReplicateRecord Simulate(IReadOnlyList<double> theta, ulong seed, int replicate) => SingleReplicate.Run(ScenarioFor(theta, seed), replicate);

    /// <summary>The first <paramref name="count"/> summaries of a replicate's record, in <see cref="Summaries"/> order.</summary>
    public double[] Summarise(ReplicateRecord record, int count)
    {
        var values = new double[count];
        var byObservation = new Dictionary<CalibrationObservation, double[]>();
        for (int i = 0; i < count; i++)
        {
            var s = Summaries[i];
            var o = s.Source;
            if (!byObservation.TryGetValue(o, out var model))
            {
                model = o.IsBlock
                    ? [.. Modalities.All.Select(m => Transform(o, o.ModelValue(record, m), o.Values[(int)m]))]
                    : [Transform(o, o.ModelValue(record), o.Values[0])];
                byObservation[o] = model;
            }
            values[i] = s.Kind switch
            {
                SummaryKind.Value => model[0],
                SummaryKind.BlockMean => model.Average(),
                _ => model[(int)s.Modality!.Value] - model.Average(),
            };
        }
        return values;
    }

    /// <summary>A fitted parameter set into a scenario: the parameter fixed at the value.</summary>
    internal static Scenario With(Scenario scenario, FittedParameter p, double value) => p.Scalar is { } id
        ? scenario.WithParameter(id, Distribution.Fixed(value))
        : scenario.WithParameter(p.Modality!.Value, p.PerModality!.Value, Distribution.Fixed(value));

    /// <summary>
    /// The model value in the distance's units. A value the model leaves empty (NaN: a mean wait of a year in which no DAT
    /// admitted anyone to the modality, possible in a small scenario) counts as 0, the wait nobody had, never as a failure.
    /// </summary>
    private static double Transform(CalibrationObservation o, double model, double figure)
    {
        if (double.IsNaN(model)) model = 0;
        return o.Scale == ObservationScale.Log ? Math.Log(Math.Max(model, LogFloor * figure)) : model;
    }

    /// <summary>
    /// The baseline over the fit horizon: ending on <paramref name="end"/>, one replicate, no weekly areas, and without the
    /// policies that start after the end (the drug-testing tranches, presumption against bail, later parameter changes),
    /// which cannot act inside it, and without a posterior (an earlier calibration's).
    /// </summary>
    private static Scenario FitHorizon(Scenario baseline, DateOnly end) => baseline with
    {
        End = end,
        Replicates = 1,
        WeeklyAreas = [],
        Rollout = baseline.Rollout with
        {
            Tranches = [.. baseline.Rollout.Tranches.Where(t => t.Start <= end)],
            Explicit = [.. baseline.Rollout.Explicit.Where(b => b.Start <= end)],
        },
        Policy = baseline.Policy with { PresumptionAgainstBail = baseline.Policy.PresumptionAgainstBail is { } pab && pab.Start <= end ? pab : null },
        ParameterChanges = [.. baseline.ParameterChanges.Where(c => c.From <= end)],
        Posterior = null, // the calibration sets the fitted parameters itself
    };
}
