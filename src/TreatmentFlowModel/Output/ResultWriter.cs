using System.Globalization;
using System.Text;
using System.Text.Json;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Recording;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Targets;
using TreatmentFlowModel.Tracking;

namespace TreatmentFlowModel.Output;

/// <summary>
/// Writes the output contract (scenario.resolved.json, weekly.csv, annual.csv, targets.csv, gaps.csv, summary.json,
/// codebook.csv) into a folder atomically: everything goes to a temporary sibling folder that is renamed into place
/// only when complete, so an interrupted run never leaves a half-written folder. Values are rounded to each metric's
/// stated precision (<see cref="MetricCodebook"/>); financial years are written as a text period (<c>FY2003-04</c>) and
/// a numeric year (2003); the columns are those of <see cref="OutputColumns"/>, which codebook.csv describes.
/// </summary>
public static class ResultWriter
{
    /// <summary>Files <see cref="Write"/> always writes.</summary>
    public static IReadOnlyList<string> Files { get; } = ["scenario.resolved.json", "weekly.csv", "annual.csv", "monthly.csv", "quarterly.csv", "targets.csv", "gaps.csv", "summary.json", Codebook.FileName];

    /// <summary>Files <see cref="Write"/> writes for <paramref name="result"/>: <see cref="Files"/>, and trajectories.csv when trajectories were kept.</summary>
    public static IReadOnlyList<string> FilesOf(EnsembleResult result) => result.TrajectoryCount > 0 ? [.. Files, "trajectories.csv"] : Files;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="result"/> into <paramref name="folder"/>.</summary>
    /// <param name="result">The run.</param>
    /// <param name="folder">Output folder; created, or replaced when <paramref name="force"/> is true.</param>
    /// <param name="force">Replace an existing folder (only after the new one is complete).</param>
    /// <param name="extra">Optional: writes more files (report, charts) into the temporary folder before it is moved into place.</param>
    /// <param name="cancellationToken">Checked between files and before the folder is moved into place; once cancelled nothing is written.</param>
    /// <param name="tracking">Observations beside the forecast (<see cref="Tracker.Compare"/>): written to tracking.csv when given.</param>
    /// <exception cref="OutputFolderExistsException">The folder exists and <paramref name="force"/> is false.</exception>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was written.</exception>
    public static void Write(EnsembleResult result, string folder, bool force = false, Action<string>? extra = null, CancellationToken cancellationToken = default,
        IReadOnlyList<TrackingRow>? tracking = null)
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
            WriteMonthly(result, Path.Combine(temp, "monthly.csv"));
            WriteQuarterly(result, Path.Combine(temp, "quarterly.csv"));
            Check();
            WriteTargets(result, Path.Combine(temp, "targets.csv"));
            WriteGaps(result, Path.Combine(temp, "gaps.csv"));
            WriteSummary(result, Path.Combine(temp, "summary.json"));
            Check();
            if (result.TrajectoryCount > 0) WriteTrajectories(result, Path.Combine(temp, "trajectories.csv"));
            Check();
            if (tracking is not null) WriteTracking(tracking, Path.Combine(temp, "tracking.csv"));
            string[] csvFiles = ["weekly.csv", "annual.csv", "monthly.csv", "quarterly.csv", "targets.csv", "gaps.csv", .. result.TrajectoryCount > 0 ? ["trajectories.csv"] : Array.Empty<string>(),
                .. tracking is not null ? ["tracking.csv"] : Array.Empty<string>()];
            File.WriteAllText(Path.Combine(temp, Codebook.FileName), Codebook.Text(csvFiles, result.Targets.Select(t => t.Target)), Utf8);
            extra?.Invoke(temp);
        }, cancellationToken);
    }

    private static StreamWriter Open(string path) => new(path, append: false, Utf8, bufferSize: 1 << 16) { NewLine = "\n" };

    private static void WriteRow(StreamWriter w, string prefix, Summary s, int decimals)
    {
        w.Write(prefix);
        w.Write(CsvText.Number(s.Mean, decimals)); w.Write(',');
        w.Write(CsvText.Number(s.Sd, decimals)); w.Write(',');
        w.Write(CsvText.Number(s.P05, decimals)); w.Write(',');
        w.Write(CsvText.Number(s.P25, decimals)); w.Write(',');
        w.Write(CsvText.Number(s.P50, decimals)); w.Write(',');
        w.Write(CsvText.Number(s.P75, decimals)); w.Write(',');
        w.Write(CsvText.Number(s.P95, decimals)); w.Write('\n');
    }

    private static void WriteWeekly(EnsembleResult result, string path) =>
        WriteSummaries(path, "weekly.csv", result.Calendar.Weeks, w => result.Calendar.WeekStart(w).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            result.WeeklyAreas, result.Layout.Weekly, result);

    private static void WriteAnnual(EnsembleResult result, string path) =>
        WriteSummaries(path, "annual.csv", result.Calendar.Years, y => Period(result.Calendar.Year(y)),
            result.Areas, result.Layout.Annual, result);

    private static void WriteMonthly(EnsembleResult result, string path)
    {
        var calendar = result.Calendar;
        var weeks = new int[calendar.Months];
        for (int w = 0; w < calendar.Weeks; w++) weeks[calendar.MonthIndexOfWeek(w)]++;
        WritePeriods(path, "monthly.csv", calendar.Months, m =>
        {
            var month = calendar.Month(m);
            return string.Create(CultureInfo.InvariantCulture, $"{PeriodLabels.Month(month)},{month.Year},{month.Month},{FinancialYear.Of(month).Period},{weeks[m]}");
        }, result.Layout.Monthly, result);
    }

    private static void WriteQuarterly(EnsembleResult result, string path)
    {
        var calendar = result.Calendar;
        var weeks = new int[calendar.Quarters];
        for (int w = 0; w < calendar.Weeks; w++) weeks[calendar.QuarterIndexOfWeek(w)]++;
        WritePeriods(path, "quarterly.csv", calendar.Quarters, q =>
        {
            var quarter = calendar.Quarter(q);
            return string.Create(CultureInfo.InvariantCulture, $"{PeriodLabels.Quarter(quarter)},{quarter.Year},{PeriodLabels.QuarterNumber(quarter)},{PeriodLabels.FinancialQuarter(quarter)},{weeks[q]}");
        }, result.Layout.Quarterly, result);
    }

    /// <summary>
    /// One row per month or quarter, period area and metric (totals over modalities; not the metrics defined for financial
    /// years only): the period cells, then <c>area,modality,metric,mean,sd,p05,p25,p50,p75,p95</c>.
    /// </summary>
    private static void WritePeriods(string path, string file, int periods, Func<int, string> periodCells, Func<int, int, int> firstCell, EnsembleResult result)
    {
        using var w = Open(path);
        w.Write(OutputColumns.Header(file));
        w.Write('\n');
        var series = CellLayout.PeriodSeries;
        var written = Enumerable.Range(0, series.Length).Where(i => MetricCatalog.Kind(MetricCatalog.MetricOf(series[i])) is not (MetricKind.Gap or MetricKind.DatMean)).ToArray();
        string all = Modalities.OutputName(Modalities.Count);
        for (int period = 0; period < periods; period++)
        {
            string label = periodCells(period);
            for (int slot = 0; slot < result.PeriodAreas.Count; slot++)
            {
                string area = CsvText.Text(result.PeriodAreas[slot].Name);
                int first = firstCell(slot, period);
                foreach (int i in written)
                {
                    var metric = MetricCatalog.MetricOf(series[i]);
                    WriteRow(w, $"{label},{area},{all},{MetricCatalog.OutputName(metric)},", result.Summaries.Summarize(first + i), MetricCodebook.Of(metric).Decimals);
                }
            }
        }
    }

    /// <summary>A financial year's <c>period,year</c> cells, e.g. <c>FY2003-04,2003</c>.</summary>
    internal static string Period(FinancialYear year) => string.Create(CultureInfo.InvariantCulture, $"{year.Period},{year.StartYear}");

    /// <summary>One row per period, area and series: the period cells, then <c>area,modality,metric,mean,sd,p05,p25,p50,p75,p95</c>.</summary>
    private static void WriteSummaries(string path, string file, int periods, Func<int, string> periodLabel, IReadOnlyList<AreaId> areas, Func<int, int, int, int> cell, EnsembleResult result)
    {
        using var w = Open(path);
        w.Write(OutputColumns.Header(file));
        w.Write('\n');
        for (int period = 0; period < periods; period++)
        {
            string label = periodLabel(period);
            for (int slot = 0; slot < areas.Count; slot++)
            {
                string area = CsvText.Text(areas[slot].Name);
                for (int s = 0; s < MetricCatalog.SeriesCount; s++)
                {
                    var metric = MetricCatalog.MetricOf(s);
                    WriteRow(w, $"{label},{area},{Modalities.OutputName(MetricCatalog.ModalityOf(s))},{MetricCatalog.OutputName(metric)},",
                        result.Summaries.Summarize(cell(slot, period, s)), MetricCodebook.Of(metric).Decimals);
                }
            }
        }
    }

    /// <summary>Observations beside the forecast: <c>period,kind,area,metric,observed,p05,p50,p95,inside_band,z</c>.</summary>
    private static void WriteTracking(IReadOnlyList<TrackingRow> rows, string path)
    {
        using var w = Open(path);
        w.Write(OutputColumns.Header("tracking.csv"));
        w.Write('\n');
        foreach (var row in rows)
        {
            var o = row.Observed;
            int d = MetricCodebook.Of(o.Metric).Decimals;
            var f = row.Forecast;
            w.Write($"{o.Period},{KindName(o.Kind)},{CsvText.Text(o.Area.Name)},{MetricCatalog.OutputName(o.Metric)},{CsvText.Number(o.Value, d)},{CsvText.Number(f.P05, d)},{CsvText.Number(f.P50, d)},{CsvText.Number(f.P95, d)},{(row.InsideBand ? "true" : "false")},{CsvText.Number(row.Z, 2)}\n");
        }
    }

    /// <summary>The kind of a period as tracking.csv writes it: week, month, quarter or financial_year.</summary>
    public static string KindName(PeriodKind kind) => kind switch
    {
        PeriodKind.Week => "week",
        PeriodKind.Month => "month",
        PeriodKind.Quarter => "quarter",
        _ => "financial_year",
    };

    /// <summary>Kept replicates week by week: <c>replicate,date,area,metric,value</c> for the totals over modalities.</summary>
    private static void WriteTrajectories(EnsembleResult result, string path)
    {
        using var w = Open(path);
        w.Write(OutputColumns.Header("trajectories.csv"));
        w.Write('\n');
        var totals = Enumerable.Range(0, MetricCatalog.SeriesCount).Where(s => MetricCatalog.ModalityOf(s) == Modalities.Count).ToArray();
        for (int r = 0; r < result.TrajectoryCount; r++)
            for (int slot = 0; slot < result.WeeklyAreas.Count; slot++)
            {
                string area = CsvText.Text(result.WeeklyAreas[slot].Name);
                foreach (int s in totals)
                {
                    int decimals = MetricCodebook.Of(MetricCatalog.MetricOf(s)).Decimals;
                    var values = result.Trajectory(r, result.WeeklyAreas[slot], MetricCatalog.MetricOf(s));
                    string prefix = $"{r},";
                    string suffix = $",{area},{MetricCatalog.OutputName(MetricCatalog.MetricOf(s))},";
                    for (int week = 0; week < values.Length; week++)
                    {
                        w.Write(prefix);
                        w.Write(result.Calendar.WeekStart(week).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        w.Write(suffix);
                        w.Write(CsvText.Number(values[week], decimals));
                        w.Write('\n');
                    }
                }
            }
    }

    /// <summary>Capacity gaps by year, most severe first within each year (<see cref="CapacityGap.MostSevereFirst"/>), columns of <see cref="OutputColumns"/>.</summary>
    private static void WriteGaps(EnsembleResult result, string path)
    {
        using var w = Open(path);
        w.Write(OutputColumns.Header("gaps.csv"));
        w.Write('\n');
        const int share = OutputColumns.ShareDecimals;
        int people = MetricCodebook.Of(Metric.Waiting).Decimals, places = MetricCodebook.Of(Metric.Capacity).Decimals;
        int weeks = MetricCodebook.Of(Metric.P95WaitWeeks).Decimals, extra = MetricCodebook.Of(Metric.ExtraPlacesNeeded).Decimals;
        foreach (var year in result.Gaps.GroupBy(g => g.Year))
            foreach (var g in year.Order(CapacityGap.MostSevereFirst))
                w.Write($"{Period(g.Year)},{CsvText.Text(g.Area.Name)},{Modalities.OutputName(g.Modality)},{CsvText.Number(g.Demand, people)},{CsvText.Number(g.Places, places)},{CsvText.Number(g.Waiting, people)},{CsvText.Number(g.P95WaitWeeks, weeks)},{CsvText.Number(g.TargetWeeks, weeks)},{CsvText.Number(g.PTargetMet, share)},{CsvText.Number(g.ExtraPlacesMedian, extra)},{CsvText.Number(g.ExtraPlacesP90, extra)}\n");
    }

    private static void WriteTargets(EnsembleResult result, string path)
    {
        using var w = Open(path);
        w.Write(OutputColumns.Header("targets.csv"));
        w.Write('\n');
        foreach (var t in result.Targets)
        {
            int d = MetricCodebook.Of(t.Target.Metric).Decimals;
            w.Write($"{t.Target.Name},{CsvText.Text(t.Area.Name)},{Period(t.Year)},{CsvText.Number(t.Baseline, d)},{CsvText.Number(t.Threshold, d)},{CsvText.Number(t.Mean, d)},{CsvText.Number(t.P05, d)},{CsvText.Number(t.P50, d)},{CsvText.Number(t.P95, d)},{CsvText.Number(t.PMet, OutputColumns.ShareDecimals)}\n");
        }
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
        // The run's total, labelled by what it covers ("England" only for all 149 DATs).
        j.WriteString("area", result.Total.Name);
        j.WriteStartObject("total");
        foreach (var metric in new[] { Metric.Participation, Metric.TreatmentStarts, Metric.TreatmentStartsCjs, Metric.Waiting, Metric.Capacity, Metric.Retained12Wk, Metric.Deaths, Metric.Crimes, Metric.CostGbp })
        {
            j.WriteStartObject(MetricCatalog.OutputName(metric));
            var annual = result.Annual(result.Total, metric);
            int d = MetricCodebook.Of(metric).Decimals;
            for (int y = 0; y < annual.Length; y++)
            {
                j.WriteStartObject(result.Calendar.Year(y).Period);
                Number(j, "mean", annual[y].Mean, d);
                Number(j, "p05", annual[y].P05, d);
                Number(j, "p50", annual[y].P50, d);
                Number(j, "p95", annual[y].P95, d);
                j.WriteEndObject();
            }
            j.WriteEndObject();
        }
        j.WriteEndObject();
        j.WriteStartArray("targets_total");
        foreach (var t in result.Targets.Where(t => t.Area.IsTotal))
        {
            j.WriteStartObject();
            int d = MetricCodebook.Of(t.Target.Metric).Decimals;
            j.WriteString("target", t.Target.Name);
            j.WriteString("period", t.Year.Period);
            j.WriteNumber("year", t.Year.StartYear);
            Number(j, "threshold", t.Threshold, d);
            Number(j, "p50", t.P50, d);
            Number(j, "p_met", t.PMet, OutputColumns.ShareDecimals);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    });

    /// <summary>A JSON number rounded to <paramref name="decimals"/> places (the same text as the CSV files), or null when undefined.</summary>
    private static void Number(Utf8JsonWriter j, string name, double x, int decimals)
    {
        if (double.IsFinite(x))
        {
            j.WritePropertyName(name);
            j.WriteRawValue(CsvText.Number(x, decimals));
        }
        else j.WriteNull(name);
    }
}
