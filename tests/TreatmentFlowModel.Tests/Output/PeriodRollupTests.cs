using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Tests.Output;

/// <summary>
/// monthly.csv and quarterly.csv (issue 16): months and quarters of the run's total, its whole regions and its weekly
/// areas, labelled so that a calendar month, a calendar quarter and a financial quarter cannot be mistaken for each other,
/// and adding up exactly to the financial years of annual.csv.
/// </summary>
public class PeriodRollupTests
{
    private static readonly string[] NorthEast =
        ["Darlington", "Durham", "Gateshead", "Newcastle City", "Northumberland", "South Tyneside", "Sunderland", "North Tyneside", "Hartlepool", "Redcar & Cleveland", "Middlesbrough", "Stockton"];

    /// <summary>The North East whole, Lambeth weekly; two financial years from a Wednesday (1 April 2003), as the default runs from 1 April 1998.</summary>
    private static readonly Lazy<EnsembleResult> Run = new(() => Simulation.Run(TestScenarios.Small(6) with
    {
        Areas = [.. NorthEast, "Lambeth"],
        WeeklyAreas = ["Lambeth"],
        Start = new DateOnly(2003, 4, 2),
        End = new DateOnly(2005, 3, 31),
        BurnInYears = 1,
    }));

    [Theory]
    [InlineData("2003-04-01", "2003-04", "2003Q2", "FY2003-04-Q1")]
    [InlineData("2003-06-30", "2003-06", "2003Q2", "FY2003-04-Q1")]
    [InlineData("2003-07-01", "2003-07", "2003Q3", "FY2003-04-Q2")]
    [InlineData("2003-12-31", "2003-12", "2003Q4", "FY2003-04-Q3")]
    [InlineData("2004-01-01", "2004-01", "2004Q1", "FY2003-04-Q4")]
    [InlineData("2004-03-31", "2004-03", "2004Q1", "FY2003-04-Q4")]
    public void Labels_NameTheCalendarMonth_TheCalendarQuarter_AndTheFinancialQuarter(string date, string month, string quarter, string financialQuarter)
    {
        var d = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(month, PeriodLabels.Month(d));
        Assert.Equal(quarter, PeriodLabels.Quarter(d));
        Assert.Equal(financialQuarter, PeriodLabels.FinancialQuarter(d));
    }

    [Fact]
    public void AWeek_BelongsToTheMonthAndQuarterOfItsFirstDay_AsToTheFinancialYear()
    {
        // Weeks from Wednesday 26 March 2003: week 0 (26 March - 1 April) is March's, 2003Q1's and 2002/03's; week 1 April's.
        var calendar = new WeekCalendar(new DateOnly(2003, 3, 26), new DateOnly(2003, 7, 15));
        Assert.Equal(new DateOnly(2003, 3, 1), calendar.FirstMonth);
        Assert.Equal(0, calendar.MonthIndexOfWeek(0));
        Assert.Equal(0, calendar.QuarterIndexOfWeek(0));
        Assert.Equal(new FinancialYear(2002), calendar.Year(calendar.YearIndexOfWeek(0)));
        Assert.True(calendar.IsLastWeekOfMonth(0));
        Assert.True(calendar.IsLastWeekOfQuarter(0));
        Assert.Equal(1, calendar.MonthIndexOfWeek(1));
        Assert.Equal(new DateOnly(2003, 4, 1), calendar.Month(1));
        Assert.Equal(new DateOnly(2003, 4, 1), calendar.Quarter(1));
        Assert.False(calendar.IsLastWeekOfMonth(1));
        // Through 15 July: March to July, 2003Q1 to 2003Q3.
        Assert.Equal(5, calendar.Months);
        Assert.Equal(3, calendar.Quarters);
        Assert.Equal(2, calendar.QuarterIndexOfWeek(calendar.Weeks - 1));
        Assert.Equal(calendar.Weeks - 1, calendar.WeekOf(new DateOnly(2003, 7, 15)));
        Assert.Equal(-1, calendar.WeekOf(new DateOnly(2003, 3, 25)));
    }

    [Fact]
    public void TheTotal_TheWholeRegions_AndTheWeeklyAreas_HaveMonthsAndQuarters()
    {
        var result = Run.Value;
        Assert.Equal(["13 DATs", "North East", "Lambeth"], result.PeriodAreas.Select(a => a.Name));
        Assert.Throws<ArgumentException>(() => result.Monthly("Durham", Metric.TreatmentStarts));
        Assert.Equal(24, result.Calendar.Months);
        Assert.Equal(8, result.Calendar.Quarters);
    }

    [Theory]
    [InlineData("13 DATs")]
    [InlineData("North East")]
    [InlineData("Lambeth")]
    public void MonthsAddUpToQuarters_AndQuartersToFinancialYears(string name)
    {
        var result = Run.Value;
        AreaId area = result.PeriodAreas.Single(a => a.Name == name);
        // Counts: every replicate's quarter is the sum of its months, so the means add up (to the 2^-16 of the exact sums).
        foreach (var metric in new[] { Metric.TreatmentStarts, Metric.Arrests, Metric.CostGbp })
        {
            var months = result.Monthly(area, metric);
            var quarters = result.Quarterly(area, metric);
            var years = result.Annual(area, metric);
            Assert.True(years[0].Mean > 0, $"{metric}: nothing to add up");
            for (int q = 0; q < 8; q++) Assert.Equal(quarters[q].Mean, months.Skip(3 * q).Take(3).Sum(s => s.Mean), 1e-3);
            for (int y = 0; y < 2; y++) Assert.Equal(years[y].Mean, quarters.Skip(4 * y).Take(4).Sum(s => s.Mean), 1e-3);
        }
        // Levels: a period's value is its last week's, so March's is the quarter's and the year's, replicate by replicate.
        foreach (var metric in new[] { Metric.InTreatment, Metric.Waiting, Metric.Participation })
        {
            var march = result.Monthly(area, metric)[11];
            Assert.Equal(result.Quarterly(area, metric)[3], march);
            Assert.Equal(result.Annual(area, metric)[0], march);
        }
        // A stochastic run: the months differ between replicates, and quarters are not three copies of a month.
        Assert.True(result.Monthly(area, Metric.TreatmentStarts)[5].Sd > 0);
        Assert.NotEqual(result.Monthly(area, Metric.TreatmentStarts)[5].Mean * 3, result.Quarterly(area, Metric.TreatmentStarts)[1].Mean, 1e-3);
    }

    [Fact]
    public void AMonthsWaitAndRetention_AreFromItsOwnAdmissions_AndTheYearsFromTheYears()
    {
        var result = Run.Value;
        var monthly = result.Monthly(result.Total, Metric.MeanWaitWeeks);
        Assert.All(monthly, s => Assert.InRange(s.Mean, 0, 60));
        // The months' retained_share lies between the smallest and largest month's, the year's the ratio of its sums.
        var retained = result.Monthly(result.Total, Metric.Retained12Wk).Take(12).Sum(s => s.Mean);
        var starts = result.Monthly(result.Total, Metric.TreatmentStarts).Take(12).Sum(s => s.Mean);
        Assert.Equal(retained / starts, result.Annual(result.Total, Metric.RetainedShare)[0].Mean, 0.02);
    }
}
