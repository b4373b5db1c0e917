using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Reporting;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Scenarios;

/// <summary>The shipped local scenario (issue 16): a report headed for North East Lincolnshire, its local targets judged, no England.</summary>
public class NorthEastLincolnshireTests
{
    private static readonly Lazy<EnsembleResult> Run = new(() =>
        Simulation.Run(ScenarioLoader.Load([TestPaths.At("scenarios", "north-east-lincolnshire.json")], [], useEnvironment: false) with { Replicates = 20 }));

    [Fact]
    public void TheLocalScenario_IsLabelledByItsDat_AndJudgesItsOwnTargets()
    {
        var r = Run.Value;
        Assert.Equal("North East Lincolnshire", r.Total.Name);
        Assert.All(r.Targets, t => Assert.Equal("North East Lincolnshire", t.Area.Name));
        var names = r.Targets.Select(t => t.Target.Name).ToHashSet();
        Assert.Contains("dtto_orders_35", names);
        Assert.Contains("mean_wait_specialist_prescribing", names);
        Assert.Contains("participation_55pct_2003_04", names);
        Assert.Contains("participation_55pct", names);
        Assert.Contains("drug_deaths_down_20pct_on_1999", names);
        Assert.DoesNotContain("in_treatment_158k_march_2004", names); // England's level, not the DAT's
    }

    [Fact]
    public void TheReport_IsHeadedForNorthEastLincolnshire_AndNeverMentionsEngland()
    {
        string html = HtmlReport.Render(Run.Value, []);
        Assert.Contains("<h2 id=\"key-figures\">Key figures for North East Lincolnshire</h2>", html);
        Assert.Contains("<h2 id=\"targets\">Targets for North East Lincolnshire</h2>", html);
        Assert.Contains("DTTO orders at least 35 in 2003/04", html);
        Assert.DoesNotContain("England", html);
    }
}
