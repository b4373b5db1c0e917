namespace TreatmentFlowModel.Scenarios;

/// <summary>What a scenario key holds (see <see cref="ScenarioKey"/>).</summary>
internal enum ScenarioKeyKind
{
    /// <summary>Text.</summary>
    Text,
    /// <summary>A date written yyyy-MM-dd.</summary>
    Date,
    /// <summary>A whole number.</summary>
    WholeNumber,
    /// <summary>A number.</summary>
    Number,
    /// <summary>true or false.</summary>
    Switch,
    /// <summary>A list of names (DATs).</summary>
    Names,
    /// <summary>An object with the keys listed.</summary>
    Section,
    /// <summary>A list of objects, each with the keys listed.</summary>
    List,
    /// <summary>Scalar parameters by name (the parameter catalogue): numbers or distributions.</summary>
    Parameters,
    /// <summary>Per-modality parameters by modality, then parameter name.</summary>
    Modalities,
    /// <summary>Area parameters by DAT name, then parameter name.</summary>
    AreaParameters,
    /// <summary>The name of a parameter that may change over time (scalar or per-modality).</summary>
    AreaParameterName,
    /// <summary>Numbers keyed by financial year (2003/04).</summary>
    NumbersByYear,
    /// <summary>Numbers keyed by modality name (any of them, or none).</summary>
    NumbersByModality,
    /// <summary>Facts about the run that wrote a resolved scenario; ignored when loading.</summary>
    RunFacts,
}
