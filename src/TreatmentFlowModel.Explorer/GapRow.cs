using TreatmentFlowModel.Model;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Explorer;

/// <summary>One DAT × modality row of the explorer's gaps table: the capacity gap with the DAT's region.</summary>
/// <param name="Region">The DAT's government office region.</param>
/// <param name="Gap">Demand, places, waits, the chance the NTA maximum wait is met and the extra places needed.</param>
public sealed record GapRow(string Region, CapacityGap Gap)
{
    /// <summary>The DAT.</summary>
    public string Area => Gap.Area.Name;

    /// <summary>The modality.</summary>
    public Modality Modality => Gap.Modality;

    /// <summary>
    /// How bad the gap is: the chance the wait target is missed, then the extra places needed in 90% of runs (the
    /// order of <see cref="CapacityGap.MostSevereFirst"/>, which ranks the rows).
    /// </summary>
    public (double Missed, double Places) Severity => (1 - Gap.PTargetMet, double.IsFinite(Gap.ExtraPlacesP90) ? Gap.ExtraPlacesP90 : 0);
}
