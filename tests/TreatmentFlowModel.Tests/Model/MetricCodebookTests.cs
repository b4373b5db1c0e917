using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Tests.Model;

public sealed class MetricCodebookTests
{
    private static readonly string[] Units = ["persons", "places", "weeks", "GBP", "offences", "orders", "share", "WTE"];

    [Fact]
    public void EveryMetric_HasACodebookEntry_UnderItsOutputName()
    {
        foreach (var metric in Enum.GetValues<Metric>())
            Assert.Equal(MetricCatalog.OutputName(metric), MetricCodebook.Of(metric).Name);
    }

    [Fact]
    public void Entries_AreUnique_WithAKnownUnit_ASensiblePrecision_AndWords()
    {
        Assert.Equal(MetricCodebook.Entries.Count, MetricCodebook.Entries.Select(e => e.Name).Distinct().Count());
        Assert.All(MetricCodebook.Entries, e =>
        {
            Assert.Contains(e.Unit, Units);
            Assert.InRange(e.Decimals, 0, 4);
            Assert.Matches("^[a-z0-9_]+$", e.Name);
            Assert.False(string.IsNullOrWhiteSpace(e.Label));
            Assert.EndsWith(".", e.Definition);
        });
    }

    [Fact]
    public void Round_KeepsTheStatedDecimals()
    {
        Assert.Equal(214.9, MetricCodebook.Of(Metric.Waiting).Round(214.89999999999998));
        Assert.Equal(0.04, MetricCodebook.Of(Metric.Deaths).Round(0.0412));
        Assert.Equal(187954395, MetricCodebook.Of(Metric.CostGbp).Round(187954395.21922606));
        Assert.Equal(0.3333, MetricCodebook.Of(Metric.RetainedShare).Round(1 / 3.0));
        Assert.True(double.IsNaN(MetricCodebook.Of(Metric.MeanWaitWeeks).Round(double.NaN)));
    }
}
