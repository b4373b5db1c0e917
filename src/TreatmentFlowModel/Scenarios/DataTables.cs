using System.Collections.Immutable;
using System.Globalization;
using TreatmentFlowModel.Data;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>Reads the area, BCU and wait-target tables, reporting every bad cell by file, line and column.</summary>
internal static class DataTables
{
    /// <summary>The largest budget of one DAT in one year, in £ thousands: £100 billion, some 250 times England's whole 2005/06 pooled budget (assumption).</summary>
    public const double MaxBudgetK = 1e8;

    /// <summary>The most rows a data table may have (England has 149 DATs and some 320 BCUs).</summary>
    public const int MaxRows = 10_000;

    public static AreaTable ReadAreas(string text, string source, List<ScenarioError> errors)
    {
        int before = errors.Count;
        var table = Open(text, source, errors, ["dat", "region", "baseline_2002_03_k", "allocation_2003_04_k", "allocation_2004_05_k", "allocation_2005_06_k"]);
        var areas = ImmutableArray.CreateBuilder<AreaRecord>();
        if (table is null) return new AreaTable([]);
        // Optional columns named after area parameters carry the areas' own values.
        var overrideColumns = ParameterCatalog.Scalars.Select((p, i) => (Column: ParameterCatalog.ColumnName(p), Id: (ParameterId)i, p.PerArea))
            .Where(c => c.PerArea && table.Column(c.Column) >= 0).Select(c => (c.Column, c.Id)).ToList();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in table.Rows)
        {
            string name = row.Text("dat");
            if (name.Length == 0) { row.Error("dat", "a DAT name is required"); continue; }
            if (!seen.Add(name)) { row.Error("dat", "duplicate area: every DAT name must appear once"); continue; }
            double b2 = row.Number("baseline_2002_03_k", MaxBudgetK), b3 = row.Number("allocation_2003_04_k", MaxBudgetK),
                b4 = row.Number("allocation_2004_05_k", MaxBudgetK), b5 = row.Number("allocation_2005_06_k", MaxBudgetK);
            var overrides = ImmutableArray.CreateBuilder<KeyValuePair<ParameterId, double>>();
            foreach (var (column, id) in overrideColumns)
            {
                if (row.Text(column).Length == 0) continue;
                var info = ParameterCatalog.Scalars[(int)id];
                var (min, max) = ParameterCatalog.Bounds(info);
                double x = row.Number(column);
                if (double.IsNaN(x)) continue;
                if (x < min || x > max) { row.Error(column, $"must be {ParameterCatalog.Describe(info)} ({info.Unit}): the area's own {info.Name}"); continue; }
                overrides.Add(new(id, x));
            }
            areas.Add(new AreaRecord(name, row.Text("region"), b2, b3, b4, b5) { Overrides = overrides.ToImmutable() });
        }
        if (table.Rows.Count == 0) errors.Add(new ScenarioError(source, "line 2", null, "the file has a header but no areas; at least one row is required"));
        else if (errors.Count == before && areas.Sum(a => a.Budget2002K) <= 0)
            errors.Add(new ScenarioError(source, "column baseline_2002_03_k", "0", "sums to 0; each area's share of England's problem drug users is its share of this column, so at least one area needs a budget above 0"));
        // A table with bad rows is not used: checking names against part of it would only add false "unknown area" errors.
        return errors.Count > before ? new AreaTable([]) : new AreaTable(areas.ToImmutable());
    }

    /// <summary>The financial years a budget table may give: 1990/91 to 2060/61 (the model's runs lie within them).</summary>
    public static readonly FinancialYear FirstBudgetYear = new(1990), LastBudgetYear = new(2060);

    /// <summary>
    /// Reads a long-format budget table (<c>area, financial_year, budget_gbp</c>: one row per DAT and year, in pounds) and
    /// returns <paramref name="areas"/> with each DAT's rows as its <see cref="AreaRecord.GivenBudgetsK"/>. Every bad cell is
    /// reported by file, line, column and value with what is allowed; a table with bad rows leaves the areas unchanged.
    /// </summary>
    public static AreaTable ReadBudgets(string text, string source, AreaTable areas, List<ScenarioError> errors)
    {
        int before = errors.Count;
        var table = Open(text, source, errors, ["area", "financial_year", "budget_gbp"]);
        if (table is null) return areas;
        var given = new SortedDictionary<FinancialYear, double>[areas.Areas.Length];
        var lineOf = new Dictionary<(int Area, FinancialYear Year), int>();
        var names = areas.Areas.Select(a => a.Name).ToList();
        foreach (var row in table.Rows)
        {
            string name = row.Text("area");
            int area = areas.IndexOf(name);
            if (area < 0)
            {
                row.Error("area", name.Length == 0 ? "a DAT name of the area table is required" : $"unknown DAT; allowed: a DAT of the area table{Suggestions.Hint(name, names)}");
                continue;
            }
            string yearText = row.Text("financial_year");
            if (!FinancialYear.TryParse(yearText, out var year) || year < FirstBudgetYear || year > LastBudgetYear)
            {
                row.Error("financial_year", $"must be a financial year such as 2006/07, from {FirstBudgetYear} to {LastBudgetYear}");
                continue;
            }
            double pounds = row.Number("budget_gbp", MaxBudgetK * 1000);
            if (double.IsNaN(pounds)) continue;
            if (lineOf.TryGetValue((area, year), out int first))
            {
                row.Error("financial_year", $"duplicate row: {areas.Areas[area].Name} already has a budget for {year} on line {first}; give each DAT and year once");
                continue;
            }
            lineOf[(area, year)] = row.Line;
            (given[area] ??= [])[year] = pounds / 1000;
        }
        if (table.Rows.Count == 0) errors.Add(new ScenarioError(source, "line 2", null, "the file has a header but no rows; give at least one DAT's budget for one year, or leave Data.Budgets out"));
        if (errors.Count > before) return areas;
        return new AreaTable([.. areas.Areas.Select((a, i) => given[i] is { } g ? a with { GivenBudgetsK = [.. g.Select(kv => (kv.Key, kv.Value))] } : a)]);
    }

    public static ImmutableArray<BcuRecord> ReadBcus(string text, string source, List<ScenarioError> errors)
    {
        var table = Open(text, source, errors, ["rank", "bcu", "dat", "tranche"]);
        if (table is null) return [];
        var bcus = ImmutableArray.CreateBuilder<BcuRecord>();
        var ranks = new HashSet<int>();
        bool hasShare = table.Column("dat_arrest_share") >= 0;
        foreach (var row in table.Rows)
        {
            double rank = row.Number("rank");
            if (double.IsNaN(rank)) continue;
            if (rank != Math.Floor(rank) || rank < 1) { row.Error("rank", "must be a whole number >= 1"); continue; }
            if (!ranks.Add((int)rank)) { row.Error("rank", "duplicate rank: each rank appears once"); continue; }
            var dats = row.Text("dat").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (dats.Length == 0) { row.Error("dat", "a DAT name is required"); continue; }
            double? share = null;
            if (hasShare)
            {
                double x = row.Number("dat_arrest_share");
                if (double.IsNaN(x)) continue;
                if (!(x > 0 && x <= 1)) { row.Error("dat_arrest_share", "must be a share of the DAT's arrests above 0 and at most 1"); continue; }
                share = x;
            }
            bcus.Add(new BcuRecord((int)rank, row.Text("bcu"), [.. dats], row.Text("tranche")) { DatArrestShare = share });
        }
        // A DAT's named BCUs cannot carry more than all of its arrests.
        foreach (var dat in bcus.SelectMany(b => b.Dats).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            double total = bcus.Where(b => b.Dats.Contains(dat, StringComparer.OrdinalIgnoreCase)).Sum(b => b.DatArrestShare ?? 0);
            if (total > 1 + 1e-6)
                errors.Add(new ScenarioError(source, "column dat_arrest_share", total.ToString("0.####", CultureInfo.InvariantCulture),
                    $"the BCUs of DAT '{dat}' carry more than all of its arrests; their dat_arrest_share must sum to at most 1"));
        }
        return bcus.ToImmutable();
    }

    /// <summary>The source table names modalities in words; this maps them to <see cref="Modality"/>.</summary>
    private static readonly Dictionary<string, Modality> ModalityWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["In patient detoxification"] = Modality.InpatientDetox,
        ["Specialist prescribing"] = Modality.SpecialistPrescribing,
        ["GP prescribing"] = Modality.GpPrescribing,
        ["Structured counselling"] = Modality.StructuredCounselling,
        ["Day Care"] = Modality.StructuredDayCare,
        ["Residential rehab"] = Modality.ResidentialRehab,
    };

    public static ImmutableArray<WaitTarget> ReadWaitTargets(string text, string source, List<ScenarioError> errors)
    {
        var table = Open(text, source, errors, ["modality", "max_wait_target_2002_03_weeks", "max_wait_target_2003_04_weeks"]);
        if (table is null) return [];
        var targets = new WaitTarget?[Modalities.Count];
        foreach (var row in table.Rows)
        {
            string word = row.Text("modality");
            if (!ModalityWords.TryGetValue(word, out var modality))
            {
                row.Error("modality", $"unknown modality; allowed: {string.Join(", ", ModalityWords.Keys.Select(k => $"'{k}'"))}");
                continue;
            }
            targets[(int)modality] = new WaitTarget(modality, row.Number("max_wait_target_2002_03_weeks"), row.Number("max_wait_target_2003_04_weeks"));
        }
        for (int m = 0; m < targets.Length; m++)
            if (targets[m] is null)
                errors.Add(new ScenarioError(source, "rows", null, $"no row for modality '{ModalityWords.First(kv => (int)kv.Value == m).Key}'; every modality needs a target"));
        return [.. targets.Where(t => t is not null).Select(t => t!)];
    }

    private static Table? Open(string text, string source, List<ScenarioError> errors, string[] required)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var rows = CsvReader.Parse(text);
        if (rows.Count == 0)
        {
            errors.Add(new ScenarioError(source, "line 1", null, $"the file is empty; expected a header row with columns {string.Join(", ", required)}"));
            return null;
        }
        var header = rows[0].Fields.Select(f => f.Trim()).ToArray();
        var missing = required.Where(r => !header.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ScenarioError(source, "line 1", string.Join(",", header),
                $"missing column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}; required: {string.Join(", ", required)}"));
            return null;
        }
        if (rows.Count - 1 > MaxRows)
        {
            errors.Add(new ScenarioError(source, "rows", null, $"the file has {rows.Count - 1:N0} rows; a data table may have at most {MaxRows:N0}"));
            return null;
        }
        var table = new Table(source, header, errors);
        for (int i = 1; i < rows.Count; i++)
        {
            var (line, fields) = rows[i];
            if (fields.Length != header.Length)
            {
                errors.Add(new ScenarioError(source, $"line {line}", null, $"has {fields.Length} fields; the header has {header.Length}"));
                continue;
            }
            table.Rows.Add(new Row(table, line, fields));
        }
        return table;
    }

    private sealed class Table(string source, string[] header, List<ScenarioError> errors)
    {
        public string Source { get; } = source;
        public List<Row> Rows { get; } = [];
        public List<ScenarioError> Errors { get; } = errors;
        public int Column(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class Row(Table table, int line, string[] fields)
    {
        /// <summary>The row's line in the file.</summary>
        public int Line => line;

        public string Text(string column) => fields[table.Column(column)].Trim();

        public double Number(string column, double max = double.MaxValue)
        {
            string cell = Text(column);
            if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) && x >= 0 && x <= max) return x;
            Error(column, max == double.MaxValue ? "must be a finite number >= 0" : $"must be a number from 0 to {max.ToString("N0", CultureInfo.InvariantCulture)}");
            return double.NaN;
        }

        public void Error(string column, string message) =>
            table.Errors.Add(new ScenarioError(table.Source, $"line {line}, column {column}", fields[table.Column(column)], message));
    }
}
