using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Scenarios;

[Collection(EnvironmentCollection.Name)]
public sealed class ScenarioLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-load-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string json)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void LoadDefault_IsValid_WithEveryAreaAndTheTop30Tranche()
    {
        var s = ScenarioLoader.LoadDefault();
        Assert.Empty(s.Validate());
        Assert.Equal(149, s.AreaData.Areas.Length);
        Assert.Equal(40, s.Bcus.Length);
        Assert.Equal(new RolloutTranche("top30", 1, 30, new DateOnly(2003, 6, 2)), Assert.Single(s.Rollout.Tranches));
        Assert.True(s.Replicates >= 100);
    }

    [Fact]
    public void Overlay_ChangesOnlyWhatItNames()
    {
        var path = Write("o.json", """{ "Name": "overlay", "Parameters": { "ArrestPerYear": 2.5 } }""");
        var s = ScenarioLoader.Load([path], [], useEnvironment: false);
        var d = ScenarioLoader.LoadDefault();
        Assert.Equal("overlay", s.Name);
        Assert.Equal(Distribution.Fixed(2.5), s[ParameterId.ArrestPerYear]);
        Assert.Equal(d[ParameterId.OtherReferralPerYear], s[ParameterId.OtherReferralPerYear]);
    }

    [Fact]
    public void Extends_ChainsBaseFiles_RelativeToTheExtendingFile()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "base"));
        Write("base/b.json", """{ "Seed": 7, "Parameters": { "CessationPerYear": 0.2 } }""");
        var path = Write("a.json", """{ "Extends": "base/b.json", "Seed": 8 }""");
        var s = ScenarioLoader.Load([path], [], useEnvironment: false);
        Assert.Equal(8UL, s.Seed);
        Assert.Equal(0.2, s[ParameterId.CessationPerYear].A);
    }

    [Fact]
    public void ArrayInOverlay_ReplacesTheBaseArrayWhole()
    {
        var path = Write("t.json", """{ "Rollout": { "Tranches": [ { "Name": "first10", "FirstRank": 1, "LastRank": 10, "Start": "2004-01-05" } ] } }""");
        var s = ScenarioLoader.Load([path], [], useEnvironment: false);
        Assert.Equal("first10", Assert.Single(s.Rollout.Tranches).Name);
    }

    [Fact]
    public void ReferralMixChange_IsAccepted_ForEachOfTheThreeMixes()
    {
        foreach (var mix in new[] { "ReferralShare", "CjsReferralShare", "NonPduReferralShare" })
        {
            var path = Write($"{mix}.json", $$"""{ "ParameterChanges": [ { "Parameter": "{{mix}}", "Modality": "specialist_prescribing", "From": "2004-04-05", "Multiplier": 2 } ] }""");
            var change = Assert.Single(ScenarioLoader.Load([path], [], useEnvironment: false).ParameterChanges);
            Assert.Equal(Enum.Parse<ModalityParameterId>(mix), change.PerModality);
            Assert.Equal(Modality.SpecialistPrescribing, change.Modality);
        }
    }

    [Fact]
    public void DistributionOverlaidByNumber_BecomesFixed()
    {
        var s = ScenarioLoader.Load([], ["Parameters.AssessmentUptake=0.4"], useEnvironment: false);
        Assert.Equal(Distribution.Fixed(0.4), s[ParameterId.AssessmentUptake]);
    }

    [Fact]
    public void Set_OverridesFiles_AndEnvironmentVariablesOverrideFiles()
    {
        var path = Write("s.json", """{ "Replicates": 5 }""");
        Environment.SetEnvironmentVariable("TFM_Parameters__CessationPerYear", "0.09");
        try
        {
            var s = ScenarioLoader.Load([path], ["Replicates=9"]);
            Assert.Equal(9, s.Replicates);
            Assert.Equal(0.09, s[ParameterId.CessationPerYear].A);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TFM_Parameters__CessationPerYear", null);
        }
    }

    [Fact]
    public void Errors_AreAllReportedTogether_WithFileKeyValueAndAllowedRange()
    {
        var path = Write("bad.json", """{ "Replicates": 0, "Parameters": { "CessationPerYear": -1, "TestPositiveShare": 1.5 } }""");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([path], [], useEnvironment: false));
        Assert.Equal(3, e.Errors.Count);
        string file = ScenarioLoader.Display(path);
        Assert.Contains(e.Errors, x => x.ToString() == $"{file}: Replicates = '0': must be from 1 to 10,000,000");
        Assert.Contains(e.Errors, x => x.ToString() == $"{file}: Parameters.CessationPerYear = '-1': must be a number from 0 to 52 (1/year)");
        Assert.Contains(e.Errors, x => x.ToString() == $"{file}: Parameters.TestPositiveShare = '1.5': must be a number from 0 to 1 (share)");
    }

    // At least fifteen distinct malformed inputs, each with the text its message must contain.
    public static TheoryData<string, string> BadScenarios => new()
    {
        { """{ "Parameters": { "ArestPerYear": 1 } }""", "Parameters.ArestPerYear = '1': unknown key; did you mean 'ArrestPerYear'?" },
        { """{ "Replicatse": 10 }""", "Replicatse = '10': unknown key; did you mean 'Replicates'?" },
        { """{ "Replicates": "many" }""", "Replicates = 'many': must be a whole number" },
        { """{ "Start": "01/04/1998" }""", "Start = '01/04/1998': must be a date written yyyy-MM-dd" },
        { """{ "End": "1997-01-01" }""", "End = '1997-01-01': must be after Start (1998-04-01)" },
        { """{ "End": "2200-01-01" }""", "End = '2200-01-01': the time span is limited to 60 years" },
        { """{ "Replicates": 1000000000000 }""", "Replicates = '1000000000000': must be from 1 to 10,000,000" },
        { """{ "Parameters": { "TestPositiveShare": 1.2 } }""", "Parameters.TestPositiveShare = '1.2': must be a number from 0 to 1" },
        { """{ "Parameters": { "ArrestPerYear": "NaN" } }""", "Parameters.ArrestPerYear = 'NaN': must be a finite number (NaN and Infinity are not allowed)" },
        { """{ "Parameters": { "AssessmentUptake": { "Distribution": "Beta", "Alpha": -1, "Beta": 2 } } }""", "Beta needs Alpha > 0 and Beta > 0 (was Alpha=-1, Beta=2)" },
        { """{ "Parameters": { "AssessmentUptake": { "Distribution": "Betta", "Alpha": 1, "Beta": 2 } } }""", "unknown distribution; allowed: Fixed, Beta, Gamma, LogNormal, Normal, Uniform, Triangular; did you mean 'Beta'?" },
        { """{ "Parameters": { "AssessmentUptake": { "Distribution": "Uniform", "Lower": 0.2, "Upper": 1.4 } } }""", "every draw must be a number from 0 to 1 (share), but this distribution ranges over [0.2, 1.4]" },
        { """{ "Parameters": { "AssessmentUptake": { "Distribution": "Uniform", "Lower": 0.2 } } }""", "Parameters.AssessmentUptake.Upper: missing; expected a number (Uniform needs Lower, Upper)" },
        { """{ "Modalities": { "GpPrescribing": { "ReferralShare": 0.5 } } }""", "the ReferralShare of the six modalities must sum to 1" },
        { """{ "Areas": [ "Lambeth", "Lambeth" ] }""", "Areas.1 = 'Lambeth': duplicate area: list each area once" },
        { """{ "Areas": [ "Lambet" ] }""", "Areas.0 = 'Lambet': unknown area; did you mean 'Lambeth'?" },
        { """{ "Rollout": { "Tranches": [ { "Name": "x", "FirstRank": 1, "LastRank": 30, "Start": "2012-01-01" } ] } }""", "Rollout.Tranches.0.Start = '2012-01-01': must be inside the time span 1998-04-01 to 2009-03-31" },
        { """{ "Rollout": { "Tranches": [ { "Name": "x", "FirstRank": 31, "LastRank": 30, "Start": "2004-01-01" } ] } }""", "Rollout.Tranches.0.LastRank = '30': must be >= FirstRank (31)" },
        { """{ "Rollout": { "Bcus": [ { "Bcu": "Weetwod", "Start": "2004-01-01" } ] } }""", "unknown BCU; did you mean 'Weetwood'?" },
        { """{ "Policy": { "CjsPriority": "yes" } }""", "Policy.CjsPriority = 'yes': must be true or false" },
        { """{ "Policy": { "DttoCapPerYear": { "2003-04": 100 } } }""", "the key must be a financial year such as 2003/04" },
        { """{ "AreaOverrides": { "Lambeth": { "TestingCostPerBcuYear": 5 } } }""", "'TestingCostPerBcuYear' is national and cannot vary by area" },
        { """{ "ParameterChanges": [ { "Parameter": "ProblemDrugUsers", "From": "2004-04-01", "Multiplier": 2 } ] }""", "'ProblemDrugUsers' cannot change over time" },
        { """{ "ParameterChanges": [ { "Parameter": "ArrestPerYear", "From": "2004-04-01", "Multiplier": -2 } ] }""", "ParameterChanges.0.Multiplier = '-2': must be a finite number >= 0" },
        { """{ "Seed": -5 }""", "Seed = '-5': must be a whole number from 0 to 18446744073709551615" },
        { """{ "Replicates": 10, }""", "" },
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void BadScenario_IsRejected_WithAPreciseMessage(string json, string expected)
    {
        var path = Write("bad.json", json);
        if (expected.Length == 0)
        {
            // Trailing commas are allowed, as by Microsoft.Extensions.Configuration.Json: this one loads.
            ScenarioLoader.Load([path], [], useEnvironment: false);
            return;
        }
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([path], [], useEnvironment: false));
        Assert.Contains(e.Errors, x => x.ToString().Contains(expected, StringComparison.Ordinal) && x.Source.EndsWith("bad.json", StringComparison.Ordinal));
    }

    [Fact]
    public void InvalidJson_NamesTheLine()
    {
        var path = Write("broken.json", "{\n  \"Seed\": 1,\n  \"Name\": \n}");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([path], [], useEnvironment: false));
        var error = Assert.Single(e.Errors);
        Assert.StartsWith("line 4", error.Path);
        Assert.StartsWith("invalid JSON", error.Message);
    }

    [Fact]
    public void ExtendsCycle_IsReported()
    {
        Write("x.json", """{ "Extends": "y.json" }""");
        var y = Write("y.json", """{ "Extends": "x.json" }""");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([y], [], useEnvironment: false));
        Assert.Contains("base-file cycle", Assert.Single(e.Errors).Message);
    }

    [Fact]
    public void MissingBaseFile_IsReported()
    {
        var path = Write("m.json", """{ "Extends": "nowhere.json" }""");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([path], [], useEnvironment: false));
        var error = Assert.Single(e.Errors);
        Assert.Equal("Extends", error.Path);
        Assert.Equal("file not found", error.Message);
    }

    [Fact]
    public void MalformedAreaCsv_NamesFileLineAndColumn()
    {
        File.WriteAllText(Path.Combine(_dir, "areas.csv"),
            "dat,region,baseline_2002_03_k,allocation_2003_04_k,allocation_2004_05_k,allocation_2005_06_k\nA,R,100,110,120,abc\n");
        var path = Write("c.json", """{ "Data": { "Areas": "areas.csv" } }""");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([path], [], useEnvironment: false));
        Assert.Contains(e.Errors, x => x.Source.EndsWith("areas.csv", StringComparison.Ordinal) && x.Path == "line 2, column allocation_2005_06_k" && x.Value == "abc");
    }

    [Fact]
    public void AreaCsvMissingColumn_IsReported()
    {
        File.WriteAllText(Path.Combine(_dir, "areas.csv"), "dat,region\nA,R\n");
        var path = Write("c.json", """{ "Data": { "Areas": "areas.csv" } }""");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([path], [], useEnvironment: false));
        Assert.Contains(e.Errors, x => x.Message.StartsWith("missing columns baseline_2002_03_k, allocation_2003_04_k", StringComparison.Ordinal));
    }

    [Fact]
    public void BadSetSyntax_IsReported()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([], ["Replicates"], useEnvironment: false));
        Assert.Equal("override: Replicates = 'Replicates': must be Key=Value, e.g. override Parameters.ArrestPerYear=1.5", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void SetValue_ErrorNamesTheSourceTheCallerGaveTheOverrides()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load([], ["Parameters.CustodyPerArrest=2"], useEnvironment: false, setsSource: "--set"));
        Assert.Equal("--set Parameters.CustodyPerArrest: Parameters.CustodyPerArrest = '2': must be a number from 0 to 1 (share)", Assert.Single(e.Errors).ToString());
    }
}
