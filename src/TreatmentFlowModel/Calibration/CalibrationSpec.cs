using System.Collections.Immutable;
using System.Text.Json;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Calibration;

/// <summary>A parameter the calibration may move, with the range it may move in (its mean, for uncertain parameters).</summary>
/// <param name="Parameter">The scalar parameter.</param>
/// <param name="Min">Lowest mean allowed.</param>
/// <param name="Max">Highest mean allowed.</param>
public sealed record FreeParameter(ParameterId Parameter, double Min, double Max);

/// <summary>
/// A figure for England the baseline must reproduce: an annual metric, or its ratio to the sum of other
/// annual metrics (a share), in a financial year.
/// </summary>
/// <param name="Name">Short name for the report.</param>
/// <param name="Metric">The annual metric (flows summed over the year, levels at its end).</param>
/// <param name="Per">Metrics whose sum divides <paramref name="Metric"/>; empty for a plain value.</param>
/// <param name="Year">The financial year.</param>
/// <param name="Value">The published figure.</param>
/// <param name="Source">Where the figure comes from.</param>
public sealed record CalibrationTarget(string Name, Metric Metric, ImmutableArray<Metric> Per, FinancialYear Year, double Value, string Source);

/// <summary>What <c>tfm calibrate</c> fits: free parameters and the targets they are fitted to.</summary>
/// <param name="Free">Parameters to fit.</param>
/// <param name="Targets">Figures to reproduce.</param>
public sealed record CalibrationSpec(ImmutableArray<FreeParameter> Free, ImmutableArray<CalibrationTarget> Targets)
{
    /// <summary>Reads a calibration file; every problem is reported at once, with the file, key and what is allowed.</summary>
    /// <exception cref="ScenarioException">The file is missing or malformed.</exception>
    public static CalibrationSpec Load(string path)
    {
        var errors = new List<ScenarioError>();
        string display = path;
        void Error(string key, string value, string message) => errors.Add(new ScenarioError(display, key, value, message));
        string text = ScenarioLoader.ReadText(path, "command line", "calibration file", errors) ?? throw new ScenarioException(errors);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ScenarioException([new ScenarioError(display, $"line {e.LineNumber + 1}", "", $"not valid JSON: {e.Message}")]);
        }
        using (doc)
        {
            var free = new List<FreeParameter>();
            var targets = new List<CalibrationTarget>();
            var root = doc.RootElement;
            foreach (var property in root.EnumerateObject())
                if (property.Name is not ("Free" or "Targets" or "Description" or "$schema"))
                    Error(property.Name, "", "unknown key; allowed: Description, Free, Targets");
            if (!root.TryGetProperty("Free", out var freeNode) || freeNode.ValueKind != JsonValueKind.Object)
                Error("Free", "", "an object of parameter names with { \"Min\": ..., \"Max\": ... }");
            else
                foreach (var p in freeNode.EnumerateObject())
                {
                    var id = ParameterCatalog.FindScalar(p.Name);
                    if (id is null) { Error($"Free.{p.Name}", "", $"not a scalar parameter{Suggestions.Hint(p.Name, ParameterCatalog.Scalars.Select(s => s.Name))}"); continue; }
                    double min = Number(p.Value, "Min", $"Free.{p.Name}"), max = Number(p.Value, "Max", $"Free.{p.Name}");
                    var (low, high) = ParameterCatalog.Bounds(ParameterCatalog.Scalars[(int)id]);
                    if (!(min < max)) Error($"Free.{p.Name}", $"{min}..{max}", "Min must be below Max");
                    else if (min < low || max > high) Error($"Free.{p.Name}", $"{min}..{max}", $"must lie within the parameter's range: {ParameterCatalog.Describe(ParameterCatalog.Scalars[(int)id])}");
                    free.Add(new FreeParameter(id.Value, min, max));
                }
            if (!root.TryGetProperty("Targets", out var targetNode) || targetNode.ValueKind != JsonValueKind.Array)
                Error("Targets", "", "an array of { Name, Metric, Year, Value, Source } objects");
            else
            {
                int i = 0;
                foreach (var t in targetNode.EnumerateArray())
                {
                    string at = $"Targets[{i++}]";
                    string name = Text(t, "Name", at), source = Text(t, "Source", at), yearText = Text(t, "Year", at);
                    var metric = MetricNamed(Text(t, "Metric", at), $"{at}.Metric");
                    var per = new List<Metric>();
                    if (t.TryGetProperty("Per", out var perNode))
                        foreach (var m in perNode.EnumerateArray()) if (MetricNamed(m.GetString() ?? "", $"{at}.Per") is { } pm) per.Add(pm);
                    if (!FinancialYear.TryParse(yearText, out var year)) Error($"{at}.Year", yearText, "a financial year such as 2000/01");
                    double value = Number(t, "Value", at);
                    if (!(value > 0)) Error($"{at}.Value", value.ToString(System.Globalization.CultureInfo.InvariantCulture), "a positive number");
                    if (metric is { } mm) targets.Add(new CalibrationTarget(name, mm, [.. per], year, value, source));
                }
            }
            if (free.Count == 0) Error("Free", "", "at least one parameter to fit");
            if (targets.Count == 0) Error("Targets", "", "at least one target");
            if (errors.Count > 0) throw new ScenarioException(errors);
            return new CalibrationSpec([.. free], [.. targets]);

            double Number(JsonElement e, string key, string at)
            {
                if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble())) return v.GetDouble();
                Error($"{at}.{key}", e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var bad) ? bad.GetRawText() : "", "a number");
                return double.NaN;
            }
            string Text(JsonElement e, string key, string at)
            {
                if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString()!;
                Error($"{at}.{key}", "", "a string");
                return "";
            }
            Metric? MetricNamed(string name, string at)
            {
                foreach (var m in Enum.GetValues<Metric>()) if (MetricCatalog.OutputName(m) == name) return m;
                Error(at, name, $"a metric name{Suggestions.Hint(name, Enum.GetValues<Metric>().Select(MetricCatalog.OutputName))}");
                return null;
            }
        }
    }
}
