using System.Globalization;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Setup;
using TreatmentFlowModel.Tracking;

namespace TreatmentFlowModel.Tests.Tracking;

/// <summary>
/// Observation files for <c>tfm run --observed</c> (issue 16 item 5): every period form read to the right period, weeks
/// mapped to the simulated week holding most of their days, and every kind of bad row reported with its line, column,
/// value and what is allowed, all at once.
/// </summary>
public class ObservationFileTests
{
    /// <summary>Three DATs ("3 DATs"), Lambeth weekly, April 1998 (a Wednesday) to March 2005.</summary>
    private static readonly Lazy<FrozenModel> Model = new(() => FrozenModel.From(TestScenarios.Small() with { Start = new DateOnly(1998, 4, 1), WeeklyAreas = ["Lambeth"] }));

    private static IReadOnlyList<Observation> Parse(string text) => ObservationFile.Parse(text, "obs.csv", Model.Value);

    private static string[] Problems(string text) =>
        [.. Assert.Throws<ObservationFileException>(() => Parse(text)).Errors.Select(e => e.ToString())];

    [Theory]
    [InlineData("2003-W23", PeriodKind.Week, "2003-06-02", "2003-06-02")]
    [InlineData("2003-06-02", PeriodKind.Week, "2003-06-02", "2003-06-02")]
    [InlineData("2004-W01", PeriodKind.Week, "2003-12-29", "2003-12-29")]
    [InlineData("2003-04", PeriodKind.Month, "2003-04-01", "2003-04")]
    [InlineData("2003Q2", PeriodKind.Quarter, "2003-04-01", "2003Q2")]
    [InlineData("FY2003-04-Q1", PeriodKind.Quarter, "2003-04-01", "2003Q2")]
    [InlineData("FY2003/04-Q4", PeriodKind.Quarter, "2004-01-01", "2004Q1")]
    [InlineData("2003/04", PeriodKind.FinancialYear, "2003-04-01", "FY2003-04")]
    [InlineData("FY2003-04", PeriodKind.FinancialYear, "2003-04-01", "FY2003-04")]
    public void EveryPeriodForm_IsReadToItsKindAndFirstDay_AndLabelledAsTheOutputsLabelIt(string text, PeriodKind kind, string start, string label)
    {
        Assert.True(ObservationFile.TryParsePeriod(text, out var k, out var s, out string l));
        Assert.Equal(kind, k);
        Assert.Equal(DateOnly.Parse(start, CultureInfo.InvariantCulture), s);
        Assert.Equal(label, l);
    }

    [Theory]
    [InlineData("2003-13")]
    [InlineData("2003Q5")]
    [InlineData("2003-W54")]
    [InlineData("2003-W53")] // 2003 has 52 ISO weeks
    [InlineData("03/04")]
    [InlineData("2003/05")]
    [InlineData("April 2003")]
    [InlineData("2003-04-31")]
    public void ANonPeriod_IsRefused(string text) => Assert.False(ObservationFile.TryParsePeriod(text, out _, out _, out _));

    [Fact]
    public void PeriodsMap_ToTheSamePeriodOfTheOutputs_AndAWeekToTheSimulatedWeekHoldingMostOfItsDays()
    {
        var calendar = Model.Value.Calendar;
        // ISO week 23 of 2003 runs Monday 2 to Sunday 8 June; the simulated weeks begin on Wednesdays: 4-10 June holds five of its days.
        int week = ObservationFile.Index(PeriodKind.Week, new DateOnly(2003, 6, 2), calendar);
        Assert.Equal(new DateOnly(2003, 6, 4), calendar.WeekStart(week));
        Assert.Equal(60, ObservationFile.Index(PeriodKind.Month, new DateOnly(2003, 4, 1), calendar));          // 1998-04 is month 0
        Assert.Equal(new DateOnly(2003, 4, 1), calendar.Month(60));
        Assert.Equal(20, ObservationFile.Index(PeriodKind.Quarter, new DateOnly(2003, 4, 1), calendar));        // 1998Q2 is quarter 0
        Assert.Equal(new DateOnly(2003, 4, 1), calendar.Quarter(20));
        Assert.Equal(5, ObservationFile.Index(PeriodKind.FinancialYear, new DateOnly(2003, 4, 1), calendar));
        Assert.Equal(-1, ObservationFile.Index(PeriodKind.Month, new DateOnly(1998, 3, 1), calendar));
        Assert.Equal(-1, ObservationFile.Index(PeriodKind.Quarter, new DateOnly(2005, 4, 1), calendar));
        Assert.Equal(-1, ObservationFile.Index(PeriodKind.Week, new DateOnly(1998, 3, 23), calendar));
    }

    [Fact]
    public void AGoodFile_IsRead_WithCommentsSkipped_AndLineNumbersKept()
    {
        var rows = Parse("# invented\nperiod,area,metric,value\n2003-04,3 DATs,tests,120\n\n2003Q2,Lambeth,in_treatment,1500.5\n2003/04,Bristol,extra_places_needed,12\n2003-W23,lambeth,Treatment_Starts,9\n");
        Assert.Equal([3, 5, 6, 7], rows.Select(r => r.Line));
        Assert.Equal([PeriodKind.Month, PeriodKind.Quarter, PeriodKind.FinancialYear, PeriodKind.Week], rows.Select(r => r.Kind));
        Assert.True(rows[0].Area.IsTotal);
        Assert.Equal("Lambeth", rows[3].Area.Name);
        Assert.Equal(Metric.TreatmentStarts, rows[3].Metric);
        Assert.Equal(1500.5, rows[1].Value);
    }

    [Theory]
    [InlineData("", "obs.csv: line 1: the file is empty: it needs the header period,area,metric,value and at least one row")]
    [InlineData("period,area,metric\n2003-04,3 DATs,tests\n", "obs.csv: line 1 = 'period,area,metric': the header must be period,area,metric,value")]
    [InlineData("period,area,metric,value\n", "obs.csv: line 1: no observations: give at least one row after the header")]
    [InlineData("period,area,metric,value\n2003-04,3 DATs,tests\n", "obs.csv: line 2 = '2003-04,3 DATs,tests': has 3 cells; each row needs 4: period,area,metric,value")]
    [InlineData("period,area,metric,value\nApril 2003,3 DATs,tests,1\n", "obs.csv: line 2, column period = 'April 2003': not a period: write a week as 2003-W23")]
    [InlineData("period,area,metric,value\n2010-04,3 DATs,tests,1\n", "obs.csv: line 2, column period = '2010-04': outside the run, which simulates 1998-04-01 to 2005-03-31")]
    [InlineData("period,area,metric,value\n2003-04,3 DATs,test,1\n", "obs.csv: line 2, column metric = 'test': not a metric: write an output name such as treatment_starts")]
    [InlineData("period,area,metric,value\n2003-04,3 DATs,extra_places_needed,1\n", "obs.csv: line 2, column metric = 'extra_places_needed': is computed for financial years only")]
    [InlineData("period,area,metric,value\n2003-04,3 DATs,tests,12k\n", "obs.csv: line 2, column value = '12k': must be a number >= 0")]
    [InlineData("period,area,metric,value\n2003-04,3 DATs,tests,-4\n", "obs.csv: line 2, column value = '-4': must be a number >= 0")]
    [InlineData("period,area,metric,value\n2003-04,England,tests,4\n", "obs.csv: line 2, column area = 'England': not an area of this run for months: 3 DATs, Lambeth")]
    [InlineData("period,area,metric,value\n2003-04,Bristol,tests,4\n", "(a DAT's weeks, months and quarters are recorded only when Output.WeeklyAreas names it)")]
    [InlineData("period,area,metric,value\n2003-04,,tests,4\n", "obs.csv: line 2, column area = '': is empty")]
    [InlineData("period,area,metric,value\n2003-04,Lambeth,tests,4\n2003-04,lambeth,TESTS,5\n", "obs.csv: line 3 = '2003-04,lambeth,TESTS,5': repeats line 2 (the same period, area and metric)")]
    public void EveryKindOfBadRow_IsReportedWithLineColumnValueAndWhatIsAllowed(string text, string expected) =>
        Assert.Contains(Problems(text), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var problems = Problems("period,area,metric,value\n2003-13,3 DATs,tests,1\n2003-04,Nowhere,tests,1\n2003-04,3 DATs,tets,x\n");
        Assert.Equal(4, problems.Length);
        Assert.Contains(problems, p => p.Contains("Did you mean 'tests'?", StringComparison.Ordinal) || p.Contains("'tests'", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnreadableFile_IsAProblemNotAnException()
    {
        var e = Assert.Throws<ObservationFileException>(() => ObservationFile.Read(Path.Combine(Path.GetTempPath(), "no-such-observations.csv"), TestScenarios.Small()));
        Assert.StartsWith("The observation file has 1 problem:", e.Message);
        Assert.Contains("no-such-observations.csv: file:", e.Message);
    }
}
