using System.Collections.Immutable;
using System.Globalization;

using TreatmentFlowModel.Data;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// Turns the merged configuration tree into a <see cref="Scenario"/>: checks that every key is one
/// <see cref="ScenarioKeys"/> declares (with a "did you mean" hint) and every value has the right type. Ranges and cross-references are
/// checked afterwards by <see cref="ScenarioValidator"/>.
/// </summary>
internal sealed class ScenarioReader(List<ScenarioError> errors)
{
    public Scenario Read(ConfigNode root, ImmutableArray<string> sources)
    {
        Known(root, ScenarioKeys.NamesIn());
        var data = Section(root, "Data", ScenarioKeys.NamesIn("Data"));
        var dataSources = new DataSources(DataPath(data, "Areas"), DataPath(data, "Bcus"), DataPath(data, "WaitTargets"),
            data?["Budgets"] is null ? null : DataPath(data, "Budgets"));
        int before = errors.Count;
        var areaText = ScenarioLoader.ReadData(dataSources.Areas, errors, data?["Areas"]?.Source ?? "scenario", "Data.Areas");
        var bcuText = ScenarioLoader.ReadData(dataSources.Bcus, errors, data?["Bcus"]?.Source ?? "scenario", "Data.Bcus");
        var targetText = ScenarioLoader.ReadData(dataSources.WaitTargets, errors, data?["WaitTargets"]?.Source ?? "scenario", "Data.WaitTargets");
        var areaTable = areaText is null ? new AreaTable([]) : DataTables.ReadAreas(areaText, DisplayData(dataSources.Areas), errors);
        // The budget table names DATs of the area table, so it is read only once that table is good.
        if (dataSources.Budgets is { } budgets && areaTable.Areas.Length > 0
            && ScenarioLoader.ReadData(budgets, errors, data?["Budgets"]?.Source ?? "scenario", "Data.Budgets") is { } budgetText)
            areaTable = DataTables.ReadBudgets(budgetText, DisplayData(budgets), areaTable, errors);
        var bcus = bcuText is null ? [] : DataTables.ReadBcus(bcuText, DisplayData(dataSources.Bcus), errors);
        var targets = targetText is null ? [] : DataTables.ReadWaitTargets(targetText, DisplayData(dataSources.WaitTargets), errors);

        var scenario = new Scenario
        {
            Name = Text(root, "Name") ?? "scenario",
            Description = Text(root, "Description") ?? "",
            Start = Date(root, "Start") ?? default,
            End = Date(root, "End") ?? default,
            BurnInYears = BurnInYearsOf(root),
            Replicates = ReplicatesOf(root),
            Seed = UnsignedInteger(root, "Seed"),
            Sources = sources,
            DataFiles = dataSources,
            AreaData = areaTable,
            Bcus = bcus,
            WaitTargets = targets,
            Areas = Names(root, "Areas"),
            Parameters = ReadParameters(root["Parameters"]),
            ModalityParameters = ReadModalities(root["Modalities"]),
            Rollout = ReadRollout(root["Rollout"]),
            Policy = ReadPolicy(root["Policy"]),
            AreaOverrides = ReadAreaOverrides(root["AreaOverrides"]),
            ParameterChanges = ReadChanges(root["ParameterChanges"]),
            Targets = root["Targets"] is { } declared ? ReadTargets(declared) : TargetDeclarations.DrugStrategy,
            Fixed = ReadFixed(Section(root, "FixedInputs", ScenarioKeys.NamesIn("FixedInputs"))),
            WeeklyAreas = Names(Section(root, "Output", ScenarioKeys.NamesIn("Output")), "WeeklyAreas"),
            Posterior = ReadPosterior(root["Posterior"]),
        };
        return scenario;
    }

    private int BurnInYearsOf(ConfigNode root)
    {
        long? n = Integer(root, "BurnInYears");
        if (n is null) return 0;
        if (n < 0 || n > ScenarioValidator.MaxBurnInYears)
        {
            var node = root["BurnInYears"]!;
            errors.Add(new ScenarioError(node.Source, node.Path, node.Value, $"must be a whole number of years from 0 to {ScenarioValidator.MaxBurnInYears}"));
            return 0;
        }
        return (int)n;
    }

    private int ReplicatesOf(ConfigNode root)
    {
        long? n = Integer(root, "Replicates");
        if (n is null) return 1;
        if (n < int.MinValue || n > int.MaxValue)
        {
            var node = root["Replicates"]!;
            errors.Add(new ScenarioError(node.Source, node.Path, node.Value, $"must be from 1 to {ScenarioValidator.MaxReplicates:N0}"));
            return 1;
        }
        return (int)n;
    }

    /// <summary>
    /// The <c>Posterior</c> key: a posterior CSV relative to the file that named it (or <c>embedded:posterior.csv</c>), with
    /// the fit report beside it (<c>name-fit.csv</c>) when there is one; empty or absent for none.
    /// </summary>
    private PosteriorSample? ReadPosterior(ConfigNode? node)
    {
        if (node?.Value is not { Length: > 0 } value) return null;
        string reference;
        if (value.StartsWith("embedded:", StringComparison.Ordinal)) reference = value;
        else
        {
            string baseDir = File.Exists(node.Source) ? Path.GetDirectoryName(Path.GetFullPath(node.Source))! : Environment.CurrentDirectory;
            if (File.Exists(node.Source) && !ScenarioLoader.StaysInside(baseDir, value))
            {
                errors.Add(new ScenarioError(node.Source, node.Path, value, $"leaves the scenario's folder ({ScenarioLoader.Display(baseDir)}); the posterior must sit in that folder or below it (or be given as an absolute path)"));
                return null;
            }
            reference = Path.GetFullPath(Path.Combine(baseDir, value));
        }
        if (!reference.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new ScenarioError(node.Source, node.Path, value, "a posterior CSV file (.csv) as 'tfm calibrate' writes it, or empty for none"));
            return null;
        }
        int before = errors.Count;
        var text = ScenarioLoader.ReadData(reference, errors, node.Source, node.Path);
        if (text is null || errors.Count > before) return null;
        string stem = reference[..^".csv".Length];
        // Messages name the file as the user sees it; the resolved scenario keeps the full path, so it reads again from anywhere.
        return PosteriorSample.Parse(text, DisplayData(reference), Beside(stem + "-fit.csv"), errors) is { } sample
            ? sample with { Source = reference, OutOfSampleCsv = Beside(stem + "-out-of-sample-fit.csv") }
            : null;

        // The fit reports are for the report only: a forecast does not need them, so one that is missing or unreadable is left out.
        static string? Beside(string file)
        {
            try
            {
                return file.StartsWith("embedded:", StringComparison.Ordinal) ? ScenarioLoader.ReadEmbedded(file["embedded:".Length..])
                    : File.Exists(file) ? ScenarioLoader.ReadText(file, file, "fit report", []) : null; // the input-file rules: a pipe or device never blocks
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    private static string DisplayData(string reference) =>
        reference.StartsWith("embedded:", StringComparison.Ordinal) ? reference : ScenarioLoader.Display(reference);

    private string DataPath(ConfigNode? data, string key)
    {
        var node = data?[key];
        if (node?.Value is not { Length: > 0 } value)
        {
            Missing(data, "Data." + key, "a CSV file path");
            return "";
        }
        if (value.StartsWith("embedded:", StringComparison.Ordinal)) return value;
        // Relative to the file that named it; environment and --set values are relative to the working directory.
        string baseDir = File.Exists(node.Source)
            ? Path.GetDirectoryName(Path.GetFullPath(node.Source))!
            : Environment.CurrentDirectory;
        if (File.Exists(node.Source) && !ScenarioLoader.StaysInside(baseDir, value))
        {
            errors.Add(new ScenarioError(node.Source, node.Path, value, $"leaves the scenario's folder ({ScenarioLoader.Display(baseDir)}); data files must sit in that folder or below it (or be given as absolute paths)"));
            return "";
        }
        return Path.GetFullPath(Path.Combine(baseDir, value));
    }

    private ImmutableArray<Distribution> ReadParameters(ConfigNode? section)
    {
        var values = new Distribution[ParameterCatalog.Scalars.Count];
        if (section is not null && section.IsLeaf && !string.IsNullOrEmpty(section.Value))
            errors.Add(new ScenarioError(section.Source, section.Path, section.Value, "must be an object of parameter names and values { ... }"));
        Known(section, ParameterCatalog.Scalars.Select(p => p.Name));
        for (int i = 0; i < values.Length; i++)
        {
            var info = ParameterCatalog.Scalars[i];
            var node = section?[info.Name];
            values[i] = node is null ? MissingParameter(section, $"Parameters.{info.Name}") : ReadDistribution(node);
        }
        return [.. values];
    }

    private ImmutableArray<ImmutableArray<Distribution>> ReadModalities(ConfigNode? section)
    {
        Known(section, Enum.GetNames<Modality>());
        var result = ImmutableArray.CreateBuilder<ImmutableArray<Distribution>>();
        foreach (var modality in Modalities.All)
        {
            var node = section?[modality.ToString()];
            Known(node, ParameterCatalog.PerModality.Select(p => p.Name));
            var values = new Distribution[ParameterCatalog.PerModality.Count];
            for (int i = 0; i < values.Length; i++)
            {
                var info = ParameterCatalog.PerModality[i];
                var child = node?[info.Name];
                values[i] = child is null ? MissingParameter(node ?? section, $"Modalities.{modality}.{info.Name}") : ReadDistribution(child);
            }
            result.Add([.. values]);
        }
        return result.ToImmutable();
    }

    private Distribution MissingParameter(ConfigNode? near, string path)
    {
        Missing(near, path, "a number or a distribution object");
        return Distribution.Fixed(double.NaN);
    }

    /// <summary>A number (fixed value) or <c>{ "Distribution": "Beta", "Alpha": 2, "Beta": 5 }</c>.</summary>
    internal Distribution ReadDistribution(ConfigNode node)
    {
        if (node.IsLeaf)
        {
            double? x = Number(node);
            return Distribution.Fixed(x ?? double.NaN);
        }
        var kindNode = node["Distribution"];
        if (kindNode?.Value is null)
        {
            errors.Add(new ScenarioError(node.AnySource, node.Path, null,
                $"a distribution object needs \"Distribution\": one of {string.Join(", ", Enum.GetNames<DistributionKind>())}; or write a plain number"));
            return Distribution.Fixed(double.NaN);
        }
        if (!Enum.TryParse<DistributionKind>(kindNode.Value, ignoreCase: true, out var kind) || int.TryParse(kindNode.Value, out _))
        {
            errors.Add(new ScenarioError(kindNode.Source, kindNode.Path, kindNode.Value,
                $"unknown distribution; allowed: {string.Join(", ", Enum.GetNames<DistributionKind>())}{Suggestions.Hint(kindNode.Value, Enum.GetNames<DistributionKind>())}"));
            return Distribution.Fixed(double.NaN);
        }
        var names = Distribution.ParameterNames(kind);
        Known(node, names.Append("Distribution"));
        var values = new double[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            var p = node[names[i]];
            if (p is null) { Missing(node, $"{node.Path}.{names[i]}", $"a number ({kind} needs {string.Join(", ", names)})"); values[i] = double.NaN; }
            else values[i] = Number(p) ?? double.NaN;
        }
        return Distribution.Of(kind, values);
    }

    private RolloutPlan ReadRollout(ConfigNode? section)
    {
        Known(section, ScenarioKeys.NamesIn("Rollout"));
        var tranches = ImmutableArray.CreateBuilder<RolloutTranche>();
        foreach (var t in Array(section, "Tranches"))
        {
            Known(t, ScenarioKeys.NamesIn("Rollout.Tranches"));
            tranches.Add(new RolloutTranche(Text(t, "Name") ?? $"tranche {t.Key}", Clamp(Integer(t, "FirstRank", required: true) ?? 1),
                Clamp(Integer(t, "LastRank", required: true) ?? 1), Date(t, "Start", required: true) ?? default));
        }
        var explicitBcus = ImmutableArray.CreateBuilder<BcuStart>();
        foreach (var b in Array(section, "Bcus"))
        {
            Known(b, ScenarioKeys.NamesIn("Rollout.Bcus"));
            explicitBcus.Add(new BcuStart(Text(b, "Bcu", required: true) ?? "", Date(b, "Start", required: true) ?? default));
        }
        return new RolloutPlan(Clamp(Integer(section, "TotalBcus", required: true) ?? 1), tranches.ToImmutable(), explicitBcus.ToImmutable());
    }

    private PolicySwitches ReadPolicy(ConfigNode? section)
    {
        Known(section, ScenarioKeys.NamesIn("Policy"));
        PresumptionAgainstBail? pab = null;
        var pabNode = section?["PresumptionAgainstBail"];
        Known(pabNode, ScenarioKeys.NamesIn("Policy.PresumptionAgainstBail"));
        if (pabNode is not null && (Bool(pabNode, "Enabled") ?? false))
            pab = new PresumptionAgainstBail(Date(pabNode, "Start", required: true) ?? default, Names(pabNode, "Areas"));
        var caps = ImmutableSortedDictionary.CreateBuilder<FinancialYear, double>();
        var capNode = section?["DttoCapPerYear"];
        if (capNode is not null)
            foreach (var c in capNode.Children)
            {
                if (!FinancialYear.TryParse(c.Key, out var year))
                {
                    errors.Add(new ScenarioError(c.Source, c.Path, c.Key, "the key must be a financial year such as 2003/04"));
                    continue;
                }
                caps[year] = Number(c) ?? double.NaN;
            }
        return new PolicySwitches(Bool(section, "CjsPriority") ?? false, Bool(section, "Aftercare") ?? false, pab, caps.ToImmutable())
        {
            DrrFrom = Date(section, "DrrFrom"),
            AftercareNational = ReadAftercareNational(section?["AftercareNational"]),
        };
    }

    private AftercareRamp? ReadAftercareNational(ConfigNode? node)
    {
        Known(node, ScenarioKeys.NamesIn("Policy.AftercareNational"));
        if (node is null || !(Bool(node, "Enabled") ?? false)) return null;
        var from = Date(node, "From", required: true) ?? default;
        return new AftercareRamp(from, Date(node, "FullBy") ?? from);
    }

    private FixedInputs ReadFixed(ConfigNode? section)
    {
        ImmutableSortedDictionary<Modality, double> ByModality(string key)
        {
            var node = Section(section, key, Enum.GetNames<Modality>());
            var values = ImmutableSortedDictionary.CreateBuilder<Modality, double>();
            if (node is null) return values.ToImmutable();
            foreach (var c in node.Children)
                if (Enum.TryParse<Modality>(c.Key, ignoreCase: true, out var m) && !int.TryParse(c.Key, out _)) values[m] = Number(c) ?? double.NaN;
            return values.ToImmutable();
        }
        return section is null ? FixedInputs.None : new FixedInputs(ByModality("PlacesPerArea"), ByModality("ReferralsPerWeek"));
    }

    private ImmutableArray<AreaOverride> ReadAreaOverrides(ConfigNode? section)
    {
        var result = ImmutableArray.CreateBuilder<AreaOverride>();
        if (section is null) return result.ToImmutable();
        var allowed = ParameterCatalog.Scalars.Where(p => p.PerArea).Select(p => p.Name).ToList();
        foreach (var area in section.Children)
        {
            var values = ImmutableArray.CreateBuilder<KeyValuePair<ParameterId, Distribution>>();
            var modalityValues = ImmutableArray.CreateBuilder<AreaModalityValue>();
            foreach (var p in area.Children)
            {
                if (string.Equals(p.Key, "Modalities", StringComparison.OrdinalIgnoreCase))
                {
                    ReadAreaModalities(p, modalityValues);
                    continue;
                }
                var id = ParameterCatalog.FindScalar(p.Key);
                if (id is null || !ParameterCatalog.Scalars[(int)id].PerArea)
                {
                    errors.Add(new ScenarioError(p.AnySource, p.Path, null,
                        id is null ? $"unknown parameter{Suggestions.Hint(p.Key, allowed)}" : $"'{p.Key}' is national and cannot vary by area; area parameters: {string.Join(", ", allowed)}"));
                    continue;
                }
                values.Add(new(id.Value, ReadDistribution(p)));
            }
            result.Add(new AreaOverride(area.Key, values.ToImmutable()) { ModalityValues = modalityValues.ToImmutable() });
        }
        return result.ToImmutable();
    }

    /// <summary>An area's own per-modality values (issue 16): <c>Modalities: { GpPrescribing: { CostPerPlaceWeek: 40, ... } }</c>.</summary>
    private void ReadAreaModalities(ConfigNode section, ImmutableArray<AreaModalityValue>.Builder into)
    {
        Known(section, Enum.GetNames<Modality>());
        var allowed = ParameterCatalog.PerAreaModality.Select(id => ParameterCatalog.PerModality[(int)id].Name).ToList();
        foreach (var modality in Modalities.All)
        {
            var node = section[modality.ToString()];
            if (node is null) continue;
            Known(node, allowed);
            foreach (var id in ParameterCatalog.PerAreaModality)
                if (node[ParameterCatalog.PerModality[(int)id].Name] is { } child)
                    into.Add(new AreaModalityValue(modality, id, ReadDistribution(child)));
        }
    }

    private ImmutableArray<ParameterChange> ReadChanges(ConfigNode? section)
    {
        var result = ImmutableArray.CreateBuilder<ParameterChange>();
        foreach (var c in Array(section, "ParameterChanges", isSelf: true))
        {
            Known(c, ScenarioKeys.NamesIn("ParameterChanges"));
            string name = Text(c, "Parameter", required: true) ?? "";
            var id = ParameterCatalog.FindScalar(name);
            var perModality = id is null ? ParameterCatalog.FindPerModality(name) : null;
            var info = id is { } i ? ParameterCatalog.Scalars[(int)i] : perModality is { } j ? ParameterCatalog.PerModality[(int)j] : null;
            var n = c["Parameter"];
            if (name.Length > 0 && n is not null && (info is null || !info.Changeable))
            {
                var changeable = ParameterCatalog.Scalars.Concat(ParameterCatalog.PerModality).Where(p => p.Changeable).Select(p => p.Name).ToList();
                errors.Add(new ScenarioError(n.Source, n.Path, name,
                    info is null ? $"unknown parameter{Suggestions.Hint(name, changeable)}" : $"'{info.Name}' cannot change over time: {info.WhyUnchangeable}; allowed: {string.Join(", ", changeable)}"));
            }
            // Modality: only on a per-modality parameter (absent: every modality).
            Modality? modality = null;
            // "all" (what the writer writes for a change without one, as the outputs name the total) means every modality.
            if (c["Modality"] is { } mNode && !string.Equals(mNode.Value, "all", StringComparison.OrdinalIgnoreCase))
            {
                string text = Text(c, "Modality") ?? "";
                var names = Modalities.All.Select(Modalities.OutputName).ToList();
                int m = names.FindIndex(x => string.Equals(x, text, StringComparison.OrdinalIgnoreCase));
                if (m < 0) m = Modalities.All.ToList().FindIndex(x => string.Equals(x.ToString(), text, StringComparison.OrdinalIgnoreCase));
                if (m < 0)
                    errors.Add(new ScenarioError(mNode.Source, mNode.Path, text, $"unknown modality{Suggestions.Hint(text, names)}; allowed: {string.Join(", ", names)}, or all (the same as omitting it: every modality)"));
                else if (perModality is null && info is not null)
                    errors.Add(new ScenarioError(mNode.Source, mNode.Path, text,
                        $"'{info.Name}' is not a per-modality parameter: omit Modality (per-modality parameters: {string.Join(", ", ParameterCatalog.PerModality.Where(p => p.Changeable).Select(p => p.Name))})"));
                else modality = Modalities.All[m];
            }
            result.Add(new ParameterChange(id ?? 0, Date(c, "From", required: true) ?? default, NumberAt(c, "Multiplier", required: true) ?? double.NaN, Names(c, "Areas"),
                perModality, modality));
        }
        return result.ToImmutable();
    }

    private ImmutableArray<TargetDeclaration> ReadTargets(ConfigNode section)
    {
        var result = ImmutableArray.CreateBuilder<TargetDeclaration>();
        var metrics = Enum.GetValues<Metric>().ToDictionary(MetricCatalog.OutputName, m => m, StringComparer.OrdinalIgnoreCase);
        foreach (var t in Array(section, "Targets", isSelf: true))
        {
            Known(t, ScenarioKeys.NamesIn("Targets"));
            string name = Text(t, "Name", required: true) ?? "";
            if (name.Length > 0 && (name.Any(c => c is ',' or '"' or '\n' or '\r') || string.IsNullOrWhiteSpace(name)))
                errors.Add(new ScenarioError(t["Name"]!.Source, t["Name"]!.Path, name, "must be a name without commas, quotes or line breaks"));
            string kindText = Text(t, "Kind", required: true) ?? "";
            TargetDeclarationKind kind = default;
            if (kindText.Length > 0 && !Enum.TryParse(kindText, ignoreCase: true, out kind) || int.TryParse(kindText, out _))
                errors.Add(new ScenarioError(t["Kind"]!.Source, t["Kind"]!.Path, kindText,
                    $"unknown kind{Suggestions.Hint(kindText, Enum.GetNames<TargetDeclarationKind>())}; allowed: {string.Join(", ", Enum.GetNames<TargetDeclarationKind>())}"));
            string metricText = Text(t, "Metric", required: true) ?? "";
            if (!metrics.TryGetValue(metricText, out var metric) && metricText.Length > 0)
                errors.Add(new ScenarioError(t["Metric"]!.Source, t["Metric"]!.Path, metricText, $"unknown metric{Suggestions.Hint(metricText, metrics.Keys)}; allowed: the metric names of annual.csv"));
            Modality? modality = null;
            if (Text(t, "Modality") is { } modalityText)
            {
                int m = Modalities.All.Select(Modalities.OutputName).ToList().FindIndex(n => string.Equals(n, modalityText, StringComparison.OrdinalIgnoreCase));
                if (m < 0) errors.Add(new ScenarioError(t["Modality"]!.Source, t["Modality"]!.Path, modalityText,
                    $"unknown modality{Suggestions.Hint(modalityText, Modalities.All.Select(Modalities.OutputName))}; allowed: {string.Join(", ", Modalities.All.Select(Modalities.OutputName))}"));
                else if (!MetricCatalog.HasModalities(metric)) errors.Add(new ScenarioError(t["Modality"]!.Source, t["Modality"]!.Path, modalityText, $"'{metricText}' is recorded only in total: omit Modality"));
                else modality = (Modality)m;
            }
            var year = YearAt(t, "Year", required: true);
            var baseYear = YearAt(t, "BaseYear", required: kind == TargetDeclarationKind.GrowthOverBase);
            double value = kind == TargetDeclarationKind.RiseOnYearBefore ? double.NaN : NumberAt(t, "Value", required: true) ?? double.NaN;
            if (kind != TargetDeclarationKind.RiseOnYearBefore && t["Value"] is { } v && double.IsFinite(value) && (value < 0 || kind == TargetDeclarationKind.GrowthOverBase && value <= 0))
                errors.Add(new ScenarioError(v.Source, v.Path, v.Value, kind == TargetDeclarationKind.GrowthOverBase ? "must be a factor > 0 (1.55 for +55%, 0.8 for down 20%)" : "must be a level >= 0"));
            if (year is { } y && baseYear is { } b && kind == TargetDeclarationKind.GrowthOverBase && b >= y)
                errors.Add(new ScenarioError(t["BaseYear"]!.Source, t["BaseYear"]!.Path, t["BaseYear"]!.Value, $"must be before the target year {y}"));
            double? published = NumberAt(t, "PublishedBaseline");
            if (published is { } pb && (pb <= 0 || kind != TargetDeclarationKind.GrowthOverBase))
                errors.Add(new ScenarioError(t["PublishedBaseline"]!.Source, t["PublishedBaseline"]!.Path, t["PublishedBaseline"]!.Value,
                    kind != TargetDeclarationKind.GrowthOverBase ? "only a GrowthOverBase target has a baseline" : "must be a published figure > 0"));
            result.Add(new TargetDeclaration(name, kind, metric, modality, year ?? default, value)
            {
                BaseYear = baseYear,
                PublishedBaseline = published,
                Area = Text(t, "Area") is { Length: > 0 } area ? area.Trim() : null,
                Source = Text(t, "Source") ?? "",
            });
        }
        return result.ToImmutable();
    }

    private FinancialYear? YearAt(ConfigNode? parent, string key, bool required = false)
    {
        var node = parent?[key];
        if (node is null) { if (required) Missing(parent, Join(parent, key), "a financial year like 2003/04"); return null; }
        if (node.IsLeaf && node.Value is { } text && FinancialYear.TryParse(text.Trim(), out var year)) return year;
        errors.Add(new ScenarioError(node.Source, node.Path, node.Value ?? "null", "must be a financial year like 2003/04"));
        return null;
    }

    // ---- typed accessors -------------------------------------------------------------------

    private ConfigNode? Section(ConfigNode? parent, string key, IEnumerable<string> allowed)
    {
        var node = parent?[key];
        if (node is not null && node.IsLeaf && !string.IsNullOrEmpty(node.Value))
            errors.Add(new ScenarioError(node.Source, node.Path, node.Value, "must be an object { ... }"));
        Known(node, allowed);
        return node;
    }

    private void Known(ConfigNode? node, IEnumerable<string> allowed)
    {
        if (node is null) return;
        var list = allowed.ToList();
        foreach (var child in node.Children)
            if (!list.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                errors.Add(new ScenarioError(child.IsLeaf ? child.Source : child.AnySource, child.Path, child.Value,
                    $"unknown key{Suggestions.Hint(child.Key, list)}; allowed here: {string.Join(", ", list)}"));
    }

    private void Missing(ConfigNode? near, string path, string what)
    {
        // Under a section already reported (e.g. "Parameters": 5), every key is missing: say it once.
        for (; _indexedErrors < errors.Count; _indexedErrors++) _errorPaths.Add(errors[_indexedErrors].Path);
        for (int dot = path.IndexOf('.'); dot >= 0; dot = path.IndexOf('.', dot + 1))
            if (_errorPaths.Contains(path[..dot])) return;
        errors.Add(new ScenarioError(near?.AnySource ?? "scenario", path, null, $"missing; expected {what}"));
    }

    /// <summary>Paths of the errors so far (the first <see cref="_indexedErrors"/> of them), so that <see cref="Missing"/> stays linear.</summary>
    private readonly HashSet<string> _errorPaths = new(StringComparer.OrdinalIgnoreCase);
    private int _indexedErrors;

    private IEnumerable<ConfigNode> Array(ConfigNode? parent, string key, bool isSelf = false)
    {
        var node = isSelf ? parent : parent?[key];
        if (node is null) return [];
        if (node.IsLeaf)
        {
            if (!string.IsNullOrEmpty(node.Value)) errors.Add(new ScenarioError(node.Source, node.Path, node.Value, "must be a list [ ... ]"));
            return [];
        }
        var bad = node.Children.Where(c => !int.TryParse(c.Key, out _)).ToList();
        foreach (var b in bad) errors.Add(new ScenarioError(b.AnySource, b.Path, null, "must be a list [ ... ], not an object"));
        if (bad.Count > 0) return [];
        // Items are numbered 0 to n-1 (as a JSON array numbers them); overrides are held to that when layered, and an
        // object with number-like keys ({ "-1": ..., "01": ... }) is held to it here.
        var items = node.Items.ToList();
        for (int i = 0; i < items.Count; i++)
            if (items[i].Key != i.ToString(CultureInfo.InvariantCulture))
            {
                errors.Add(new ScenarioError(items[i].AnySource, items[i].Path, items[i].IsLeaf ? items[i].Value : null,
                    $"'{items[i].Key}' is not the index of item {i}: the {items.Count} items of {node.Path} are numbered 0 to {items.Count - 1}"));
                return [];
            }
        return items;
    }

    private ImmutableArray<string> Names(ConfigNode? parent, string key)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var item in Array(parent, key))
        {
            if (!item.IsLeaf || string.IsNullOrWhiteSpace(item.Value))
                errors.Add(new ScenarioError(item.AnySource, item.Path, item.Value, "must be a non-empty name"));
            else builder.Add(item.Value.Trim());
        }
        return builder.ToImmutable();
    }

    private string? Text(ConfigNode? parent, string key, bool required = false)
    {
        var node = parent?[key];
        if (node is null) { if (required) Missing(parent, Join(parent, key), "text"); return null; }
        if (!node.IsLeaf) { errors.Add(new ScenarioError(node.AnySource, node.Path, null, "must be text, not an object or list")); return null; }
        return node.Value;
    }

    private double? Number(ConfigNode node)
    {
        if (!node.IsLeaf) { errors.Add(new ScenarioError(node.AnySource, node.Path, null, "must be a number, not an object or list")); return null; }
        if (double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)) return x;
        errors.Add(new ScenarioError(node.Source, node.Path, node.Value ?? "null", "must be a finite number (NaN and Infinity are not allowed)"));
        return null;
    }

    private double? NumberAt(ConfigNode? parent, string key, bool required = false)
    {
        var node = parent?[key];
        if (node is null) { if (required) Missing(parent, Join(parent, key), "a number"); return null; }
        return Number(node);
    }

    private long? Integer(ConfigNode? parent, string key, bool required = false)
    {
        var node = parent?[key];
        if (node is null) { if (required) Missing(parent, Join(parent, key), "a whole number"); return null; }
        if (node.IsLeaf && long.TryParse(node.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long x)) return x;
        errors.Add(new ScenarioError(node.Source, node.Path, node.Value ?? "null", "must be a whole number"));
        return null;
    }

    private ulong UnsignedInteger(ConfigNode? parent, string key)
    {
        var node = parent?[key];
        if (node is null) { Missing(parent, Join(parent, key), "a whole number from 0 to 18446744073709551615"); return 0; }
        if (node.IsLeaf && ulong.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong x)) return x;
        errors.Add(new ScenarioError(node.Source, node.Path, node.Value ?? "null", "must be a whole number from 0 to 18446744073709551615"));
        return 0;
    }

    private bool? Bool(ConfigNode? parent, string key)
    {
        var node = parent?[key];
        if (node is null) return null;
        if (node.IsLeaf && bool.TryParse(node.Value, out bool b)) return b;
        errors.Add(new ScenarioError(node.Source, node.Path, node.Value ?? "null", "must be true or false"));
        return null;
    }

    private DateOnly? Date(ConfigNode? parent, string key, bool required = false)
    {
        var node = parent?[key];
        if (node is null) { if (required) Missing(parent, Join(parent, key), "a date yyyy-MM-dd"); return null; }
        if (node.IsLeaf && DateOnly.TryParseExact(node.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Add(new ScenarioError(node.Source, node.Path, node.Value ?? "null", "must be a date written yyyy-MM-dd, e.g. 2003-06-02"));
        return null;
    }

    /// <summary>Out-of-range whole numbers become int's extremes, which the validator then rejects with their bounds.</summary>
    private static int Clamp(long x) => (int)Math.Clamp(x, int.MinValue, int.MaxValue);

    private static string Join(ConfigNode? parent, string key) => string.IsNullOrEmpty(parent?.Path) ? key : $"{parent.Path}.{key}";
}
