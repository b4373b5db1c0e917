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
            Assert.True((int)metric < 64, $"{metric} is recorded per modality but numbered {(int)metric}: the arithmetic form's bit set holds metrics 0-63 only");
            for (int m = 0; m < Modalities.Count; m++)
                Assert.Equal(MetricCatalog.Series(metric, m), MetricCatalog.ModalitySeries(metric, m));
        }
    }
}
