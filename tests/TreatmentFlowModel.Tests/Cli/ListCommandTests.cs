using TreatmentFlowModel.Cli;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Cli;

[Collection(EnvironmentCollection.Name)]
public sealed class ListCommandTests
{
    private static (int Code, string[] Out, string Err) Tfm(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TfmCommand.Invoke(args, stdout, stderr);
        return (code, stdout.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'), stderr.ToString().ReplaceLineEndings("\n"));
    }

    private static string[] Cells(string line) => line.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void ListAreas_WithAFilter_ShowsTheMatchingDats_AndTheirRegions()
    {
        var (code, lines, _) = Tfm("list", "areas", "lincoln");
        Assert.Equal(0, code);
        Assert.Equal(["area", "region", "simulated", "budget_2003_04_k"], Cells(lines[0]));
        Assert.Equal(["North Lincolnshire", "North East Lincolnshire", "Lincolnshire"], lines.Skip(1).Select(l => Cells(l)[0]));
        Assert.Equal("Yorkshire & Humber", Cells(lines[2])[1]);
        Assert.Equal(1 + 149, Tfm("list", "areas").Out.Length);
    }

    [Fact]
    public void AFilterThatMatchesNothing_SuggestsTheNameMeant()
    {
        var (code, lines, err) = Tfm("list", "areas", "NE Lincolnshire");
        Assert.Equal(0, code);
        Assert.Equal([""], lines);
        Assert.Equal("tfm: no area contains 'NE Lincolnshire'; did you mean 'North East Lincolnshire'?\n", err);
    }

    [Fact]
    public void ListBcus_ShowsRankDatAndTranche()
    {
        var (_, lines, _) = Tfm("list", "bcus");
        Assert.Equal(["rank", "bcu", "dat", "tranche"], Cells(lines[0]));
        Assert.Equal(["1", "Lambeth", "Lambeth", "top30"], Cells(lines[1]));
        Assert.Equal(1 + 40, lines.Length);
    }

    [Fact]
    public void ListParameters_ShowsTheScenariosValue_UnitRangeAndSource()
    {
        var (_, lines, _) = Tfm("list", "parameters", "ArrestPerYear");
        Assert.Equal(["key", "value", "unit", "allowed", "source", "meaning"], Cells(lines[0]));
        var arrests = Cells(lines[1]);
        Assert.Equal("Parameters.ArrestPerYear", arrests[0]);
        Assert.Equal(ScenarioLoader.LoadDefault()[ParameterId.ArrestPerYear].ToString(), arrests[1]);
        Assert.Equal("1/year", arrests[2]);
        Assert.StartsWith("assumption", arrests[4]);
        // Per-modality parameters are listed under the key a scenario file uses.
        Assert.Contains(Tfm("list", "parameters", "ExitHazardMultiplier").Out, l => l.StartsWith("Modalities.ResidentialRehab.ExitHazardMultiplier ", StringComparison.Ordinal));
    }

    [Fact]
    public void ListParameters_ShowsTheValuesOfTheScenarioGiven()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("tfm-list-").FullName, "s.json");
        File.WriteAllText(file, """{ "Parameters": { "ArrestPerYear": 2.5 } }""");
        Assert.Equal("2.5", Cells(Tfm("list", "parameters", "ArrestPerYear", "--scenario", file).Out[1])[1]);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public void ListMetrics_ShowsEveryOutputMetric_WithUnitAndPrecision()
    {
        var (_, lines, _) = Tfm("list", "metrics");
        Assert.Equal(["metric", "unit", "decimals", "label", "definition"], Cells(lines[0]));
        Assert.Equal(Enum.GetValues<Metric>().Select(MetricCatalog.OutputName), lines.Skip(1).Select(l => Cells(l)[0]));
        Assert.Equal(["cost_gbp", "GBP", "0"], Cells(Tfm("list", "metric", "cost_gbp").Out[1])[..3]);
    }

    [Fact]
    public void AnUnknownList_IsRefused_WithExitCode2AndTheListsThereAre()
    {
        var (code, _, err) = Tfm("list", "aeras");
        Assert.Equal(2, code);
        Assert.Equal("tfm: list = 'aeras': not a list; choose areas, bcus, parameters, metrics; did you mean 'areas'?\n", err);
    }
}
