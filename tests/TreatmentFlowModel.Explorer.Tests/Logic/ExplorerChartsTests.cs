using Plotly.Blazor.Traces;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Explorer.Tests.Logic;

public sealed class ExplorerChartsTests
{
    private static readonly Lazy<EnsembleResult> Run = new(() => Simulation.Run(ExplorerTestScenarios.Tiny));
    private static readonly Lazy<EnsembleResult> Preview = new(() => Simulation.Run(ExplorerTestScenarios.Tiny, new RunOptions { Deterministic = true }));

    [Fact]
    public void AStochasticRun_DrawsFans_WithBandsBetweenTheirPercentiles_AndTheTarget()
    {
        var chart = ExplorerCharts.Participation(Run.Value, null, AreaId.England);
        var names = chart.Data.Cast<Scatter>().Select(t => t.Name).ToList();
        Assert.Equal(["5-95% of runs", "5-95% of runs", "25-75% of runs", "25-75% of runs", "median of the runs"], names.Take(5));
        Assert.StartsWith("target: +55% by 2004/05", names[5]);
        var annual = Run.Value.Annual(AreaId.England, Metric.Participation);
        var median = (Scatter)chart.Data[4];
        Assert.Equal(annual.Select(s => (object)Math.Round(s.P50)), median.Y);
        Assert.Equal(Run.Value.Calendar.FinancialYears.Select(y => (object)y.ToString()), median.X);
    }

    [Fact]
    public void APreviewAlone_DrawsDottedLines_AndNoBands()
    {
        var charts = ExplorerCharts.All(null, Preview.Value, "Lambeth");
        Assert.Equal(["chart-participation", "chart-waiting", "chart-places", "chart-cjs-starts"], charts.Select(c => c.Id));
        var waiting = charts[1].Data.Cast<Scatter>().ToList();
        Assert.Equal("deterministic preview", Assert.Single(waiting).Name);
        Assert.Equal("dot", waiting[0].Line.Dash);
    }

    [Fact]
    public void NothingToDraw_DrawsNothing() => Assert.Empty(ExplorerCharts.All(null, null, AreaId.England));
}
