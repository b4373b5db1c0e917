using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Tests.Model;

public sealed class RoundingTests
{
    [Theory]
    [InlineData(187954395.21922606, 3, 188000000)]
    [InlineData(214.89999999999998, 3, 215)]
    [InlineData(0.031249, 2, 0.031)]
    [InlineData(-25341, 2, -25000)]
    [InlineData(0, 3, 0)]
    public void Significant_KeepsTheGivenNumberOfFigures(double x, int digits, double expected) => Assert.Equal(expected, Rounding.Significant(x, digits));

    [Fact]
    public void ProseAndTables_RoundToTheirFigures_AndSayWhenUndefined()
    {
        Assert.Equal("25,000", Rounding.About(25341));
        Assert.Equal("48", Rounding.About(48.3));
        Assert.Equal("187,000", Rounding.Figure(187_349));
        Assert.Equal("2.05", Rounding.Figure(2.0456));
        Assert.Equal("–", Rounding.Figure(double.NaN));
        Assert.Equal("16%", Rounding.Percent(0.1637));
        Assert.Equal("0.4%", Rounding.Percent(0.0037));
        Assert.Equal("99.6%", Rounding.Percent(0.9963));
        Assert.Equal("100%", Rounding.Percent(1));
        Assert.Equal("0%", Rounding.Percent(0));
    }
}
