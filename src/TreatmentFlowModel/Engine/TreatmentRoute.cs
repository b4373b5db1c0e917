namespace TreatmentFlowModel.Engine;

/// <summary>The rows of people in treatment of every area-modality (<see cref="TreatmentLayout"/>), by how they came in.</summary>
internal enum TreatmentRoute
{
    /// <summary>Problem drug users referred by other routes, and criminal-justice entrants after their first quarter.</summary>
    Other = 0,
    /// <summary>Criminal-justice entrants in weeks 0-25 or so, whose drop-out is higher.</summary>
    Cjs = 1,
    /// <summary>People who are not problem drug users (they leave the system when they leave treatment).</summary>
    NonPdu = 2,
}
