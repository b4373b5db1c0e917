using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using TreatmentFlowModel.Calibration.Abc;

namespace TreatmentFlowModel.Calibration;

/// <summary>
/// The fit report of a calibration: each observation beside its posterior predictive median and 90% band, and whether it
/// falls inside (fitted ones, then held-out ones and checks), the posterior of each parameter beside its prior, and the
/// run's cost. Markdown for people, CSV for programs (the report of <c>tfm run</c> reads the CSV).
/// </summary>
public static class FitReport
{
    /// <summary>The CSV header.</summary>
    public const string CsvHeader = "summary,observation,use,scale,observed,sd,median,lower,upper,inside,observed_natural,median_natural,lower_natural,upper_natural,model_output";

    /// <summary>The CSV: one row per summary, in the distance's units and back in the figure's units.</summary>
    public static string Csv(CalibrationModel model, IReadOnlyList<PredictiveSummary> predictive)
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        for (int i = 0; i < model.Summaries.Length; i++)
        {
            var s = model.Summaries[i];
            var p = predictive[i];
            text.AppendJoin(',', [Quote(s.Abc.Name), Quote(s.Source.Name), Use(model, s), s.Source.Scale == ObservationScale.Log ? "log" : "linear",
                N(p.Observed), N(p.Uncertainty), N(p.Median), N(p.Lower), N(p.Upper), p.ObservedInsideBand ? "yes" : "no",
                N(s.ToNatural(p.Observed)), N(s.ToNatural(p.Median)), N(s.ToNatural(p.Lower)), N(s.ToNatural(p.Upper)), Quote(s.Describe())]).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The markdown report.</summary>
    /// <param name="model">The calibration.</param>
    /// <param name="posterior">Its posterior.</param>
    /// <param name="predictive">The posterior predictive summary of every summary, in <see cref="CalibrationModel.Summaries"/> order.</param>
    /// <param name="elapsed">Wall-clock time of the whole run.</param>
    /// <param name="command">The command line that made it, for the record.</param>
    public static string Markdown(CalibrationModel model, AbcPosterior posterior, IReadOnlyList<PredictiveSummary> predictive, TimeSpan elapsed, string command)
    {
        var md = new StringBuilder();
        string split = model.FitUntil is { } y ? $" on data up to {y} (the rest held out and predicted)" : "";
        md.Append(CultureInfo.InvariantCulture, $"# Calibration fit report{split}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Made by `{command}`. ABC-SMC (population Monte Carlo, Beaumont et al. 2009) on the stochastic model, one replicate per proposal, ")
          .Append(CultureInfo.InvariantCulture, $"fit horizon {model.Horizon.Start.AddYears(-model.Horizon.BurnInYears):yyyy-MM} (burn-in) to {model.Horizon.End:yyyy-MM-dd}.\n\n");
        var last = posterior.Generations[^1];
        md.Append(CultureInfo.InvariantCulture, $"- particles N = {posterior.Particles.Length}, generations {posterior.Generations.Length}, simulations {posterior.TotalSimulations:N0}, perturbation kernel {posterior.Settings.Kernel}, wall time {elapsed.TotalMinutes:F1} min\n");
        md.Append(CultureInfo.InvariantCulture, $"- final epsilon {posterior.Epsilon:G4} (the stated errors correspond to {AbcSmcOptions.EpsilonMatchingStatedUncertainty(model.FittedCount):G4}), effective sample size {posterior.EffectiveSampleSize:F0}, last acceptance rate {last.AcceptanceRate:P1}, stopped by {posterior.StopReason}\n");
        md.Append(CultureInfo.InvariantCulture, $"- {model.FittedCount} fitted summaries; predictive bands from {predictive.Count} rows of posterior predictive simulations\n\n");

        md.Append("## Observations beside the model (posterior predictive median and 90% band)\n\n");
        md.Append("Log-scale rows are shown back in the figure's units (the figure times its bias; a block's deviation as a ratio to the block's geometric mean).\n\n");
        md.Append("| summary | use | observed | model median | 5% | 95% | inside? |\n|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < model.Summaries.Length; i++)
        {
            var s = model.Summaries[i];
            var p = predictive[i];
            md.Append(CultureInfo.InvariantCulture, $"| {s.Abc.Name} | {Use(model, s)} | {G(s.ToNatural(p.Observed))} | {G(s.ToNatural(p.Median))} | {G(s.ToNatural(p.Lower))} | {G(s.ToNatural(p.Upper))} | {(p.ObservedInsideBand ? "yes" : "**no**")} |\n");
        }
        int fittedInside = Enumerable.Range(0, model.FittedCount).Count(i => predictive[i].ObservedInsideBand);
        int others = model.Summaries.Length - model.FittedCount;
        int othersInside = Enumerable.Range(model.FittedCount, others).Count(i => predictive[i].ObservedInsideBand);
        md.Append(CultureInfo.InvariantCulture, $"\nInside the 90% band: {fittedInside} of {model.FittedCount} fitted summaries")
          .Append(others > 0 ? string.Create(CultureInfo.InvariantCulture, $", {othersInside} of {others} held out or checks") : "").Append(".\n\n");

        md.Append("## Parameters: posterior beside prior\n\n| parameter | prior | posterior mean | 5% | 50% | 95% | source |\n|---|---|---|---|---|---|---|\n");
        var summaries = posterior.Summaries();
        for (int i = 0; i < summaries.Length; i++)
        {
            var p = model.Spec.Parameters[i];
            var q = summaries[i];
            md.Append(CultureInfo.InvariantCulture, $"| {p.Name} | {p.Prior} | {G(q.Mean)} | {G(q.P05)} | {G(q.P50)} | {G(q.P95)} | {p.Source} |\n");
        }
        md.Append("\n## Generations\n\n| generation | epsilon | proposals | accepted | acceptance | ESS |\n|---|---|---|---|---|---|\n");
        foreach (var g in posterior.Generations)
            md.Append(CultureInfo.InvariantCulture, $"| {g.Generation} | {G(g.Epsilon)} | {g.Proposals} | {g.Accepted} | {g.AcceptanceRate:P1} | {g.EffectiveSampleSize:F0} |\n");
        md.Append("\n## What each summary compares\n\n| summary | model output | source |\n|---|---|---|\n");
        foreach (var s in model.Summaries) md.Append(CultureInfo.InvariantCulture, $"| {s.Abc.Name} | {s.Describe()} | {s.Source.Source} |\n");
        return md.ToString();
    }

    private static string Use(CalibrationModel model, CalibrationSummary s) => s.Fitted ? "fitted" : s.Source.CheckOnly ? "check" : "held out";

    private static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string G(double x) => Math.Abs(x) >= 1000 ? x.ToString("N0", CultureInfo.InvariantCulture) : x.ToString("G3", CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
}
