using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Calibration;

/// <summary>One target after fitting.</summary>
/// <param name="Target">The target.</param>
/// <param name="Before">The deterministic model's value with the starting parameters.</param>
/// <param name="Fitted">The deterministic model's value with the fitted parameters.</param>
/// <param name="StochasticMean">Mean over the stochastic check's replicates (NaN if not run).</param>
/// <param name="StochasticP05">5th percentile over the stochastic check's replicates.</param>
/// <param name="StochasticP95">95th percentile over the stochastic check's replicates.</param>
public sealed record TargetFit(CalibrationTarget Target, double Before, double Fitted, double StochasticMean, double StochasticP05, double StochasticP95)
{
    /// <summary>Relative error of the fitted deterministic value.</summary>
    public double RelativeError => Fitted / Target.Value - 1;
}

/// <summary>The outcome of <see cref="Calibrator.Fit"/>.</summary>
/// <param name="Scenario">The baseline with the fitted parameters (only their means moved).</param>
/// <param name="Parameters">Each free parameter's starting and fitted mean.</param>
/// <param name="Targets">Each target before and after fitting.</param>
/// <param name="Evaluations">Deterministic runs the optimiser made.</param>
/// <param name="Objective">Sum of squared relative errors at the optimum.</param>
public sealed record CalibrationResult(Scenario Scenario, ImmutableArray<(FreeParameter Free, double Start, double Fitted)> Parameters,
    ImmutableArray<TargetFit> Targets, int Evaluations, double Objective);

/// <summary>
/// Fits free parameters to targets: Nelder-Mead (MathNet.Numerics) on the deterministic mode, minimising the
/// sum of squared relative errors, with each parameter mapped to its [Min, Max] box by a logistic transform;
/// then an optional stochastic check of the fitted scenario.
/// </summary>
public static class Calibrator
{
    /// <summary>Fits <paramref name="spec"/>'s free parameters of <paramref name="baseline"/> to its targets.</summary>
    /// <param name="baseline">The scenario to calibrate.</param>
    /// <param name="spec">Free parameters and targets.</param>
    /// <param name="checkReplicates">Replicates of the stochastic check (0 to skip it).</param>
    /// <param name="progress">Receives each evaluation's objective value.</param>
    /// <param name="cancellationToken">Stops the fit between evaluations and the check between replicates.</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static CalibrationResult Fit(Scenario baseline, CalibrationSpec spec, int checkReplicates = 0, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var horizon = baseline;
        horizon.EnsureValid();
        var free = spec.Free;
        double[] start = free.Select(f => Math.Clamp(baseline.Parameters[(int)f.Parameter].Mean, f.Min, f.Max)).ToArray();

        Scenario With(Scenario s, IReadOnlyList<double> means)
        {
            for (int i = 0; i < free.Length; i++)
                s = s.WithParameter(free[i].Parameter, s.Parameters[(int)free[i].Parameter].WithMean(means[i]));
            return s;
        }
        double[] Means(Vector<double> z) => z.Select((x, i) => free[i].Min + (free[i].Max - free[i].Min) / (1 + Math.Exp(-x))).ToArray();
        double ToZ(double mean, FreeParameter f)
        {
            double u = Math.Clamp((mean - f.Min) / (f.Max - f.Min), 1e-6, 1 - 1e-6);
            return Math.Log(u / (1 - u));
        }

        int evaluations = 0;
        double Objective(Vector<double> z)
        {
            cancellationToken.ThrowIfCancellationRequested();
            evaluations++;
            var values = Evaluate(With(horizon, Means(z)), spec.Targets);
            double sum = 0;
            for (int i = 0; i < values.Length; i++) sum += Math.Pow(values[i] / spec.Targets[i].Value - 1, 2);
            progress?.Report(sum);
            return sum;
        }

        var before = Evaluate(horizon, spec.Targets);
        var initial = Vector<double>.Build.Dense(free.Select((f, i) => ToZ(start[i], f)).ToArray());
        var step = Vector<double>.Build.Dense(free.Length, 0.5);
        var minimum = new NelderMeadSimplex(1e-10, 400).FindMinimum(ObjectiveFunction.Value(Objective), initial, step);
        double[] fitted = Means(minimum.MinimizingPoint);
        var fittedScenario = With(baseline, fitted);
        var after = Evaluate(With(horizon, fitted), spec.Targets);

        var check = new (double Mean, double P05, double P95)[spec.Targets.Length];
        Array.Fill(check, (double.NaN, double.NaN, double.NaN));
        if (checkReplicates > 0)
        {
            var run = Simulation.Run(With(horizon, fitted) with { Replicates = checkReplicates }, new RunOptions { Trajectories = checkReplicates, CancellationToken = cancellationToken });
            for (int i = 0; i < spec.Targets.Length; i++)
            {
                var t = spec.Targets[i];
                var perReplicate = Enumerable.Range(0, checkReplicates).Select(r => ValueOf(run, t, r)).Order().ToArray();
                check[i] = (perReplicate.Average(), Summary.Quantile(perReplicate, 0.05), Summary.Quantile(perReplicate, 0.95));
            }
        }
        return new CalibrationResult(fittedScenario, [.. free.Select((f, i) => (f, start[i], fitted[i]))],
            [.. spec.Targets.Select((t, i) => new TargetFit(t, before[i], after[i], check[i].Mean, check[i].P05, check[i].P95))],
            evaluations, minimum.FunctionInfoAtMinimum.Value);
    }

    /// <summary>The targets' values in the deterministic run of <paramref name="scenario"/>.</summary>
    public static double[] Evaluate(Scenario scenario, IReadOnlyList<CalibrationTarget> targets)
    {
        var run = Simulation.Run(scenario, new RunOptions { Deterministic = true, Threads = 1 });
        return targets.Select(t => Value(run, t)).ToArray();
    }

    private static double Annual(EnsembleResult run, Metric metric, FinancialYear year) =>
        run.Annual(AreaId.England, metric)[run.Calendar.YearIndex(year)].Mean;

    private static double Value(EnsembleResult run, CalibrationTarget t) =>
        t.Per.IsEmpty ? Annual(run, t.Metric, t.Year) : Annual(run, t.Metric, t.Year) / t.Per.Sum(m => Annual(run, m, t.Year));

    /// <summary>A target in one kept replicate, from its weekly trajectory (flows summed over the year, levels at its last week).</summary>
    private static double ValueOf(EnsembleResult run, CalibrationTarget t, int replicate)
    {
        var cal = run.Calendar;
        int y = cal.YearIndex(t.Year);
        int last = Enumerable.Range(0, cal.Weeks).Last(w => cal.YearIndexOfWeek(w) == y);
        double Of(Metric m)
        {
            var weekly = run.Trajectory(replicate, AreaId.England, m);
            return MetricCatalog.Kind(m) == MetricKind.Flow
                ? Enumerable.Range(0, cal.Weeks).Where(w => cal.YearIndexOfWeek(w) == y).Sum(w => weekly[w])
                : weekly[last];
        }
        return t.Per.IsEmpty ? Of(t.Metric) : Of(t.Metric) / t.Per.Sum(Of);
    }
}
