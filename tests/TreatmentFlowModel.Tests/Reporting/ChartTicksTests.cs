using TreatmentFlowModel.Reporting;

namespace TreatmentFlowModel.Tests.Reporting;

/// <summary>The tracking charts' x axis: a window of months gets quarter ticks, not the one (or no) 1 April it holds.</summary>
public class ChartTicksTests
{
    [Fact]
    public void QuarterTicks_AreTheQuarterStartsInsideTheWindow_LabelledByMonth()
    {
        var ticks = ResultCharts.QuarterTicks(new DateOnly(2002, 12, 1), new DateOnly(2004, 4, 1)).ToList();
        // 1 April 2004 is the window's last day: its label would be cut in half, so it has no tick.
        Assert.Equal(["Jan 2003", "Apr 2003", "Jul 2003", "Oct 2003", "Jan 2004"], ticks.Select(t => t.Label));
        Assert.Equal(new DateTime(2003, 1, 1).ToOADate(), ticks[0].Position);
    }

    [Fact]
    public void QuarterTicks_OverMoreThanTwoYears_AreHalfYearly_AndNoneSitsOnAnEdge()
    {
        var ticks = ResultCharts.QuarterTicks(new DateOnly(2003, 4, 1), new DateOnly(2006, 3, 31)).Select(t => t.Label).ToList();
        Assert.Equal(["Jul 2003", "Jan 2004", "Jul 2004", "Jan 2005", "Jul 2005", "Jan 2006"], ticks);
    }
}
