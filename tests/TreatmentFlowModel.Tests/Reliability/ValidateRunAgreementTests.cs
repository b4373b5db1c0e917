using System.Globalization;
using System.Text.RegularExpressions;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;
using TreatmentFlowModel.Tests.Harness;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>
/// Issue 18, class 3: validate and run agree. For every parameter, values are drawn across its whole accepted
/// range, its extremes and just past them (fixed seed), as a fixed value and as a distribution spanning the range,
/// over the shortest and the longest time span allowed. Each value either runs sanely (no exception, no hang, every
/// summary finite, every level non-negative, in both modes) or is refused by validation with a message whose bound
/// is true: the bound it states is itself accepted, and is where acceptance ends.
/// </summary>
public sealed partial class ValidateRunAgreementTests
{
    private static readonly Lazy<Scenario> Short = new(() => TestScenarios.Small(2) with { Areas = ["Lambeth"] });
    private static readonly Lazy<Scenario> Long = new(() => Short.Value with { Start = new DateOnly(1990, 1, 1), End = new DateOnly(2049, 12, 31) });

    /// <summary>Every parameter: scalars by name, per-modality ones as Modality.Name (checked on one modality).</summary>
    public static TheoryData<string> Parameters()
    {
        var data = new TheoryData<string>();
        foreach (var p in ParameterCatalog.Scalars) data.Add(p.Name);
        foreach (var p in ParameterCatalog.PerModality) data.Add($"{Modality.GpPrescribing}.{p.Name}");
        return data;
    }

    private static (ParameterInfo Info, Func<Scenario, Distribution, Scenario> With, string Path) Resolve(string name)
    {
        if (name.Split('.') is [var modality, var parameter])
        {
            var m = Enum.Parse<Modality>(modality);
            var id = Enum.Parse<ModalityParameterId>(parameter);
            return (ParameterCatalog.PerModality[(int)id], (s, d) => s.WithParameter(m, id, d), $"Modalities.{m}.{parameter}");
        }
        var scalar = ParameterCatalog.FindScalar(name)!.Value;
        return (ParameterCatalog.Scalars[(int)scalar], (s, d) => s.WithParameter(scalar, d), $"Parameters.{name}");
    }

    /// <summary>The extremes, the values just past them, small and huge magnitudes, and six draws (uniform and log-uniform) in the range.</summary>
    private static IEnumerable<double> Values(ParameterInfo info, int seed)
    {
        var (min, max) = ParameterCatalog.Bounds(info);
        double[] fixedOnes = [min, max, Math.BitIncrement(min), Math.BitDecrement(max), Math.BitDecrement(min), Math.BitIncrement(max),
            0, -0.0, double.Epsilon, 1e-300, 1e-12, 1e-6, 0.5, 1, 2, 100, 1e6, 1e12, 1e300, double.MaxValue, -1, -0.9999999999, -1e-300];
        var random = new System.Random(seed);
        double top = Math.Min(max, 1e15), bottom = Math.Max(min, 1e-15);
        var drawn = Enumerable.Range(0, 3).Select(_ => min + random.NextDouble() * (top - min))
            .Concat(Enumerable.Range(0, 3).Select(_ => bottom > 0 && top > bottom ? Math.Exp(Math.Log(bottom) + random.NextDouble() * Math.Log(top / bottom)) : min));
        return fixedOnes.Concat(drawn).Where(double.IsFinite).Distinct();
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void EveryValue_EitherRunsSanely_OrIsRefusedWithItsTrueBound(string name)
    {
        var (info, with, path) = Resolve(name);
        var (min, max) = ParameterCatalog.Bounds(info);
        var failures = new List<string>();
        // The shortest span runs every value, the extremes in both modes. The longest (60 years) validates every value and
        // runs the bounds themselves, deterministically; the parameters that compound over it (the growth rates, CapacityMultiplier and
        // MainstreamSpend2002, through spend) run every value.
        bool compounds = name is "BudgetGrowthBefore2002PerYear" or "BudgetGrowthAfter2005PerYear" or "MainstreamGrowthPerYear" or "NonPduReferralGrowthPerYear"
            or "CapacityMultiplier" or "MainstreamSpend2002";
        foreach (var (baseline, longSpan) in new[] { (Short.Value, false), (Long.Value, true) })
        {
            var candidates = Values(info, name.GetHashCode(StringComparison.Ordinal) ^ baseline.End.Year).Select(Distribution.Fixed).ToList();
            if (max < 1e15 && min < max) candidates.Add(Distribution.UniformOf(min, max));
            candidates.Add(new Distribution(DistributionKind.Normal, (min + Math.Min(max, 1e6)) / 2, Math.Min(max, 1e6)));
            candidates.Add(new Distribution(DistributionKind.Gamma, 2, Math.Max(min, 1e-3)));
            // A Normal a million times wider than the range: its mean is allowed, but the range holds almost none of it.
            candidates.Add(new Distribution(DistributionKind.Normal, (min + Math.Min(max, 1e6)) / 2, 1e6 * (Math.Min(max, 1e6) - min)));
            foreach (var value in candidates)
            {
                var scenario = with(baseline, value);
                string label = $"{path} = {value} ({baseline.Start.Year}-{baseline.End.Year})";
                var errors = scenario.Validate();
                if (errors.Count > 0)
                {
                    if (TrueBoundProblem(errors, path, x => with(baseline, Distribution.Fixed(x))) is { } problem) failures.Add($"{label}: {problem}");
                    continue;
                }
                // Samplers meet the extremes (a hang, an overflow); a value inside the range is run deterministically.
                bool extreme = value.Kind != DistributionKind.Fixed || value.A <= Math.BitIncrement(min) || value.A >= Math.BitDecrement(max)
                    || Math.Abs(value.A) < 1e-6 || Math.Abs(value.A) > 1e6;
                if (longSpan && !compounds && !(value.Kind == DistributionKind.Fixed && (value.A == min || value.A == max))) continue;
                if (RunProblem(scenario, stochastic: !longSpan && extreme) is { } runProblem) failures.Add($"{label}: accepted by validation, but {runProblem}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Every parameter an area can change over time.</summary>
    public static TheoryData<string> PerAreaParameters() => new(ParameterCatalog.Scalars.Where(p => p.PerArea).Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PerAreaParameters))]
    public void EveryChangeMultiplier_EitherRunsSanely_OrIsRefusedWithItsTrueBound(string name)
    {
        var id = ParameterCatalog.FindScalar(name)!.Value;
        string path = "ParameterChanges.0.Multiplier";
        Scenario With(double multiplier) => Short.Value with { ParameterChanges = [new ParameterChange(id, new DateOnly(2003, 4, 1), multiplier, [])] };
        var failures = new List<string>();
        foreach (double multiplier in new[] { 0, double.Epsilon, 1e-300, 1e-6, 0.5, 1, 2, 99, 1e4, 1e12, 1e300, double.MaxValue })
        {
            var scenario = With(multiplier);
            var errors = scenario.Validate();
            if (errors.Count > 0)
            {
                if (TrueBoundProblem(errors, path, With) is { } problem) failures.Add($"{name} x {multiplier}: {problem}");
                continue;
            }
            if (RunProblem(scenario, stochastic: true) is { } runProblem) failures.Add($"{name} x {multiplier}: accepted by validation, but {runProblem}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void GrowthOverTheLongestSpan_IsRefusedWithTheBoundForThatSpan_AndTheBoundRuns()
    {
        var s = Long.Value.WithParameter(ParameterId.BudgetGrowthAfter2005PerYear, 52);
        var error = Assert.Single(s.Validate());
        Assert.Equal("Parameters.BudgetGrowthAfter2005PerYear", error.Path);
        Assert.Matches(@"^must be a growth rate > -1 and at most 0\.[0-9]+ \(1/year\); compounded to 2049/50, higher growth would have the simulated areas' pooled budgets fund more than £1,000,000,000,000 of treatment a year \(with CapacityMultiplier as high as 1 and MainstreamSpend2002 as high as [0-9]+\)$", error.Message);
        // Over three years (the short span) the same growth is harmless.
        Assert.Empty(Short.Value.WithParameter(ParameterId.BudgetGrowthAfter2005PerYear, 52).Validate());
    }

    [Fact]
    public void AnUnboundedGrowthDistribution_OverTheLongestSpan_IsAccepted_AndItsDrawsAreTruncatedToTheNarrowedBound()
    {
        // Over 60 years growth after 2005/06 is narrowed far below the catalogue's range. A LogNormal with its mean inside
        // the narrowed range is accepted, and the frozen model truncates its draws to that range, not to the catalogue's.
        var growth = new Distribution(DistributionKind.LogNormal, Math.Log(0.05), 1.5);
        var s = Long.Value.WithParameter(ParameterId.BudgetGrowthAfter2005PerYear, growth);
        Assert.Empty(s.Validate());
        var narrowed = SpendLimits.Of(s)!.Narrowed(ParameterId.BudgetGrowthAfter2005PerYear)!.Value;
        Assert.True(narrowed.Max < 1, $"the 60-year span should narrow growth below 1 a year, not to {narrowed.Max}");
        var draw = FrozenModel.From(s).Scalars[(int)ParameterId.BudgetGrowthAfter2005PerYear];
        Assert.Equal((narrowed.Min, narrowed.Max), (draw.Min, draw.Max));
        var random = new System.Random(7);
        var draws = Enumerable.Range(0, 2000).Select(_ => draw.Draw(random, expected: false)).ToList();
        Assert.All(draws, x => Assert.InRange(x, narrowed.Min, narrowed.Max));
        // Some of this LogNormal lies above the bound (about 12%, here hundreds of draws): truncation changes those draws.
        Assert.InRange(draws.Count(x => x == narrowed.Max), 100, 500);
        // A short span does not narrow it: the same distribution's draws reach above that bound.
        var shortDraw = FrozenModel.From(Short.Value.WithParameter(ParameterId.BudgetGrowthAfter2005PerYear, growth)).Scalars[(int)ParameterId.BudgetGrowthAfter2005PerYear];
        Assert.Contains(Enumerable.Range(0, 2000).Select(_ => shortDraw.Draw(random, expected: false)), x => x > narrowed.Max);
        // And the stochastic run over the 60 years is sane.
        Assert.Null(RunProblem(s with { Replicates = 2 }, stochastic: true));
        // A mean beyond the narrowed bound is still refused, with that bound.
        var tooHigh = Long.Value.WithParameter(ParameterId.BudgetGrowthAfter2005PerYear, new Distribution(DistributionKind.LogNormal, Math.Log(narrowed.Max), 1));
        Assert.StartsWith("the mean must be a growth rate > -1 and at most ", Assert.Single(tooHigh.Validate()).Message);
    }

    [Fact]
    public void TheValidatorsBudgetFormula_IsTheEngines()
    {
        // SpendLimits bounds the growth rates with AreaRecord.BudgetK; the run's places come from the frozen model's BudgetTable.
        var scenario = Long.Value;
        var model = FrozenModel.From(scenario);
        var area = scenario.AreaData.Areas[scenario.AreaData.IndexOf(model.AreaNames[0])];
        foreach (int year in new[] { 1990, 2001, 2002, 2003, 2004, 2005, 2006, 2049 })
            foreach (var (before, after) in new[] { (0.075, 0.05), (-0.5, 3.0), (0.0, 0.0) })
                Assert.Equal(model.Budgets.PoundsK(0, new FinancialYear(year), before, after), area.BudgetK(new FinancialYear(year), before, after));
        // The published years are the table's columns, and growth applies only outside them.
        Assert.Equal(area.Budget2003K, area.BudgetK(new FinancialYear(2003), 9, 9));
        Assert.Equal(area.Budget2002K / 2, area.BudgetK(new FinancialYear(2001), 1, 0), 9);
        Assert.Equal(area.Budget2005K * 4, area.BudgetK(new FinancialYear(2007), 0, 1), 9);
    }

    /// <summary>Null when the run is sane: it ends, throws nothing, and every summary is finite and every level non-negative.</summary>
    internal static string? RunProblem(Scenario scenario, bool stochastic)
    {
        foreach (bool deterministic in stochastic ? new[] { true, false } : [true])
        {
            var task = Task.Factory.StartNew(() => Simulation.Run(scenario, new RunOptions { Deterministic = deterministic, Threads = 1 }), TaskCreationOptions.LongRunning);
            try
            {
                if (!task.Wait(TimeSpan.FromSeconds(60))) return $"the {(deterministic ? "deterministic" : "stochastic")} run hangs";
            }
            catch (AggregateException e)
            {
                return $"the {(deterministic ? "deterministic" : "stochastic")} run throws {e.InnerException!.GetType().Name}: {e.InnerException.Message}";
            }
            var result = task.Result;
            foreach (var metric in Enum.GetValues<Metric>())
                foreach (var area in result.Areas)
                    foreach (var s in result.Annual(area, metric))
                    {
                        if (s.Count == 0) continue;
                        if (!double.IsFinite(s.Mean) || !double.IsFinite(s.Sd) || !double.IsFinite(s.P05) || !double.IsFinite(s.P95))
                            return $"{metric} in {area} is not finite: {s}";
                        if (s.P05 < 0 && metric is not Metric.ExtraPlacesNeeded) return $"{metric} in {area} is negative: {s}";
                    }
        }
        return null;
    }

    /// <summary>
    /// Null when the refusal names the parameter and every bound it states is true: the number given is itself accepted
    /// and a value a little beyond it is not (for "&gt; x", x is refused and the next number up accepted). Bounds that depend
    /// on the rest of the scenario are stated rounded inwards, so "a little" is a thousandth.
    /// </summary>
    private static string? TrueBoundProblem(IReadOnlyList<ScenarioError> errors, string path, Func<double, Scenario> with)
    {
        // The three mixes (referral, criminal-justice referral, spend) must also sum to 1 over the modalities: a share
        // moved alone is refused by that rule, which states no bound of its own.
        string sum = Regex.Replace(path, @"^Modalities\.[A-Za-z]+\.", "Modalities.*.");
        var mine = errors.Where(e => e.Path == path || e.Path == sum).ToList();
        if (mine.Count == 0) return $"refused, but not at {path}: {string.Join(" | ", errors)}";
        bool Accepted(double x) => with(x).Validate().All(e => e.Path != path);
        static double Step(double x) => Math.Max(Math.Abs(x) * 1e-3, 1e-300);
        foreach (var error in mine)
            foreach (Match m in Bound().Matches(error.Message))
            {
                double x = double.Parse(m.Groups["x"].Value.Replace(",", ""), CultureInfo.InvariantCulture);
                bool wrong = m.Groups["op"].Value switch
                {
                    "> " => Accepted(x) || !Accepted(Math.BitIncrement(x)),
                    "from " or ">= " or "at least " => !Accepted(x) || Accepted(x - Step(x)),
                    _ => !Accepted(x) || Accepted(x + Step(x)),
                };
                if (wrong) return $"the message says '{m.Value}', which is not where acceptance ends: {error}";
            }
        return null;
    }

    [GeneratedRegex(@"(?<op>> |>= |<= |from |to |at least |at most )(?<x>-?[0-9][0-9,]*(\.[0-9]+)?(E[-+]?[0-9]+)?)(?![0-9/])")]
    private static partial Regex Bound();
}
