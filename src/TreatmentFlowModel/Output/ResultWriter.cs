using System.Globalization;
using System.Text;
using System.Text.Json;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Output;

/// <summary>
/// Writes the output contract (scenario.resolved.json, weekly.csv, annual.csv, targets.csv, summary.json)
/// into a folder atomically: everything goes to a temporary sibling folder that is renamed into place
/// only when complete, so an interrupted run never leaves a half-written folder.
/// </summary>
public static class ResultWriter
{
    /// <summary>Files <see cref="Write"/> always writes.</summary>
    public static IReadOnlyList<string> Files { get; } = ["scenario.resolved.json", "weekly.csv", "annual.csv", "targets.csv", "gaps.csv", "summary.json"];

    /// <summary>Files <see cref="Write"/> writes for <paramref name="result"/>: <see cref="Files"/>, and trajectories.csv when trajectories were kept.</summary>
    public static IReadOnlyList<string> FilesOf(EnsembleResult result) => result.TrajectoryCount > 0 ? [.. Files, "trajectories.csv"] : Files;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="result"/> into <paramref name="folder"/>.</summary>
    /// <param name="result">The run.</param>
    /// <param name="folder">Output folder; created, or replaced when <paramref name="force"/> is true.</param>
    /// <param name="force">Replace an existing folder (only after the new one is complete).</param>
    /// <param name="extra">Optional: writes more files (report, charts) into the temporary folder before it is moved into place.</param>
    /// <param name="cancellationToken">Checked between files and before the folder is moved into place; once cancelled nothing is written.</param>
    /// <exception cref="OutputFolderExistsException">The folder exists and <paramref name="force"/> is false.</exception>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was written.</exception>
    public static void Write(EnsembleResult result, string folder, bool force = false, Action<string>? extra = null, CancellationToken cancellationToken = default)
    {
        AtomicFolder.Write(folder, force, temp =>
        {
            void Check() => cancellationToken.ThrowIfCancellationRequested();
            File.WriteAllText(Path.Combine(temp, "scenario.resolved.json"), ScenarioWriter.ToJson(result.Scenario, result.Deterministic), Utf8);
            Check();
            WriteWeekly(result, Path.Combine(temp, "weekly.csv"));
            Check();
            WriteAnnual(result, Path.Combine(temp, "annual.csv"));
            Check();
            WriteTargets(result, Path.Combine(temp, "targets.csv"));
            WriteGaps(result, Path.Combine(temp, "gaps.csv"));
            WriteSummary(result, Path.Combine(temp, "summary.json"));
            Check();
            if (result.TrajectoryCount > 0) WriteTrajectories(result, Path.Combine(temp, "trajectories.csv"));
            Check();
            extra?.Invoke(temp);
        }, cancellationToken);
    }

    private static StreamWriter Open(string path) => new(path, append: false, Utf8, bufferSize: 1 << 16) { NewLine = "\n" };

    private static void WriteRow(StreamWriter w, string prefix, Summary s)
    {
        w.Write(prefix);
        w.Write(CsvText.Number(s.Mean)); w.Write(',');
        w.Write(CsvText.Number(s.Sd)); w.Write(',');
        w.Write(CsvText.Number(s.P05)); w.Write(',');
        w.Write(CsvText.Number(s.P25)); w.Write(',');
        w.Write(CsvText.Number(s.P50)); w.Write(',');
        w.Write(CsvText.Number(s.P75)); w.Write(',');
        w.Write(CsvText.Number(s.P95)); w.Write('\n');
    }

    private static void WriteWeekly(EnsembleResult result, string path) =>
        WriteSummaries(path, "date", result.Calendar.Weeks, w => result.Calendar.WeekStart(w).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            result.WeeklyAreas, result.Layout.Weekly, result);

    private static void WriteAnnual(EnsembleResult result, string path) =>
        WriteSummaries(path, "year", result.Calendar.Years, y => result.Calendar.Year(y).ToString(),
            result.Areas, result.Layout.Annual, result);

    /// <summary>One row per period, area and series: <c>{period},area,modality,metric,mean,sd,p05,p25,p50,p75,p95</c>.</summary>
    private static void WriteSummaries(string path, string periodColumn, int periods, Func<int, string> periodLabel, IReadOnlyList<AreaId> areas, Func<int, int, int, int> cell, EnsembleResult result)
    {
        using var w = Open(path);
        w.Write($"{periodColumn},area,modality,metric,mean,sd,p05,p25,p50,p75,p95\n");
        for (int period = 0; period < periods; period++)
        {
            string label = periodLabel(period);
            for (int slot = 0; slot < areas.Count; slot++)
            {
                string area = CsvText.Text(areas[slot].Name);
                for (int s = 0; s < MetricCatalog.SeriesCount; s++)
                    WriteRow(w, $"{label},{area},{Modalities.OutputName(MetricCatalog.ModalityOf(s))},{MetricCatalog.OutputName(MetricCatalog.MetricOf(s))},",
                        result.Summaries.Summarize(cell(slot, period, s)));
            }
        }
    }

    /// <summary>Kept replicates week by week: <c>replicate,date,area,metric,value</c> for the totals over modalities.</summary>
    private static void WriteTrajectories(EnsembleResult result, string path)
    {
        using var w = Open(path);
        w.Write("replicate,date,area,metric,value\n");
        var totals = Enumerable.Range(0, MetricCatalog.SeriesCount).Where(s => MetricCatalog.ModalityOf(s) == Modalities.Count).ToArray();
        for (int r = 0; r < result.TrajectoryCount; r++)
            for (int slot = 0; slot < result.WeeklyAreas.Count; slot++)
            {
                string area = CsvText.Text(result.WeeklyAreas[slot].Name);
                foreach (int s in totals)
                {
                    var values = result.Trajectory(r, result.WeeklyAreas[slot], MetricCatalog.MetricOf(s));
                    string prefix = $"{r},";
                    string suffix = $",{area},{MetricCatalog.OutputName(MetricCatalog.MetricOf(s))},";
                    for (int week = 0; week < values.Length; week++)
                    {
                        w.Write(prefix);
                        w.Write(result.Calendar.WeekStart(week).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        w.Write(suffix);
                        w.Write(CsvText.Number(values[week]));
                        w.Write('\n');
                    }
                }
            }
    }

    /// <summary>Capacity gaps by year, worst first within each year: <c>year,area,modality,demand,places,waiting,p95_wait_weeks,target_weeks,p_target_met,extra_places_p50,extra_places_p90</c>.</summary>
    private static void WriteGaps(EnsembleResult result, string path)
    {
        using var w = Open(path);
        w.Write("year,area,modality,demand,places,waiting,p95_wait_weeks,target_weeks,p_target_met,extra_places_p50,extra_places_p90\n");
        foreach (var year in result.Gaps.GroupBy(g => g.Year))
            foreach (var g in year.OrderByDescending(g => g.ExtraPlacesP90).ThenBy(g => g.Area.Name, StringComparer.Ordinal).ThenBy(g => g.Modality))
                w.Write($"{g.Year},{CsvText.Text(g.Area.Name)},{Modalities.OutputName(g.Modality)},{CsvText.Number(g.Demand)},{CsvText.Number(g.Places)},{CsvText.Number(g.Waiting)},{CsvText.Number(g.P95WaitWeeks)},{CsvText.Number(g.TargetWeeks)},{CsvText.Number(g.PTargetMet)},{CsvText.Number(g.ExtraPlacesMedian)},{CsvText.Number(g.ExtraPlacesP90)}\n");
    }

    private static void WriteTargets(EnsembleResult result, string path)
    {
        using var w = Open(path);
        w.Write("target,area,year,baseline,threshold,mean,p05,p50,p95,p_met\n");
        foreach (var t in result.Targets)
            w.Write($"{t.Target.Name},{CsvText.Text(t.Area.Name)},{t.Year},{CsvText.Number(t.Baseline)},{CsvText.Number(t.Threshold)},{CsvText.Number(t.Mean)},{CsvText.Number(t.P05)},{CsvText.Number(t.P50)},{CsvText.Number(t.P95)},{CsvText.Number(t.PMet)}\n");
    }

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };

    private static void WriteJson(string path, Action<Utf8JsonWriter> body)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, JsonOptions);
        body(json);
    }

    private static void WriteSummary(EnsembleResult result, string path) => WriteJson(path, j =>
    {
        j.WriteStartObject();
        j.WriteString("scenario", result.Scenario.Name);
        j.WriteString("description", result.Scenario.Description);
        j.WriteString("mode", result.Deterministic ? "deterministic" : "stochastic");
        j.WriteNumber("replicates", result.Replicates);
        j.WriteString("seed", result.Scenario.Seed.ToString(CultureInfo.InvariantCulture));
        j.WriteString("library_version", LibraryInfo.Version);
        j.WriteString("start", result.Calendar.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        j.WriteString("end", result.Calendar.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        j.WriteStartObject("england");
        foreach (var metric in new[] { Metric.Participation, Metric.TreatmentStarts, Metric.TreatmentStartsCjs, Metric.Waiting, Metric.Capacity, Metric.Retained12Wk, Metric.Deaths, Metric.Crimes, Metric.CostGbp })
        {
            j.WriteStartObject(MetricCatalog.OutputName(metric));
            var annual = result.Annual(AreaId.England, metric);
            for (int y = 0; y < annual.Length; y++)
            {
                j.WriteStartObject(result.Calendar.Year(y).ToString());
                Number(j, "mean", annual[y].Mean);
                Number(j, "p05", annual[y].P05);
                Number(j, "p50", annual[y].P50);
                Number(j, "p95", annual[y].P95);
                j.WriteEndObject();
            }
            j.WriteEndObject();
        }
        j.WriteEndObject();
        j.WriteStartArray("targets_england");
        foreach (var t in result.Targets.Where(t => t.Area.IsEngland))
        {
            j.WriteStartObject();
            j.WriteString("target", t.Target.Name);
            j.WriteString("year", t.Year.ToString());
            Number(j, "threshold", t.Threshold);
            Number(j, "p50", t.P50);
            Number(j, "p_met", t.PMet);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    });

    private static void Number(Utf8JsonWriter j, string name, double x)
    {
        if (double.IsFinite(x)) j.WriteNumber(name, x);
        else j.WriteNull(name);
    }
}
