using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Ensemble;

/// <summary>
/// What a run's total is called and which regions are areas of its results (issue 16): England only for all 149 DATs,
/// a run of some areas by what it covers, the nine regions when the run holds them whole.
/// </summary>
public class AreaLabelTests
{
    private static readonly string[] NorthEast =
        ["Darlington", "Durham", "Gateshead", "Newcastle City", "Northumberland", "South Tyneside", "Sunderland", "North Tyneside", "Hartlepool", "Redcar & Cleveland", "Middlesbrough", "Stockton"];

    private static Scenario Short(params string[] areas) => TestScenarios.Small(4) with
    {
        Areas = [.. areas],
        WeeklyAreas = [],
        Start = new DateOnly(2003, 4, 1),
        End = new DateOnly(2004, 3, 31),
        BurnInYears = 1,
    };

    [Fact]
    public void EveryDatOfTheTable_IsEngland_WithTheNineRegions()
    {
        var model = FrozenModel.From(ScenarioLoader.LoadDefault());
        Assert.Equal(149, model.AreaCount);
        Assert.Equal("England", model.Groups.TotalLabel);
        Assert.Equal(["East Midlands", "East of England", "London", "North East", "North West", "South East", "South West", "West Midlands", "Yorkshire & Humber"],
            model.Groups.Regions.Order(StringComparer.Ordinal));
        Assert.Equal(149, model.Groups.Members.Sum(m => m.Length));
        Assert.Equal(12, model.Groups.Members[model.Groups.Regions.IndexOf("North East")].Length);
    }

    [Fact]
    public void ThreeDats_AreLabelledThreeDats_AndNeverEngland()
    {
        var result = Simulation.Run(Short("Lambeth", "Bristol", "Darlington"));
        Assert.Equal("3 DATs", result.Total.Name);
        Assert.True(result.Total.IsTotal);
        Assert.Equal(["3 DATs", "Lambeth", "Bristol", "Darlington"], result.Areas.Select(a => a.Name));
        Assert.DoesNotContain(result.Targets, t => t.Area.Name == "England");
        Assert.StartsWith("small (3 DATs)", result.ToString());
        // Any total stands for the run's own in lookups, so code written for England reads this run's total.
        Assert.Equal(result.Annual(result.Total, Metric.Participation)[0].Mean, result.Annual(AreaId.England, Metric.Participation)[0].Mean);
    }

    [Fact]
    public void OneDat_IsLabelledByItsName_WithNoSecondRow()
    {
        var result = Simulation.Run(Short("North East Lincolnshire"));
        Assert.Equal("North East Lincolnshire", result.Total.Name);
        Assert.Equal(["North East Lincolnshire"], result.Areas.Select(a => a.Name));
        Assert.Equal(["North East Lincolnshire"], result.WeeklyAreas.Select(a => a.Name));
        Assert.True(result.Annual("North East Lincolnshire", Metric.Participation)[0].Mean > 0);
    }

    [Fact]
    public void ExactlyOneRegionsDats_AreLabelledByTheRegion()
    {
        var model = FrozenModel.From(Short(NorthEast));
        Assert.Equal("North East", model.Groups.TotalLabel);
        Assert.Empty(model.Groups.Regions);
    }

    [Fact]
    public void AWholeRegion_IsAnArea_TheSumOfItsDats_AndAPartRegionIsNot()
    {
        // The North East whole, and Lambeth alone of London's 33 DATs.
        var result = Simulation.Run(Short([.. NorthEast, "Lambeth"]));
        Assert.Equal("13 DATs", result.Total.Name);
        var regions = result.Areas.Where(a => a.IsRegion).ToList();
        Assert.Equal(["North East"], regions.Select(a => a.Name));
        foreach (var metric in new[] { Metric.Participation, Metric.TreatmentStarts, Metric.Waiting, Metric.Capacity })
        {
            double region = result.Annual(AreaId.Region("North East"), metric)[0].Mean;
            double sum = NorthEast.Sum(d => result.Annual(d, metric)[0].Mean);
            Assert.Equal(sum, region, Math.Max(1e-9, 1e-9 * sum));
            Assert.True(region < result.Annual(result.Total, metric)[0].Mean || metric == Metric.Waiting);
        }
        Assert.Contains(result.Targets, t => t.Area.IsRegion && t.Area.Name == "North East");
    }
}
