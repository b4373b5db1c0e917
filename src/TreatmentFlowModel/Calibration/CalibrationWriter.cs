using System.Globalization;
using System.Text;
using System.Text.Json;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Calibration;

/// <summary>Writes what <c>tfm calibrate</c> produces: the fitted overlay and the fit report.</summary>
public static class CalibrationWriter
{
    /// <summary>The fitted parameters as a scenario overlay (only their means move; distributions keep their shape).</summary>
    public static string Overlay(CalibrationResult result, string specPath)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("Description", $"Fitted by 'tfm calibrate {Path.GetFileName(specPath)}' (library {LibraryInfo.Version}): "
                + string.Join("; ", result.Targets.Select(t => $"{t.Target.Name} {Format(t.Fitted)} vs {Format(t.Target.Value)}")));
            j.WriteStartObject("Parameters");
            foreach (var (free, _, _) in result.Parameters)
                ScenarioWriter.WriteDistribution(j, ParameterCatalog.Scalars[(int)free.Parameter].Name, result.Scenario.Parameters[(int)free.Parameter]);
            j.WriteEndObject();
            j.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The fit report as CSV: one row per target.</summary>
    public static string ReportCsv(CalibrationResult result)
    {
        var text = new StringBuilder("target,metric,year,published,before,fitted,relative_error,stochastic_mean,stochastic_p05,stochastic_p95,source\n");
        foreach (var t in result.Targets)
            text.Append(CultureInfo.InvariantCulture,
                $"{CsvText.Text(t.Target.Name)},{CsvText.Text(Describe(t.Target))},{t.Target.Year},{CsvText.Number(t.Target.Value)},{CsvText.Number(t.Before)},{CsvText.Number(t.Fitted)},{CsvText.Number(t.RelativeError)},{CsvText.Number(t.StochasticMean)},{CsvText.Number(t.StochasticP05)},{CsvText.Number(t.StochasticP95)},{CsvText.Text(t.Target.Source)}\n");
        return text.ToString();
    }

    /// <summary>The fit report as Markdown: targets (published, before, fitted, stochastic check) and parameters (start, fitted).</summary>
    public static string ReportMarkdown(CalibrationResult result, string specPath)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"# Calibration report: {Path.GetFileName(specPath)}");
        text.AppendLine();
        text.AppendLine(inv, $"Nelder-Mead on the deterministic mode, {result.Evaluations} evaluations, sum of squared relative errors {result.Objective:E2}.");
        text.AppendLine();
        text.AppendLine("| target | measure | year | published | before | fitted | error | stochastic mean (5-95%) | source |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var t in result.Targets)
            text.AppendLine(inv, $"| {t.Target.Name} | {Describe(t.Target)} | {t.Target.Year} | {Format(t.Target.Value)} | {Format(t.Before)} | {Format(t.Fitted)} | {t.RelativeError * 100:+0.00;-0.00;0.00}% | {(double.IsNaN(t.StochasticMean) ? "not run" : $"{Format(t.StochasticMean)} ({Format(t.StochasticP05)}-{Format(t.StochasticP95)})")} | {t.Target.Source} |");
        text.AppendLine();
        text.AppendLine("| parameter | range | start (mean) | fitted (mean) |");
        text.AppendLine("|---|---|---:|---:|");
        foreach (var (free, start, fitted) in result.Parameters)
            text.AppendLine(inv, $"| {ParameterCatalog.Scalars[(int)free.Parameter].Name} | {Format(free.Min)} to {Format(free.Max)} | {Format(start)} | {Format(fitted)} |");
        return text.ToString();
    }

    private static string Describe(CalibrationTarget t) =>
        t.Per.IsEmpty ? MetricCatalog.OutputName(t.Metric) : $"{MetricCatalog.OutputName(t.Metric)} / ({string.Join(" + ", t.Per.Select(MetricCatalog.OutputName))})";

    private static string Format(double x) => Math.Abs(x) >= 100 ? x.ToString("N0", CultureInfo.InvariantCulture) : x.ToString("0.0000", CultureInfo.InvariantCulture);
}
