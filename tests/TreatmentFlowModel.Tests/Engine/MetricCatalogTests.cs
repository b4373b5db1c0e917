using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Tests.Engine;

public class MetricCatalogTests
{
    [Fact]
    public void ArithmeticSeriesIndices_MatchTheCatalogueTable_ForEveryMetricAndModality()
    {
        // The engine writes through the arithmetic form; the recorder and outputs read through the table.
        Assert.Equal(MetricCatalog.SeriesCountConst, MetricCatalog.SeriesCount);
        foreach (var metric in Enum.GetValues<Metric>())
        {
            Assert.Equal(MetricCatalog.Total(metric), MetricCatalog.TotalSeries(metric));
            if (!MetricCatalog.HasModalities(metric)) continue;
            for (int m = 0; m < Modalities.Count; m++)
                Assert.Equal(MetricCatalog.Series(metric, m), MetricCatalog.ModalitySeries(metric, m));
        }
    }
}
