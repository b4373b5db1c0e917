using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Tests.Targets;

/// <summary>Targets are data (issue 16): a scenario declares them, targets.csv and the report judge what it declares.</summary>
public class DeclaredTargetTests
{
    private static TargetDeclaration AtLeast(string name, Metric metric, double level, string? area = null) =>
        new(name, TargetDeclarationKind.AtLeast, metric, null, new FinancialYear(2003), level) { Area = area, Source = "test" };

    [Fact]
    public void TheDefaultFile_DeclaresBothReadingsOfBy2004_AndTheNationalLevels()
    {
        var targets = ScenarioLoader.LoadDefault().Targets;
        var readings = targets.Where(t => t.Metric == Metric.Participation && t.Value == 1.55).Select(t => t.Year.ToString()).ToList();
        Assert.Equal(["2003/04", "2004/05"], readings);
        Assert.Contains(targets, t => t.Kind == TargetDeclarationKind.AtLeast && t.Value == 158_000 && t.Area == "England" && t.Year == new FinancialYear(2003));
        Assert.Contains(targets, t => t.Kind == TargetDeclarationKind.AtLeast && t.Value == 200_000 && t.Year == new FinancialYear(2008));
        Assert.Contains(targets, t => t.Metric == Metric.DrugRelatedDeaths && t.Value == 0.8 && t.BaseYear == new FinancialYear(1999));
        Assert.All(targets, t => Assert.NotEmpty(t.Source));
    }

    [Fact]
    public void LevelTargets_AreMetInEveryRunOrNone_ByTheirLevel_AndAnAreasTargetIsReportedThereOnly()
    {
        var s = TestScenarios.Small(6) with
        {
            Targets =
            [
                AtLeast("easy", Metric.Participation, 1),
                AtLeast("impossible", Metric.Participation, 1e9),
                AtLeast("lambeth_only", Metric.TreatmentStarts, 1, area: "Lambeth"),
                new("wait_at_most_1000", TargetDeclarationKind.AtMost, Metric.MeanWaitWeeks, Modality.SpecialistPrescribing, new FinancialYear(2003), 1000),
            ],
        };
        var r = Simulation.Run(s);
        Assert.All(r.Targets.Where(t => t.Target.Name == "easy"), t => Assert.Equal(1, t.PMet));
        Assert.All(r.Targets.Where(t => t.Target.Name == "impossible"), t => Assert.Equal(0, t.PMet));
        Assert.Equal(4, r.Targets.Count(t => t.Target.Name == "easy")); // the total and three DATs
        Assert.Equal(["Lambeth"], r.Targets.Where(t => t.Target.Name == "lambeth_only").Select(t => t.Area.Name));
        var wait = r.Targets.First(t => t.Target.Name == "wait_at_most_1000");
        Assert.Equal(TargetKind.AtMost, wait.Target.Kind);
        Assert.Equal(Modality.SpecialistPrescribing, wait.Target.Modality);
        Assert.Equal(1, wait.PMet);
        Assert.Equal("test", r.Targets.First(t => t.Target.Name == "easy").Source);
    }

    [Fact]
    public void AGrowthTargetOnAPublishedBaseline_IsJudgedAgainstThatFigure_AndAFactorBelowOneIsAFall()
    {
        var year = new FinancialYear(2004);
        var s = TestScenarios.Small(6) with
        {
            Targets =
            [
                new("doubling_of_one", TargetDeclarationKind.GrowthOverBase, Metric.Participation, null, year, 2) { BaseYear = new FinancialYear(2002), PublishedBaseline = 1 },
                new("fall_from_a_billion", TargetDeclarationKind.GrowthOverBase, Metric.Participation, null, year, 0.8) { BaseYear = new FinancialYear(2002), PublishedBaseline = 1e9 },
                new("fall_from_one", TargetDeclarationKind.GrowthOverBase, Metric.Participation, null, year, 0.8) { BaseYear = new FinancialYear(2002), PublishedBaseline = 1 },
            ],
        };
        var r = Simulation.Run(s);
        var doubling = r.Targets.First(t => t.Target.Name == "doubling_of_one" && t.Area.IsTotal);
        Assert.Equal(1, doubling.Baseline);
        Assert.Equal(2, doubling.Threshold);
        Assert.Equal(1, doubling.PMet);
        Assert.Equal(1, r.Targets.First(t => t.Target.Name == "fall_from_a_billion" && t.Area.IsTotal).PMet);
        Assert.Equal(0, r.Targets.First(t => t.Target.Name == "fall_from_one" && t.Area.IsTotal).PMet);
    }

    [Fact]
    public void BadTargets_AreNamedByFileKeyValueAndWhatIsAllowed()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.FromJson("""
            { "Targets": [
                { "Name": "a", "Kind": "AtLeastt", "Metric": "participation", "Year": "2003/04", "Value": 1 },
                { "Name": "b", "Kind": "AtLeast", "Metric": "participaton", "Year": "2003-04", "Value": 1 },
                { "Name": "d", "Kind": "GrowthOverBase", "Metric": "participation", "Year": "2003/04", "Value": 1.55 }
            ] }
            """, "targets.json"));
        Assert.Contains(e.Errors, x => x.Path == "Targets.0.Kind" && x.Value == "AtLeastt" && x.Message.Contains("allowed: GrowthOverBase, AtLeast, AtMost, RiseOnYearBefore"));
        Assert.Contains(e.Errors, x => x.Path == "Targets.1.Metric" && x.Value == "participaton" && x.Message.Contains("participation"));
        Assert.Contains(e.Errors, x => x.Path == "Targets.1.Year" && x.Value == "2003-04" && x.Message.Contains("2003/04"));
        Assert.Contains(e.Errors, x => x.Path == "Targets.2.BaseYear");
        Assert.All(e.Errors, x => Assert.Contains("targets.json", x.Source));

        var area = Assert.Throws<ScenarioException>(() => ScenarioLoader.FromJson("""
            { "Targets": [ { "Name": "c", "Kind": "AtLeast", "Metric": "participation", "Year": "2003/04", "Value": 1, "Area": "Narnia" } ] }
            """, "targets.json"));
        var error = Assert.Single(area.Errors);
        Assert.Equal("Targets.0.Area", error.Path);
        Assert.Equal("Narnia", error.Value);
        Assert.Contains("allowed: England, a region or a DAT", error.Message);
    }
}
