using System.Globalization;
using System.Text;
using System.Text.Json;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>Writes a resolved scenario back to the JSON format <see cref="ScenarioLoader"/> reads.</summary>
public static class ScenarioWriter
{
    private static void WriteNames(Utf8JsonWriter j, string name, IEnumerable<string> names)
    {
        j.WriteStartArray(name);
        foreach (var n in names) j.WriteStringValue(n);
        j.WriteEndArray();
    }

    internal static void WriteDistribution(Utf8JsonWriter j, string name, Distribution d)
    {
        if (d.Kind == DistributionKind.Fixed) { j.WriteNumber(name, d.A); return; }
        j.WriteStartObject(name);
        j.WriteString("Distribution", d.Kind.ToString());
        foreach (var (parameter, value) in d.Parameters) j.WriteNumber(parameter, value);
        j.WriteEndObject();
    }

    /// <summary>
    /// The scenario after every overlay as JSON, loadable again with <c>tfm run</c> and giving the same results.
    /// Run facts (library version, mode, the files it came from) go under <c>$run</c>, which loading ignores.
    /// </summary>
    /// <param name="s">The scenario.</param>
    /// <param name="deterministic">Whether the run was the deterministic mode (recorded under <c>$run</c>).</param>
    public static string ToJson(Scenario s, bool deterministic = false) => ToJson(s, deterministic, includeRun: true);

    /// <summary>The JSON, optionally without <c>$run</c>: the same scenario gives the same text wherever it was loaded from.</summary>
    internal static string ToJson(Scenario s, bool deterministic, bool includeRun)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            Write(j, s, deterministic, includeRun);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter j, Scenario s, bool deterministic, bool includeRun)
    {
        static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        j.WriteStartObject();
        if (includeRun)
        {
            j.WriteStartObject("$run");
            j.WriteString("LibraryVersion", LibraryInfo.Version);
            j.WriteString("Mode", deterministic ? "deterministic" : "stochastic");
            WriteNames(j, "Sources", s.Sources);
            j.WriteEndObject();
        }
        j.WriteString("Name", s.Name);
        j.WriteString("Description", s.Description);
        j.WriteString("Start", D(s.Start));
        j.WriteString("End", D(s.End));
        j.WriteNumber("BurnInYears", s.BurnInYears);
        j.WriteNumber("Replicates", s.Replicates);
        j.WriteNumber("Seed", s.Seed);
        j.WriteStartObject("Data");
        j.WriteString("Areas", s.DataFiles.Areas);
        j.WriteString("Bcus", s.DataFiles.Bcus);
        j.WriteString("WaitTargets", s.DataFiles.WaitTargets);
        if (s.DataFiles.Budgets is { } budgets) j.WriteString("Budgets", budgets);
        j.WriteEndObject();
        WriteNames(j, "Areas", s.Areas);
        j.WriteStartObject("Parameters");
        for (int i = 0; i < s.Parameters.Length; i++) WriteDistribution(j, ParameterCatalog.Scalars[i].Name, s.Parameters[i]);
        j.WriteEndObject();
        j.WriteStartObject("Modalities");
        foreach (var m in Modalities.All)
        {
            j.WriteStartObject(m.ToString());
            for (int i = 0; i < ParameterCatalog.PerModality.Count; i++) WriteDistribution(j, ParameterCatalog.PerModality[i].Name, s.ModalityParameters[(int)m][i]);
            j.WriteEndObject();
        }
        j.WriteEndObject();
        j.WriteStartObject("Rollout");
        j.WriteNumber("TotalBcus", s.Rollout.TotalBcus);
        j.WriteStartArray("Tranches");
        foreach (var t in s.Rollout.Tranches)
        {
            j.WriteStartObject();
            j.WriteString("Name", t.Name); j.WriteNumber("FirstRank", t.FirstRank); j.WriteNumber("LastRank", t.LastRank); j.WriteString("Start", D(t.Start));
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("Bcus");
        foreach (var b in s.Rollout.Explicit)
        {
            j.WriteStartObject(); j.WriteString("Bcu", b.Bcu); j.WriteString("Start", D(b.Start)); j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
        j.WriteStartObject("Policy");
        j.WriteBoolean("CjsPriority", s.Policy.CjsPriority);
        j.WriteBoolean("Aftercare", s.Policy.Aftercare);
        j.WriteStartObject("PresumptionAgainstBail");
        j.WriteBoolean("Enabled", s.Policy.PresumptionAgainstBail is not null);
        if (s.Policy.PresumptionAgainstBail is { } pab)
        {
            j.WriteString("Start", D(pab.Start));
            WriteNames(j, "Areas", pab.Areas);
        }
        j.WriteEndObject();
        j.WriteStartObject("DttoCapPerYear");
        foreach (var (year, cap) in s.Policy.DttoCaps) j.WriteNumber(year.ToString(), cap);
        j.WriteEndObject();
        if (s.Policy.DrrFrom is { } drr) j.WriteString("DrrFrom", D(drr));
        j.WriteStartObject("AftercareNational");
        j.WriteBoolean("Enabled", s.Policy.AftercareNational is not null);
        if (s.Policy.AftercareNational is { } ramp)
        {
            j.WriteString("From", D(ramp.From));
            j.WriteString("FullBy", D(ramp.FullBy));
        }
        j.WriteEndObject();
        j.WriteEndObject();
        j.WriteStartObject("AreaOverrides");
        foreach (var o in s.AreaOverrides)
        {
            j.WriteStartObject(o.Area);
            foreach (var (id, value) in o.Values) WriteDistribution(j, ParameterCatalog.Scalars[(int)id].Name, value);
            if (o.ModalityValues.Length > 0)
            {
                j.WriteStartObject("Modalities");
                foreach (var group in o.ModalityValues.GroupBy(v => v.Modality))
                {
                    j.WriteStartObject(group.Key.ToString());
                    foreach (var v in group) WriteDistribution(j, ParameterCatalog.PerModality[(int)v.Parameter].Name, v.Value);
                    j.WriteEndObject();
                }
                j.WriteEndObject();
            }
            j.WriteEndObject();
        }
        j.WriteEndObject();
        j.WriteStartArray("ParameterChanges");
        foreach (var c in s.ParameterChanges)
        {
            j.WriteStartObject();
            j.WriteString("Parameter", c.Name);
            j.WriteString("From", D(c.From));
            j.WriteNumber("Multiplier", c.Multiplier);
            WriteNames(j, "Areas", c.Areas);
            j.WriteString("Modality", c.Modality is { } modality ? Modalities.OutputName(modality) : "all");
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("Targets");
        foreach (var t in s.Targets)
        {
            j.WriteStartObject();
            j.WriteString("Name", t.Name);
            j.WriteString("Kind", t.Kind.ToString());
            j.WriteString("Metric", MetricCatalog.OutputName(t.Metric));
            if (t.Modality is { } m) j.WriteString("Modality", Modalities.OutputName(m));
            j.WriteString("Year", t.Year.ToString());
            if (t.BaseYear is { } b) j.WriteString("BaseYear", b.ToString());
            if (double.IsFinite(t.Value)) j.WriteNumber("Value", t.Value);
            if (t.PublishedBaseline is { } pb) j.WriteNumber("PublishedBaseline", pb);
            if (t.Area is { } area) j.WriteString("Area", area);
            if (t.Source.Length > 0) j.WriteString("Source", t.Source);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartObject("FixedInputs");
        foreach (var (name, values) in new[] { ("PlacesPerArea", s.Fixed.PlacesPerArea), ("ReferralsPerWeek", s.Fixed.ReferralsPerWeek) })
        {
            j.WriteStartObject(name);
            foreach (var (m, x) in values) j.WriteNumber(m.ToString(), x);
            j.WriteEndObject();
        }
        j.WriteEndObject();
        j.WriteString("Posterior", s.Posterior?.Source ?? ""); // empty: none
        j.WriteStartObject("Output");
        WriteNames(j, "WeeklyAreas", s.WeeklyAreas);
        j.WriteEndObject();
        j.WriteEndObject();
    }
}
