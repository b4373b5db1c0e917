using TreatmentFlowModel.Calibration.Abc;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Calibration;

/// <summary>
/// One summary statistic of the calibration: what the ABC core compares (<see cref="Abc"/>: its name, the observed value
/// and its sd, in the distance's units: logs on the log scale), where it comes from, and whether this calibration fits it.
/// </summary>
/// <param name="Abc">The ABC observation (value and sd in the distance's units).</param>
/// <param name="Source">The published figure it comes from.</param>
/// <param name="Kind">A value, a block's mean, or one modality's deviation from it.</param>
/// <param name="Modality">The modality of a deviation.</param>
/// <param name="Fitted">Whether it enters the distance (otherwise it is held out or a check, and only predicted).</param>
public sealed record CalibrationSummary(Observation Abc, CalibrationObservation Source, SummaryKind Kind, Modality? Modality, bool Fitted)
{
    /// <summary>A value in the distance's units back in the figure's units: a count, weeks, a share (for a deviation on the log scale, a ratio to the block's geometric mean).</summary>
    public double ToNatural(double value) => Source.Scale == ObservationScale.Log ? Math.Exp(value) : value;

    /// <summary>What the row compares, in words, for the report.</summary>
    public string Describe()
    {
        string model = Source.Term.ToString();
        if (!Source.Times.IsEmpty) model += " x " + string.Join(" x ", Source.Times);
        if (!Source.Per.IsEmpty) model += " / (" + string.Join(" + ", Source.Per) + ")";
        return Kind switch
        {
            SummaryKind.BlockMean => $"{(Source.Scale == ObservationScale.Log ? "geometric mean" : "mean")} over modalities of {model}",
            SummaryKind.BlockDeviation => $"{Modalities.OutputName(Modality!.Value)}: {(Source.Scale == ObservationScale.Log ? "ratio to" : "difference from")} the modalities' {(Source.Scale == ObservationScale.Log ? "geometric " : "")}mean",
            _ => model,
        };
    }
}
