using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using TreatmentFlowModel.Calibration.Abc;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Calibration;

/// <summary>
/// What <c>tfm calibrate</c> fits, as data (<c>scenarios/calibration/spec.json</c>): the parameters with their priors and
/// sources, and the published figures with their errors, the model outputs they map to and the year they belong to.
/// </summary>
/// <param name="Description">One line on what is calibrated.</param>
/// <param name="Parameters">Parameters fitted, in the posterior file's column order.</param>
/// <param name="Observations">Figures fitted or checked, in the report's order.</param>
public sealed record CalibrationSpec(string Description, ImmutableArray<FittedParameter> Parameters, ImmutableArray<CalibrationObservation> Observations)
{
    private static readonly string[] TopKeys = ["$schema", "Description", "Parameters", "Observations"];
    private static readonly string[] TermKeys = ["Metric", "Modality", "Year", "Date", "From", "To"];
    private static readonly string[] ObservationKeys = [.. TermKeys, "Name", "Times", "Per", "Scale", "Value", "Values", "Range", "Bias", "Sd", "Dated", "CheckOnly", "Source"];

    /// <summary>The joint prior of <see cref="Parameters"/>.</summary>
    public Prior Prior => new(Parameters.Select(p => new PriorParameter(p.Name, p.Prior)));

    /// <summary>Reads a calibration file; every problem is reported at once, naming the file, key, value and what is allowed.</summary>
    /// <exception cref="ScenarioException">The file is missing or malformed.</exception>
    public static CalibrationSpec Load(string path)
    {
        var readErrors = new List<ScenarioError>();
        string text = ScenarioLoader.ReadText(path, "command line", "calibration file", readErrors) ?? throw new ScenarioException(readErrors);
        return Parse(text, path);
    }

    /// <summary>Reads a calibration file's text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="ScenarioException">The text is malformed.</exception>
    public static CalibrationSpec Parse(string text, string source)
    {
        var errors = new List<ScenarioError>();
        void Error(string key, string? value, string message) => errors.Add(new ScenarioError(source, key, value, message));
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ScenarioException([new ScenarioError(source, $"line {e.LineNumber + 1}", null, $"not valid JSON: {e.Message}")]);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ScenarioException([new ScenarioError(source, "", null, "the file must hold one JSON object")]);
            UnknownKeys(root, "", TopKeys);
            string description = root.TryGetProperty("Description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";
            var parameters = new List<FittedParameter>();
            if (!root.TryGetProperty("Parameters", out var pNode) || pNode.ValueKind != JsonValueKind.Object || !pNode.EnumerateObject().Any())
                Error("Parameters", null, "an object of at least one parameter name with its prior, e.g. { \"OtherReferralPerYear\": { \"Prior\": \"Uniform\", \"Lower\": 0.25, \"Upper\": 0.6, \"Source\": \"...\" } }");
            else
                foreach (var p in pNode.EnumerateObject()) if (ParameterOf(p.Name, p.Value) is { } fp) parameters.Add(fp);
            var observations = new List<CalibrationObservation>();
            if (!root.TryGetProperty("Observations", out var oNode) || oNode.ValueKind != JsonValueKind.Array || oNode.GetArrayLength() == 0)
                Error("Observations", null, "an array of at least one observation { Name, Metric, Year|Date|From+To, Scale, Value|Values|Range, Sd, Source }");
            else
            {
                int i = 0;
                foreach (var o in oNode.EnumerateArray()) if (ObservationOf(o, $"Observations[{i++}]") is { } co) observations.Add(co);
            }
            foreach (var dup in parameters.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                Error($"Parameters.{dup.Key}", null, "named twice");
            foreach (var dup in observations.GroupBy(o => o.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
                Error("Observations", dup.Key, "two observations have this name; names must be unique");
            if (observations.Count > 0 && observations.All(o => o.CheckOnly)) Error("Observations", null, "at least one observation must be fitted (CheckOnly false)");
            if (errors.Count > 0) throw new ScenarioException(errors);
            return new CalibrationSpec(description, [.. parameters], [.. observations]);
        }

        void UnknownKeys(JsonElement node, string at, string[] allowed)
        {
            foreach (var property in node.EnumerateObject())
                if (!allowed.Contains(property.Name))
                    Error(Join(at, property.Name), null, $"unknown key; allowed: {string.Join(", ", allowed)}{Suggestions.Hint(property.Name, allowed)}");
        }

        FittedParameter? ParameterOf(string name, JsonElement node)
        {
            string at = $"Parameters.{name}";
            ParameterInfo info;
            ParameterId? scalar = null;
            Modality? modality = null;
            ModalityParameterId? perModality = null;
            int dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                scalar = ParameterCatalog.FindScalar(name);
                if (scalar is null)
                {
                    Error(at, null, $"not a scalar parameter{Suggestions.Hint(name, ParameterCatalog.Scalars.Select(s => s.Name))} (a per-modality one is written Modality.Parameter)");
                    return null;
                }
                info = ParameterCatalog.Scalars[(int)scalar];
            }
            else
            {
                string modalityName = name[..dot], parameterName = name[(dot + 1)..];
                if (!Enum.TryParse<Modality>(modalityName, ignoreCase: false, out var m) || !Enum.IsDefined(m))
                {
                    Error(at, modalityName, $"not a modality; allowed: {string.Join(", ", Enum.GetNames<Modality>())}");
                    return null;
                }
                int index = -1;
                for (int i = 0; i < ParameterCatalog.PerModality.Count; i++)
                    if (ParameterCatalog.PerModality[i].Name == parameterName) index = i;
                if (index < 0)
                {
                    Error(at, parameterName, $"not a per-modality parameter{Suggestions.Hint(parameterName, ParameterCatalog.PerModality.Select(s => s.Name))}");
                    return null;
                }
                modality = m;
                perModality = (ModalityParameterId)index;
                info = ParameterCatalog.PerModality[index];
            }
            if (node.ValueKind != JsonValueKind.Object)
            {
                Error(at, node.GetRawText(), "an object { \"Prior\": \"Uniform\"|\"LogNormal\"|\"Normal\", its numbers, \"Source\": \"...\" }");
                return null;
            }
            string family = Text(node, "Prior", at) ?? "";
            string priorSource = Text(node, "Source", at) ?? "";
            string[] keys = family switch
            {
                "Uniform" => ["Lower", "Upper"],
                "LogNormal" => ["Median", "Factor90"],
                "Normal" => ["Mean", "Sd"],
                _ => [],
            };
            if (keys.Length == 0)
            {
                if (family != "") Error($"{at}.Prior", family, "allowed: Uniform (Lower, Upper), LogNormal (Median, Factor90: 90% within median / factor to median x factor), Normal (Mean, Sd; truncated to the parameter's range)");
                return null;
            }
            UnknownKeys(node, at, ["Prior", "Source", .. keys]);
            double a = Number(node, keys[0], at), b = Number(node, keys[1], at);
            if (double.IsNaN(a) || double.IsNaN(b)) return null;
            var (min, max) = ParameterCatalog.Bounds(info);
            PriorDistribution? prior = null;
            string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);
            switch (family)
            {
                case "Uniform" when !(a < b): Error(at, $"{Show(a)}..{Show(b)}", "Lower must be below Upper"); break;
                case "Uniform" when a < min || b > max: Error(at, $"{Show(a)}..{Show(b)}", $"must lie within the parameter's range: {ParameterCatalog.Describe(info)}"); break;
                case "Uniform": prior = new UniformPrior(a, b); break;
                case "LogNormal" when !(a > 0) || !(b > 1): Error(at, $"Median {Show(a)}, Factor90 {Show(b)}", "Median must be > 0 and Factor90 > 1"); break;
                case "LogNormal" when info.Range == ParameterRange.Probability || a * Math.Pow(b, 5) > max: Error(at, family, $"a log-normal prior is unbounded above and would pass the parameter's range ({ParameterCatalog.Describe(info)}) too often: use Uniform or Normal"); break;
                case "LogNormal": prior = LogNormalPrior.FromMedian(a, b); break;
                case "Normal" when !(b > 0): Error(at, Show(b), "Sd must be > 0"); break;
                case "Normal" when a < min || a > max: Error(at, Show(a), $"Mean must lie within the parameter's range: {ParameterCatalog.Describe(info)}"); break;
                case "Normal": prior = new TruncatedNormalPrior(a, b, min, max >= double.MaxValue / 2 ? double.PositiveInfinity : max); break;
            }
            return prior is null ? null : new FittedParameter(name, scalar, modality, perModality, prior, priorSource);
        }

        SummaryTerm? TermOf(JsonElement node, string at, bool allowBlock)
        {
            if (node.ValueKind != JsonValueKind.Object)
            {
                Error(at, node.GetRawText(), "an object { Metric, Modality?, Year | Date | From + To }");
                return null;
            }
            string metricName = Text(node, "Metric", at) ?? "";
            Metric? metric = null;
            foreach (var m in Enum.GetValues<Metric>()) if (MetricCatalog.OutputName(m) == metricName) metric = m;
            if (metric is null && metricName != "")
                Error($"{at}.Metric", metricName, $"not a metric{Suggestions.Hint(metricName, Enum.GetValues<Metric>().Select(MetricCatalog.OutputName))}");
            Modality? modality = null;
            if (node.TryGetProperty("Modality", out var modNode))
            {
                string modName = modNode.ValueKind == JsonValueKind.String ? modNode.GetString()! : modNode.GetRawText();
                int index = Enumerable.Range(0, Modalities.Count).FirstOrDefault(i => Modalities.OutputName(i) == modName, -1);
                if (index < 0) Error($"{at}.Modality", modName, $"allowed: {string.Join(", ", Enumerable.Range(0, Modalities.Count).Select(Modalities.OutputName))}");
                else if (metric is { } mm && !MetricCatalog.HasModalities(mm)) Error($"{at}.Modality", modName, $"{metricName} is not recorded by modality");
                else modality = (Modality)index;
            }
            FinancialYear? year = null;
            DateOnly? date = null, from = null, to = null;
            if (node.TryGetProperty("Year", out _))
            {
                string y = Text(node, "Year", at) ?? "";
                if (FinancialYear.TryParse(y, out var fy)) year = fy;
                else if (y != "") Error($"{at}.Year", y, "a financial year such as 2000/01");
            }
            if (node.TryGetProperty("Date", out _)) date = Date(node, "Date", at);
            if (node.TryGetProperty("From", out _) || node.TryGetProperty("To", out _))
            {
                from = Date(node, "From", at);
                to = Date(node, "To", at);
                if (from is { } f && to is { } t && t < f) Error($"{at}.To", $"{t:yyyy-MM-dd}", "must not be before From");
            }
            int forms = (node.TryGetProperty("Year", out _) ? 1 : 0) + (node.TryGetProperty("Date", out _) ? 1 : 0) + (node.TryGetProperty("From", out _) || node.TryGetProperty("To", out _) ? 1 : 0);
            if (forms != 1) Error(at, null, "exactly one of Year (a financial year), Date (the week containing it) or From and To (a sum over weeks)");
            if (metric is null || forms != 1 || (year is null && date is null && (from is null || to is null))) return null;
            return new SummaryTerm(metric.Value, modality, year, date, from, to);
        }

        CalibrationObservation? ObservationOf(JsonElement node, string at)
        {
            if (node.ValueKind != JsonValueKind.Object)
            {
                Error(at, node.GetRawText(), "an observation object");
                return null;
            }
            UnknownKeys(node, at, ObservationKeys);
            string name = Text(node, "Name", at) ?? "";
            if (name != "" && NameProblem(name) is { } problem) Error($"{at}.Name", name, problem);
            at = name != "" ? $"{at} ({name})" : at;
            var term = TermOf(node, at, allowBlock: true);
            var times = Terms("Times");
            var per = Terms("Per");
            string scaleText = Text(node, "Scale", at) ?? "";
            ObservationScale? scale = scaleText switch { "Log" => ObservationScale.Log, "Linear" => ObservationScale.Linear, "" => null, _ => null };
            if (scale is null && scaleText != "") Error($"{at}.Scale", scaleText, "Log or Linear");
            bool hasValue = node.TryGetProperty("Value", out _), hasValues = node.TryGetProperty("Values", out var valuesNode), hasRange = node.TryGetProperty("Range", out var rangeNode);
            if ((hasValue ? 1 : 0) + (hasValues ? 1 : 0) + (hasRange ? 1 : 0) != 1)
                Error(at, null, "exactly one of Value (a figure, with Sd), Values (six figures by modality, with Sd) or Range ([low, high], a 90% range)");
            double bias = node.TryGetProperty("Bias", out _) ? Number(node, "Bias", at) : 1;
            if (!(bias > 0)) Error($"{at}.Bias", Show(bias), "a positive number (1 for none)");
            double sd = double.NaN;
            var values = ImmutableArray<double>.Empty;
            if (hasRange)
            {
                if (node.TryGetProperty("Sd", out _)) Error($"{at}.Sd", null, "a Range sets the error itself (its 90% half-width / 1.645); give Sd only with Value or Values");
                double[] range = rangeNode.ValueKind == JsonValueKind.Array ? [.. rangeNode.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN)] : [];
                if (range.Length != 2 || !(range[0] < range[1]) || (scale == ObservationScale.Log && !(range[0] > 0)))
                    Error($"{at}.Range", rangeNode.GetRawText(), scale == ObservationScale.Log ? "[low, high] with 0 < low < high" : "[low, high] with low < high");
                else if (scale == ObservationScale.Log)
                {
                    values = [Math.Sqrt(range[0] * range[1])];
                    sd = Math.Log(range[1] / range[0]) / (2 * 1.6448536269514722);
                }
                else
                {
                    values = [(range[0] + range[1]) / 2];
                    sd = (range[1] - range[0]) / (2 * 1.6448536269514722);
                }
            }
            else
            {
                sd = Number(node, "Sd", at);
                if (!double.IsNaN(sd) && !(sd > 0)) Error($"{at}.Sd", Show(sd), "a positive number");
                if (hasValue)
                {
                    double v = Number(node, "Value", at);
                    if (!double.IsNaN(v)) values = [v];
                }
                else if (hasValues)
                {
                    double[] six = valuesNode.ValueKind == JsonValueKind.Array ? [.. valuesNode.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN)] : [];
                    if (six.Length != Modalities.Count || six.Any(double.IsNaN))
                        Error($"{at}.Values", valuesNode.GetRawText(), $"six numbers, one per modality in the order {string.Join(", ", Enumerable.Range(0, Modalities.Count).Select(Modalities.OutputName))}");
                    else if (term?.Modality is not null) Error($"{at}.Modality", null, "a block of six Values is by modality: leave Modality out");
                    else if (term is not null && !MetricCatalog.HasModalities(term.Metric)) Error($"{at}.Metric", MetricCatalog.OutputName(term.Metric), "six Values need a metric recorded by modality");
                    else values = [.. six];
                }
            }
            if (scale == ObservationScale.Log && values.Any(v => !(v > 0))) Error($"{at}.Value", string.Join(", ", values.Select(Show)), "a log-scale figure must be > 0");
            FinancialYear? dated = null;
            if (node.TryGetProperty("Dated", out _))
            {
                string y = Text(node, "Dated", at) ?? "";
                if (FinancialYear.TryParse(y, out var fy)) dated = fy;
                else if (y != "") Error($"{at}.Dated", y, "the financial year the figure belongs to, such as 2000/01");
            }
            bool checkOnly = false;
            if (node.TryGetProperty("CheckOnly", out var checkNode))
            {
                if (checkNode.ValueKind is JsonValueKind.True or JsonValueKind.False) checkOnly = checkNode.GetBoolean();
                else Error($"{at}.CheckOnly", checkNode.GetRawText(), "true or false");
            }
            string observationSource = Text(node, "Source", at) ?? "";
            if (name == "" || term is null || times is null || per is null || scale is null || values.IsEmpty || double.IsNaN(sd) || !(sd > 0) || !(bias > 0)) return null;
            return new CalibrationObservation(name, term, times.Value, per.Value, scale.Value, values, bias, sd, dated, checkOnly, observationSource);

            ImmutableArray<SummaryTerm>? Terms(string key)
            {
                if (!node.TryGetProperty(key, out var list)) return [];
                if (list.ValueKind != JsonValueKind.Array)
                {
                    Error($"{at}.{key}", list.GetRawText(), "an array of { Metric, Modality?, Year | Date | From + To } objects");
                    return null;
                }
                var terms = new List<SummaryTerm>();
                int i = 0;
                bool ok = true;
                foreach (var t in list.EnumerateArray())
                {
                    if (t.ValueKind == JsonValueKind.Object) UnknownKeys(t, $"{at}.{key}[{i}]", TermKeys);
                    if (TermOf(t, $"{at}.{key}[{i++}]", allowBlock: false) is { } term) terms.Add(term);
                    else ok = false;
                }
                return ok ? [.. terms] : null;
            }
        }

        string? Text(JsonElement node, string key, string at)
        {
            if (node.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Trim() != "") return v.GetString();
            Error(Join(at, key), node.TryGetProperty(key, out var bad) ? bad.GetRawText() : null, "a non-empty string");
            return null;
        }

        double Number(JsonElement node, string key, string at)
        {
            if (node.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble())) return v.GetDouble();
            Error(Join(at, key), node.TryGetProperty(key, out var bad) ? bad.GetRawText() : null, "a finite number");
            return double.NaN;
        }

        DateOnly? Date(JsonElement node, string key, string at)
        {
            string text = Text(node, key, at) ?? "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            if (text != "") Error(Join(at, key), text, "a date such as 2001-12-03 (yyyy-MM-dd)");
            return null;
        }

        static string Join(string at, string key) => at == "" ? key : $"{at}.{key}";
        static string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        static string? NameProblem(string name) =>
            name.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "must not contain a comma, a quote or a line break"
            : name[0] == '#' || char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1]) ? "must not start with '#' or start or end with a space" : null;
    }
}
