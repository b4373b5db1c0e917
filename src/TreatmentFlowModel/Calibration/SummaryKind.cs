namespace TreatmentFlowModel.Calibration;

/// <summary>What one summary of the ABC distance is, relative to the observation it comes from.</summary>
public enum SummaryKind
{
    /// <summary>The observation's single value.</summary>
    Value,

    /// <summary>A modality block's mean over the six modalities (of the logs, on the log scale), at full weight.</summary>
    BlockMean,

    /// <summary>One modality's deviation from its block's mean, at half weight (its sd × √2).</summary>
    BlockDeviation,
}
