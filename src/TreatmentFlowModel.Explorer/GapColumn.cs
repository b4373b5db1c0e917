namespace TreatmentFlowModel.Explorer;

/// <summary>The sortable columns of the gaps table.</summary>
public enum GapColumn
{
    /// <summary>Most severe first (the chance the wait target is missed, then the extra places): the default.</summary>
    Severity,
    /// <summary>DAT name.</summary>
    Area,
    /// <summary>Modality.</summary>
    Modality,
    /// <summary>Referrals wanting a place.</summary>
    Demand,
    /// <summary>Places funded.</summary>
    Places,
    /// <summary>People waiting at the year's end.</summary>
    Waiting,
    /// <summary>Median 95th percentile wait.</summary>
    P95Wait,
    /// <summary>Chance the NTA maximum wait is met.</summary>
    PTargetMet,
    /// <summary>Extra places needed in 90% of runs.</summary>
    ExtraPlacesP90,
}
