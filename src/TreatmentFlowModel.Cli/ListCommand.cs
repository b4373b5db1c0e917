using System.CommandLine;
using System.Globalization;
using System.Text;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Cli;

/// <summary>
/// <c>tfm list areas|bcus|parameters|metrics [FILTER] [--scenario FILE]...</c>: the names a scenario file and the
/// outputs use, as a table, so an analyst need not open the data files to spell a DAT or a parameter. FILTER keeps
/// the rows with it in any column (any case); when none has it, the closest names are suggested.
/// </summary>
internal static class ListCommand
{
    /// <summary>The lists, in the order help shows them.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["areas", "bcus", "parameters", "metrics"];

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var kind = new Argument<string>("list") { Description = $"What to list: {string.Join(", ", Kinds)}." };
        var filter = new Argument<string?>("filter") { Arity = ArgumentArity.ZeroOrOne, Description = "Keep the rows that contain this text (any column, any case)." };
        var scenarios = new Option<string[]>("--scenario", "-s")
        {
            Description = "Scenario files whose data and values to list (default: the embedded default scenario).",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("list", "List the areas (DATs), BCUs, parameters (with their values and sources) or output metrics.") { kind, filter, scenarios };
        command.SetAction(p => Execute(p.GetValue(kind)!, p.GetValue(filter), p.GetValue(scenarios) ?? [], stdout, stderr));
        return command;
    }

    private static int Execute(string kind, string? filter, string[] files, TextWriter stdout, TextWriter stderr)
    {
        string wanted = kind.Trim().ToLowerInvariant();
        if (!Kinds.Contains(wanted))
        {
            // "area" and "parameter" mean the lists they name.
            string? plural = Kinds.FirstOrDefault(k => k == wanted + "s");
            if (plural is null)
            {
                stderr.WriteLine($"tfm: list = '{kind}': not a list; choose {string.Join(", ", Kinds)}{Suggestions.Hint(wanted, Kinds)}");
                return ExitCodes.BadInput;
            }
            wanted = plural;
        }
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(files, [], useEnvironment: true);
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }

        var (header, rows, key) = wanted switch
        {
            "areas" => Areas(scenario),
            "bcus" => Bcus(scenario),
            "parameters" => Parameters(scenario),
            _ => Metrics(),
        };
        var kept = string.IsNullOrWhiteSpace(filter)
            ? rows
            : rows.Where(r => r.Any(cell => cell.Contains(filter.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();
        if (kept.Count == 0)
        {
            string hint = Suggestions.Hint(filter!.Trim(), rows.Select(r => r[key]));
            stderr.WriteLine($"tfm: no {wanted[..^1]} contains '{filter}'{(hint.Length > 0 ? hint : $"; 'tfm list {wanted}' lists all {rows.Count}")}");
            return ExitCodes.Ok;
        }
        stdout.Write(Table(header, kept));
        return ExitCodes.Ok;
    }

    private static (string[] Header, List<string[]> Rows, int Key) Areas(Scenario s)
    {
        bool All(string name) => s.Areas.IsEmpty || s.Areas.Contains(name, StringComparer.OrdinalIgnoreCase);
        var rows = s.AreaData.Areas
            .Select(a => new[] { a.Name, a.Region, All(a.Name) ? "yes" : "no", Number(a.Budget2003K) })
            .ToList();
        return (["area", "region", "simulated", "budget_2003_04_k"], rows, 0);
    }

    private static (string[] Header, List<string[]> Rows, int Key) Bcus(Scenario s)
    {
        var rows = s.Bcus
            .Select(b => new[] { b.Rank.ToString(CultureInfo.InvariantCulture), b.Name, string.Join(" + ", b.Dats), b.Tranche })
            .ToList();
        return (["rank", "bcu", "dat", "tranche"], rows, 1);
    }

    private static (string[] Header, List<string[]> Rows, int Key) Parameters(Scenario s)
    {
        var rows = new List<string[]>();
        for (int i = 0; i < ParameterCatalog.Scalars.Count; i++)
        {
            var info = ParameterCatalog.Scalars[i];
            string source = ParameterSources.Of((ParameterId)i) ?? "";
            rows.Add([$"Parameters.{info.Name}", s[(ParameterId)i].ToString(), info.Unit, ParameterCatalog.Describe(info), source, info.Description]);
        }
        foreach (var m in Modalities.All)
            for (int i = 0; i < ParameterCatalog.PerModality.Count; i++)
            {
                var info = ParameterCatalog.PerModality[i];
                rows.Add([$"Modalities.{m}.{info.Name}", s[m, (ModalityParameterId)i].ToString(), info.Unit, ParameterCatalog.Describe(info), "", info.Description]);
            }
        return (["key", "value", "unit", "allowed", "source", "meaning"], rows, 0);
    }

    private static (string[] Header, List<string[]> Rows, int Key) Metrics()
    {
        var rows = Enum.GetValues<Metric>()
            .Select(m => MetricCodebook.Of(m))
            .Select(e => new[] { e.Name, e.Unit, e.Decimals.ToString(CultureInfo.InvariantCulture), e.Label, e.Definition })
            .ToList();
        return (["metric", "unit", "decimals", "label", "definition"], rows, 0);
    }

    private static string Number(double x) => double.IsFinite(x) ? x.ToString("#,0", CultureInfo.InvariantCulture) : "";

    /// <summary>Columns padded to their widest cell, the last one left as it is (it holds sentences).</summary>
    internal static string Table(string[] header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
            text.Append(string.Concat(row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c] + 2))).TrimEnd()).Append('\n');
        return text.ToString();
    }
}
