using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Tests.Model;

public class TypedValueTests
{
    [Fact]
    public void FinancialYear_IsWrittenAsInTheOutputs_AndReadBack()
    {
        Assert.Equal("2003/04", new FinancialYear(2003).ToString());
        Assert.Equal("1999/00", new FinancialYear(1999).ToString());
        Assert.Equal(new FinancialYear(2008), FinancialYear.Parse("2008/09"));
        Assert.False(FinancialYear.TryParse("2003/05", out _));
        Assert.False(FinancialYear.TryParse("03/04", out _));
        Assert.Throws<FormatException>(() => FinancialYear.Parse("2003-04"));
    }

    [Fact]
    public void FinancialYear_StartsOnTheFirstOfApril_AndCountsLikeTheYears()
    {
        Assert.Equal(new FinancialYear(2003), FinancialYear.Of(new DateOnly(2003, 4, 1)));
        Assert.Equal(new FinancialYear(2002), FinancialYear.Of(new DateOnly(2003, 3, 31)));
        Assert.Equal(new FinancialYear(2006), new FinancialYear(2004) + 2);
        Assert.Equal(6, new FinancialYear(2004) - new FinancialYear(1998));
        Assert.True(new FinancialYear(1998) < new FinancialYear(2004));
    }

    [Fact]
    public void Calendar_NamesItsYears_AndFindsTheirIndex()
    {
        var calendar = new WeekCalendar(new DateOnly(1998, 4, 1), new DateOnly(2005, 3, 31));
        Assert.Equal(new FinancialYear(1998), calendar.FirstYear);
        Assert.Equal(new FinancialYear(2004), calendar.LastYear);
        Assert.Equal(6, calendar.YearIndex(new FinancialYear(2004)));
        Assert.True(calendar.Contains(new FinancialYear(2004)));
        Assert.False(calendar.Contains(new FinancialYear(2005)));
        Assert.Equal(["1998/99", "1999/00", "2000/01", "2001/02", "2002/03", "2003/04", "2004/05"], calendar.FinancialYears.Select(y => y.ToString()));
    }

    [Fact]
    public void AreaId_ComparesNamesWithoutRegardToCase_AndKnowsTotalsAndRegions()
    {
        AreaId bristol = "Bristol";
        Assert.Equal(bristol, new AreaId("BRISTOL"));
        Assert.Equal(bristol.GetHashCode(), new AreaId("bristol").GetHashCode());
        Assert.NotEqual(bristol, AreaId.England);
        Assert.True(AreaId.England.IsTotal);
        Assert.False(new AreaId("england").IsTotal);
        Assert.True(AreaId.Total("3 DATs").IsTotal);
        Assert.True(AreaId.Region("London").IsRegion);
        Assert.True(bristol.IsDat);
        Assert.Equal("Bristol", bristol.ToString());
        Assert.Throws<ArgumentException>(() => new AreaId(" "));
    }
}
