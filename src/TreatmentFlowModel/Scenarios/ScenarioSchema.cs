using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// The JSON Schema (draft 2020-12) of scenario files, generated from the parameter catalogue and the keys the reader
/// accepts, so editors complete keys, show each parameter's meaning, unit and range, and flag typos as they are typed.
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
            ["properties"] = new JsonObject
            {
                ["$schema"] = Text("The schema this file follows (for editors)."),
                ["$run"] = new JsonObject { ["description"] = "Facts about the run that wrote this resolved scenario; ignored when loading.", ["type"] = "object" },
                ["Name"] = Text("Short name of the scenario; names the output folder."),
                ["Description"] = Text("One line: the scenario's purpose."),
                ["Extends"] = Text("A base scenario file, relative to this file (it must sit in this file's folder or below)."),
                ["Start"] = Date("First day simulated (weeks run from here)."),
                ["End"] = Date("Last day simulated (at most 60 years after Start)."),
                ["Replicates"] = new JsonObject { ["description"] = "Monte Carlo replicates.", ["type"] = "integer", ["minimum"] = 1, ["maximum"] = ScenarioValidator.MaxReplicates },
                ["Seed"] = new JsonObject { ["description"] = "Seed of every random stream; the same seed gives bit-identical results.", ["type"] = "integer", ["minimum"] = 0 },
                ["Data"] = Object("CSV data files, relative to this file, or embedded:<name>.",
                    ("Areas", Text("DAT table: dat, region, baseline_2002_03_k, allocation_2003_04_k, allocation_2004_05_k, allocation_2005_06_k.")),
                    ("Bcus", Text("BCU priority table: rank, bcu, dat, tranche.")),
                    ("WaitTargets", Text("NTA maximum waits: modality, max_wait_target_2002_03_weeks, max_wait_target_2003_04_weeks."))),
                ["Areas"] = Names("DATs to simulate; empty for every DAT in the area table."),
                ["Parameters"] = Parameters(ParameterCatalog.Scalars),
                ["Modalities"] = new JsonObject
                {
                    ["description"] = "Per-modality parameters.",
                    ["type"] = "object",
                    ["additionalProperties"] = false,
                    ["properties"] = new JsonObject(Enum.GetNames<Modality>().Select(m => KeyValuePair.Create(m, (JsonNode?)Parameters(ParameterCatalog.PerModality)))),
                },
                ["Rollout"] = Object("Drug testing of arrestees, BCU by BCU.",
                    ("TotalBcus", new JsonObject { ["description"] = "BCUs ranked in England and Wales (beyond the named ones they are synthesised per DAT from its budget share).", ["type"] = "integer", ["minimum"] = 1 }),
                    ("PriorityBcuCrimeWeight", new JsonObject { ["description"] = "Arrests in a priority BCU relative to an ordinary one.", ["type"] = "number", ["exclusiveMinimum"] = 0 }),
                    ("Tranches", new JsonObject
                    {
                        ["description"] = "Ranked BCUs switched on from a date.",
                        ["type"] = "array",
                        ["items"] = Object(null, ("Name", Text("Tranche name.")), ("FirstRank", Integer("First rank switched on.")), ("LastRank", Integer("Last rank switched on.")), ("Start", Date("Testing starts."))),
                    }),
                    ("Bcus", new JsonObject
                    {
                        ["description"] = "Named BCUs switched on from a date.",
                        ["type"] = "array",
                        ["items"] = Object(null, ("Bcu", Text("BCU name from the BCU table.")), ("Start", Date("Testing starts."))),
                    })),
                ["Policy"] = Object("Policy switches.",
                    ("CjsPriority", Bool("Admit criminal-justice referrals before others on every waiting list.")),
                    ("Aftercare", Bool("Programme aftercare for prison leavers where testing runs.")),
                    ("PresumptionAgainstBail", Object("Presumption against bail for those testing positive who refuse assessment.",
                        ("Enabled", Bool("Switch the presumption on.")), ("Start", Date("From this date.")), ("Areas", Names("DATs it applies in; empty for every testing area.")))),
                    ("DttoCapPerYear", new JsonObject
                    {
                        ["description"] = "National cap on DTTO orders per financial year, keyed like 2003/04.",
                        ["type"] = "object",
                        ["propertyNames"] = new JsonObject { ["pattern"] = "^[0-9]{4}/[0-9]{2}$" },
                        ["additionalProperties"] = new JsonObject { ["type"] = "number", ["minimum"] = 0 },
                    })),
                ["AreaOverrides"] = new JsonObject
                {
                    ["description"] = "Per-area values of area parameters, by DAT name.",
                    ["type"] = "object",
                    ["additionalProperties"] = Parameters(ParameterCatalog.Scalars.Where(p => p.PerArea).ToList()),
                },
                ["ParameterChanges"] = new JsonObject
                {
                    ["description"] = "Multiply an area parameter from a date (optionally in named areas only).",
                    ["type"] = "array",
                    ["items"] = Object(null,
                        ("Parameter", new JsonObject { ["description"] = "An area parameter.", ["enum"] = new JsonArray([.. ParameterCatalog.Scalars.Where(p => p.PerArea).Select(p => (JsonNode?)p.Name)]) }),
                        ("From", Date("From this date.")),
                        ("Multiplier", new JsonObject { ["description"] = "Factor on the parameter.", ["type"] = "number", ["minimum"] = 0 }),
                        ("Areas", Names("DATs it applies in; empty for all."))),
                },
                ["Output"] = Object("What is recorded beyond England and the annual values of every area.", ("WeeklyAreas", Names("DATs whose weekly values are written to weekly.csv."))),
            },
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject Parameters(IReadOnlyList<ParameterInfo> infos) => new()
    {
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject(infos.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)Parameter(p)))),
    };

    /// <summary>A number within the parameter's bounds, or a distribution object.</summary>
    private static JsonObject Parameter(ParameterInfo info)
    {
        var (min, max) = ParameterCatalog.Bounds(info);
        var number = new JsonObject { ["type"] = "number" };
        if (info.Range == ParameterRange.Positive) number["exclusiveMinimum"] = 0; else number["minimum"] = min;
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

    private static JsonObject Integer(string description) => new() { ["description"] = description, ["type"] = "integer", ["minimum"] = 1 };

    private static JsonObject Bool(string description) => new() { ["description"] = description, ["type"] = "boolean" };

    private static JsonObject Names(string description) => new() { ["description"] = description, ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } };

    private static JsonObject Object(string? description, params (string Key, JsonObject Value)[] properties)
    {
        var o = new JsonObject();
        if (description is not null) o["description"] = description;
        o["type"] = "object";
        o["additionalProperties"] = false;
        o["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        return o;
    }
}
