using Plotly.Blazor;

namespace TreatmentFlowModel.Explorer;

/// <summary>An interactive chart ready for <c>PlotlyChart</c>: its element id, traces and layout.</summary>
/// <param name="Id">The chart element's id (stable, for tests and links).</param>
/// <param name="Title">What it shows.</param>
/// <param name="Caption">One line under the chart: what the lines and bands are.</param>
/// <param name="Data">The traces.</param>
/// <param name="Layout">Axes, title and legend.</param>
public sealed record ChartFigure(string Id, string Title, string Caption, IList<ITrace> Data, Layout Layout);
