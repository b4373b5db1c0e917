namespace TreatmentFlowModel.Calibration;

/// <summary>How an observation is compared with the model in the ABC distance.</summary>
public enum ObservationScale
{
    /// <summary>On the natural scale: (model − observed) / sd.</summary>
    Linear,

    /// <summary>On the log scale: (log model − log(observed × bias)) / sd, sd being a log-normal σ.</summary>
    Log,
}
