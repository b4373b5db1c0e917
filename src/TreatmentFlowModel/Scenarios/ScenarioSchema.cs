using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// The JSON Schema (draft 2020-12) of scenario files, generated from the parameter catalogue and the declared keys
/// (<see cref="ScenarioKeys"/>, which the reader checks against), so editors complete keys, show each parameter's meaning, unit and range, and flag typos as they are typed.
/// <c>scenarios/scenario.schema.json</c> is this text; a test keeps the file current (<c>tfm schema</c> rewrites it).
/// </summary>
public static class ScenarioSchema
{
    /// <summary>The schema as indented JSON text.</summary>
    public static string Generate()
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://treatmentflowmodel.invalid/scenario.schema.json",
            ["title"] = "TreatmentFlowModel scenario",
            ["description"] = "A scenario or an overlay on the embedded default: every key is optional and replaces the default's value.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["$defs"] = new JsonObject { ["distribution"] = Distributions() },
            ["properties"] = Properties(ScenarioKeys.Root),
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject Properties(IEnumerable<ScenarioKey> keys) => new(keys.Select(k => KeyValuePair.Create(k.Name, (JsonNode?)Of(k))));

    /// <summary>The schema of one key, from its kind, description and limits.</summary>
    private static JsonObject Of(ScenarioKey key) => key.Kind switch
    {
        ScenarioKeyKind.Text => Text(key.Description),
        ScenarioKeyKind.Date => Date(key.Description),
        ScenarioKeyKind.Switch => Bool(key.Description),
        ScenarioKeyKind.Names => Names(key.Description),
        ScenarioKeyKind.WholeNumber or ScenarioKeyKind.Number => Limited(new JsonObject
        {
            ["description"] = key.Description,
            ["type"] = key.Kind == ScenarioKeyKind.WholeNumber ? "integer" : "number",
        }, key),
        ScenarioKeyKind.Section => Object(key.Description, key.Keys),
        ScenarioKeyKind.List => new JsonObject { ["description"] = key.Description, ["type"] = "array", ["items"] = Object(null, key.Keys) },
        ScenarioKeyKind.RunFacts => new JsonObject { ["description"] = key.Description, ["type"] = "object" },
        ScenarioKeyKind.Parameters => Parameters(ParameterCatalog.Scalars, key.Description),
        ScenarioKeyKind.Modalities => new JsonObject
        {
            ["description"] = key.Description,
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject(Enum.GetNames<Modality>().Select(m => KeyValuePair.Create(m, (JsonNode?)Parameters(ParameterCatalog.PerModality)))),
        },
        ScenarioKeyKind.AreaParameters => new JsonObject
        {
            ["description"] = key.Description,
            ["type"] = "object",
            ["additionalProperties"] = AreaParametersWithModalities(),
        },
        ScenarioKeyKind.AreaParameterName => new JsonObject { ["description"] = key.Description, ["enum"] = new JsonArray([.. ParameterCatalog.Scalars.Concat(ParameterCatalog.PerModality).Where(p => p.Changeable).Select(p => (JsonNode?)p.Name)]) },
        ScenarioKeyKind.NumbersByYear => new JsonObject
        {
            ["description"] = key.Description,
            ["type"] = "object",
            ["propertyNames"] = new JsonObject { ["pattern"] = "^[0-9]{4}/[0-9]{2}$" },
            ["additionalProperties"] = Limited(new JsonObject { ["type"] = "number" }, key),
        },
        ScenarioKeyKind.NumbersByModality => new JsonObject
        {
            ["description"] = key.Description,
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject(Enum.GetNames<Modality>().Select(m => KeyValuePair.Create(m, (JsonNode?)Limited(new JsonObject { ["type"] = "number" }, key)))),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(key), key.Kind, null),
    };

    private static IReadOnlyList<ParameterInfo> AreaParameters => [.. ParameterCatalog.Scalars.Where(p => p.PerArea)];

    /// <summary>An area's parameters, and under <c>Modalities</c> its own per-modality values (issue 16).</summary>
    private static JsonObject AreaParametersWithModalities()
    {
        var o = Parameters(AreaParameters);
        var perArea = ParameterCatalog.PerAreaModality.Select(id => ParameterCatalog.PerModality[(int)id]).ToList();
        ((JsonObject)o["properties"]!)["Modalities"] = new JsonObject
        {
            ["description"] = "The area's own unit costs, spending mix and referral mixes, by modality (a share replaces the national one before the area's mix is normalised).",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject(Enum.GetNames<Modality>().Select(m => KeyValuePair.Create(m, (JsonNode?)Parameters(perArea)))),
        };
        return o;
    }

    private static JsonObject Limited(JsonObject schema, ScenarioKey key)
    {
        if (key.Minimum is { } min) schema["minimum"] = min;
        if (key.ExclusiveMinimum is { } above) schema["exclusiveMinimum"] = above;
        if (key.Maximum is { } max) schema["maximum"] = max;
        return schema;
    }

    private static JsonObject Parameters(IReadOnlyList<ParameterInfo> infos, string? description = null)
    {
        var o = new JsonObject();
        if (description is not null) o["description"] = description;
        o["type"] = "object";
        o["additionalProperties"] = false;
        o["properties"] = new JsonObject(infos.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)Parameter(p))));
        return o;
    }

    /// <summary>A number within the parameter's bounds, or a distribution object.</summary>
    private static JsonObject Parameter(ParameterInfo info)
    {
        var (min, max) = ParameterCatalog.Bounds(info);
        var number = new JsonObject { ["type"] = "number" };
        if (info.Range == ParameterRange.Positive && min == double.Epsilon) number["exclusiveMinimum"] = 0;
        else if (info.Range == ParameterRange.Growth) number["exclusiveMinimum"] = -1;
        else number["minimum"] = min;
        if (max < double.MaxValue) number["maximum"] = max;
        var oneOf = new JsonArray { number, new JsonObject { ["$ref"] = "#/$defs/distribution" } };
        return new JsonObject
        {
            ["description"] = $"{info.Description} ({info.Unit}; {ParameterCatalog.Describe(info)}). A number, or a distribution drawn once per replicate.",
            ["oneOf"] = oneOf,
        };
    }

    /// <summary>The distribution objects a parameter may take instead of a number, defined once.</summary>
    private static JsonObject Distributions()
    {
        var oneOf = new JsonArray();
        foreach (var kind in Enum.GetValues<DistributionKind>())
        {
            var names = Distribution.ParameterNames(kind);
            var properties = new JsonObject { ["Distribution"] = new JsonObject { ["const"] = kind.ToString() } };
            foreach (var n in names) properties[n] = new JsonObject { ["type"] = "number" };
            oneOf.Add(new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["required"] = new JsonArray([(JsonNode?)"Distribution", .. names.Select(n => (JsonNode?)n)]),
                ["properties"] = properties,
            });
        }
        return new JsonObject { ["description"] = "A distribution drawn once per replicate.", ["oneOf"] = oneOf };
    }

    private static JsonObject Text(string description) => new() { ["description"] = description, ["type"] = "string" };

    private static JsonObject Date(string description) => new() { ["description"] = description + " Written yyyy-MM-dd.", ["type"] = "string", ["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" };

    private static JsonObject Bool(string description) => new() { ["description"] = description, ["type"] = "boolean" };

    private static JsonObject Names(string description) => new() { ["description"] = description, ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } };

    private static JsonObject Object(string? description, IEnumerable<ScenarioKey> keys)
    {
        var o = new JsonObject();
        if (description is not null) o["description"] = description;
        o["type"] = "object";
        o["additionalProperties"] = false;
        o["properties"] = Properties(keys);
        return o;
    }
}
