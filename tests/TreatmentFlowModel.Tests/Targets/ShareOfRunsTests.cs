using MathNet.Numerics.Distributions;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Tests.Targets;

public sealed class ShareOfRunsTests
{
    [Theory]
    [InlineData(0, 1000, "met in 0 of 1,000 runs, under 0.4% at 95% confidence")]
    [InlineData(0, 20, "met in 0 of 20 runs, under 17% at 95% confidence")]
    [InlineData(200, 200, "met in all 200 runs, over 98% at 95% confidence")]
    [InlineData(613, 1000, "met in 613 of 1,000 runs (61%; 95% confidence 58-65%)")]
    [InlineData(1, 1, "met in the single run")]
    [InlineData(0, 1, "not met in the single run")]
    public void Describe_SaysHowOftenAndHowSure_RoundingBoundsOutwards(int count, int runs, string expected) =>
        Assert.Equal(expected, new ShareOfRuns(count, runs).Describe());

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(3, 50)]
    [InlineData(613, 1000)]
    [InlineData(50, 50)]
    public void TheInterval_IsClopperPearson_EachTailHolding2Point5Percent(int count, int runs)
    {
        var share = new ShareOfRuns(count, runs);
        // The upper bound is the p at which seeing this few or fewer has probability 2.5%; the lower, this many or more.
        if (count < runs) Assert.Equal(0.025, Binomial.CDF(share.Upper95, runs, count), 6);
        else Assert.Equal(1, share.Upper95);
        if (count > 0) Assert.Equal(0.025, 1 - Binomial.CDF(share.Lower95, runs, count - 1), 6);
        else Assert.Equal(0, share.Lower95);
        Assert.InRange(share.Estimate, share.Lower95, share.Upper95);
    }

    [Fact]
    public void TheUpperBoundAtZero_IsOneMinusTwoPointFivePercentToTheOneOverN() =>
        Assert.Equal(1 - Math.Pow(0.025, 1.0 / 1000), new ShareOfRuns(0, 1000).Upper95, 12);

    [Fact]
    public void Of_TurnsAShareBackIntoACountOfRuns()
    {
        Assert.Equal(new ShareOfRuns(613, 1000), ShareOfRuns.Of(0.613, 1000));
        Assert.Equal(0.0154, new ShareOfRuns(613, 1000).StandardError, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => ShareOfRuns.Of(1.2, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShareOfRuns.Of(0.5, 0));
    }
}
