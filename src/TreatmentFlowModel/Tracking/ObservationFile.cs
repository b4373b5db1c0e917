using System.Globalization;
using System.Text;
using TreatmentFlowModel.Data;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tracking;

/// <summary>
/// Reads a file of observed figures (<c>tfm run --observed</c>): tidy CSV <c>period,area,metric,value</c>, lines starting
/// with <c>#</c> ignored. A period is a week (<c>2003-W23</c>, the ISO week, or its first day <c>2003-06-02</c>), a
/// calendar month (<c>2003-04</c>), a quarter (<c>2003Q2</c> or <c>FY2003-04-Q1</c>, the same April-June) or a financial
/// year (<c>2003/04</c> or <c>FY2003-04</c>); an area is one the run writes for that kind of period (the run's total by
/// its label, a region it holds whole, a DAT: any for financial years, those of <c>Output.WeeklyAreas</c> for weeks,
/// months and quarters); a metric is an output name (total over modalities). Every problem is reported at once with the
/// file, line, column, value and what is allowed, before anything runs.
/// </summary>
public static class ObservationFile
{
    /// <summary>The header row.</summary>
    public const string Header = "period,area,metric,value";

    private const string Periods = "a week as 2003-W23 or its first day 2003-06-02, a month as 2003-04, a quarter as 2003Q2 or FY2003-04-Q1, a financial year as 2003/04 or FY2003-04";

    /// <summary>Reads <paramref name="path"/> and checks every observation against a run of <paramref name="scenario"/>.</summary>
    /// <exception cref="ObservationFileException">The file cannot be read or any row is wrong; lists every problem.</exception>
    public static IReadOnlyList<Observation> Read(string path, Scenario scenario)
    {
        var content = InputFile.Read(path);
        if (content.Bytes is null) throw new ObservationFileException([new ScenarioError(path, "file", null, content.Problem ?? "cannot read the file")]);
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content.Bytes).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException) { throw new ObservationFileException([new ScenarioError(path, "file", null, "is not UTF-8 text; save it as CSV (UTF-8)")]); }
        return Parse(text, path, FrozenModel.From(scenario));
    }

    /// <summary>Reads the text of an observation file named <paramref name="source"/> in messages, for a run of <paramref name="model"/>.</summary>
    internal static IReadOnlyList<Observation> Parse(string text, string source, FrozenModel model)
    {
        var errors = new List<ScenarioError>();
        void Error(int line, string column, string? value, string message) => errors.Add(new ScenarioError(source, column.Length == 0 ? $"line {line}" : $"line {line}, column {column}", value, message));
        // Comment lines become empty lines, so line numbers stay those of the file.
        var lines = text.Split('\n').Select(l => l.TrimStart().StartsWith('#') ? "" : l);
        var rows = CsvReader.Parse(string.Join('\n', lines));
        var calendar = model.Calendar;
        var (_, annual, weekly, periods) = EnsembleResult.AreasOf(model, periods: true);
        var names = Enum.GetValues<Metric>().ToDictionary(MetricCatalog.OutputName, StringComparer.OrdinalIgnoreCase);
        var observations = new List<Observation>();
        var seen = new Dictionary<(PeriodKind, DateOnly, AreaId, Metric), int>();
        if (rows.Count == 0) Error(1, "", null, $"the file is empty: it needs the header {Header} and at least one row");
        else if (!rows[0].Fields.Select(f => f.Trim()).SequenceEqual(Header.Split(','), StringComparer.OrdinalIgnoreCase))
            Error(rows[0].Line, "", string.Join(',', rows[0].Fields), $"the header must be {Header}");
        else if (rows.Count == 1) Error(rows[0].Line, "", null, "no observations: give at least one row after the header");
        // Rows under a wrong header would only repeat its problem.
        foreach (var (line, fields) in errors.Count > 0 ? [] : rows.Skip(1))
        {
            if (fields.Length != 4)
            {
                Error(line, "", string.Join(',', fields), $"has {fields.Length} cell{(fields.Length == 1 ? "" : "s")}; each row needs 4: {Header}");
                continue;
            }
            string periodText = fields[0].Trim(), areaText = fields[1].Trim(), metricText = fields[2].Trim(), valueText = fields[3].Trim();
            bool ok = true;
            if (!TryParsePeriod(periodText, out var kind, out var start, out string label))
            {
                Error(line, "period", periodText, $"not a period: write {Periods}");
                ok = false;
            }
            else if (Index(kind, start, calendar) < 0)
            {
                Error(line, "period", periodText, $"outside the run, which simulates {calendar.Start:yyyy-MM-dd} to {calendar.End:yyyy-MM-dd}");
                ok = false;
            }
            if (!names.TryGetValue(metricText, out var metric))
            {
                Error(line, "metric", metricText, $"not a metric: write an output name such as treatment_starts, tests or in_treatment (tfm list metrics){Suggestions.Hint(metricText, names.Keys)}");
                ok = false;
            }
            else if (ok && kind != PeriodKind.FinancialYear && MetricCatalog.Kind(metric) is MetricKind.Gap or MetricKind.DatMean)
            {
                Error(line, "metric", metricText, "is computed for financial years only: give the period as a financial year such as 2003/04");
                ok = false;
            }
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < 0)
            {
                Error(line, "value", valueText, "must be a number >= 0 such as 1234 or 56.7 (a point for decimals, no thousands separators)");
                ok = false;
            }
            AreaId area = default;
            if (areaText.Length == 0)
            {
                Error(line, "area", areaText, "is empty: name the run's total, a region it holds whole or a DAT");
                ok = false;
            }
            else
            {
                var allowed = (label.Length == 0 ? PeriodKind.FinancialYear : kind) switch
                {
                    PeriodKind.Week => weekly,
                    PeriodKind.Month or PeriodKind.Quarter => periods,
                    _ => annual,
                };
                int i = allowed.FindIndex(a => a.Area == new AreaId(areaText));
                if (i >= 0) area = allowed[i].Area;
                else
                {
                    string which = label.Length == 0 ? "" : kind == PeriodKind.FinancialYear ? " for financial years" : $" for {kind.ToString().ToLowerInvariant()}s";
                    string extra = kind != PeriodKind.FinancialYear && annual.Exists(a => a.Area == new AreaId(areaText))
                        ? " (a DAT's weeks, months and quarters are recorded only when Output.WeeklyAreas names it)" : "";
                    Error(line, "area", areaText, $"not an area of this run{which}: {Allowed(allowed)}{extra}{Suggestions.Hint(areaText, allowed.Select(a => a.Area.Name))}");
                    ok = false;
                }
            }
            if (!ok) continue;
            if (seen.TryGetValue((kind, start, area, metric), out int earlier))
            {
                Error(line, "", string.Join(',', fields), $"repeats line {earlier} (the same period, area and metric)");
                continue;
            }
            seen[(kind, start, area, metric)] = line;
            observations.Add(new Observation(line, label, kind, start, area, metric, value));
        }
        if (errors.Count > 0) throw new ObservationFileException(errors);
        return observations;
    }

    private static string Allowed(List<(AreaId Area, int Slot)> areas) =>
        areas.Count <= 12 ? string.Join(", ", areas.Select(a => a.Area.Name))
            : $"{string.Join(", ", areas.Take(10).Select(a => a.Area.Name))} and {areas.Count - 10} more (tfm list areas)";

    /// <summary>
    /// Reads a period: its kind, first day and label in the output files' words (a week by its first day). Weeks: ISO
    /// <c>2003-W23</c> (Monday to Sunday) or a first day <c>2003-06-02</c>; months <c>2003-04</c>; quarters <c>2003Q2</c>,
    /// <c>FY2003-04-Q1</c> or <c>FY2003/04-Q1</c>; financial years <c>2003/04</c> or <c>FY2003-04</c>.
    /// </summary>
    public static bool TryParsePeriod(string text, out PeriodKind kind, out DateOnly start, out string label)
    {
        kind = default;
        start = default;
        label = "";
        var inv = CultureInfo.InvariantCulture;
        if (text.Length == 8 && text[4] == '-' && (text[5] == 'W' || text[5] == 'w')
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, inv, out int isoYear) && int.TryParse(text.AsSpan(6, 2), NumberStyles.None, inv, out int isoWeek)
            && isoYear >= 1900 && isoYear <= 2100 && isoWeek >= 1 && isoWeek <= ISOWeek.GetWeeksInYear(isoYear))
            return Set(PeriodKind.Week, DateOnly.FromDateTime(ISOWeek.ToDateTime(isoYear, isoWeek, DayOfWeek.Monday)), out kind, out start, out label);
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", inv, DateTimeStyles.None, out var day))
            return Set(PeriodKind.Week, day, out kind, out start, out label);
        if (text.Length == 7 && text[4] == '-' && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", inv, DateTimeStyles.None, out var month))
            return Set(PeriodKind.Month, month, out kind, out start, out label);
        if (text.Length == 6 && (text[4] == 'Q' || text[4] == 'q') && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, inv, out int qYear)
            && qYear >= 1900 && text[5] is >= '1' and <= '4')
            return Set(PeriodKind.Quarter, new DateOnly(qYear, 3 * (text[5] - '0') - 2, 1), out kind, out start, out label);
        string upper = text.ToUpperInvariant();
        if (upper.StartsWith("FY", StringComparison.Ordinal) && upper.Length == 12
            && upper.Substring(9, 2) == "-Q" && upper[11] is >= '1' and <= '4' && TryParseYear(upper[2..9], out var fyOfQuarter))
            return Set(PeriodKind.Quarter, new DateOnly(fyOfQuarter.StartYear, 4, 1).AddMonths(3 * (upper[11] - '1')), out kind, out start, out label);
        if (TryParseYear(upper.StartsWith("FY", StringComparison.Ordinal) ? upper[2..] : text, out var year) && (upper.StartsWith("FY", StringComparison.Ordinal) || text.Contains('/')))
            return Set(PeriodKind.FinancialYear, new DateOnly(year.StartYear, 4, 1), out kind, out start, out label);
        return false;
    }

    /// <summary><c>2003/04</c> or <c>2003-04</c> (the latter only after <c>FY</c>, where it cannot be a month).</summary>
    private static bool TryParseYear(string text, out FinancialYear year) => FinancialYear.TryParse(text.Replace('-', '/'), out year);

    private static bool Set(PeriodKind k, DateOnly s, out PeriodKind kind, out DateOnly start, out string label)
    {
        kind = k;
        start = s;
        label = k switch
        {
            PeriodKind.Week => s.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PeriodKind.Month => PeriodLabels.Month(s),
            PeriodKind.Quarter => PeriodLabels.Quarter(s),
            _ => FinancialYear.Of(s).Period,
        };
        return true;
    }

    /// <summary>
    /// The index of the output period an observation is compared with, or -1 when the run has none: a week is compared with
    /// the simulated week holding its fourth day (the one holding most of its days, as simulated weeks begin on the run's
    /// start weekday), a month, quarter or financial year with the same one.
    /// </summary>
    public static int Index(PeriodKind kind, DateOnly start, WeekCalendar calendar)
    {
        int index = kind switch
        {
            PeriodKind.Week => calendar.WeekOf(start.AddDays(3)),
            PeriodKind.Month => (start.Year - calendar.FirstMonth.Year) * 12 + start.Month - calendar.FirstMonth.Month,
            PeriodKind.Quarter => ((start.Year - calendar.Quarter(0).Year) * 12 + start.Month - calendar.Quarter(0).Month) / 3,
            _ => calendar.YearIndex(FinancialYear.Of(start)),
        };
        int count = kind switch
        {
            PeriodKind.Week => calendar.Weeks,
            PeriodKind.Month => calendar.Months,
            PeriodKind.Quarter => calendar.Quarters,
            _ => calendar.Years,
        };
        bool before = kind == PeriodKind.Quarter && start < calendar.Quarter(0) || kind == PeriodKind.Month && start < calendar.FirstMonth;
        return before || index < 0 || index >= count ? -1 : index;
    }
}
