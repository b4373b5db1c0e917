using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// The random-stream channels of one area's flows. Every random number of a run is addressed by (seed, replicate, week,
/// channel), with channel = area index × <see cref="FlowChannels.PerArea"/> + flow, the area index being the area's
/// position among the simulated areas; parameters are drawn once per replicate from channel
/// <see cref="ParameterRandom.Channel"/>, each value from its own "week" (a scalar's <see cref="ParameterId"/>, a
/// modality's parameter, an area's override; <see cref="ParameterRandom.Use"/>), so that fixing or freeing one parameter
/// moves no other draw.
/// </summary>
/// <remarks>
/// This numbering is part of the reproducibility contract: the same scenario and seed give the same bytes only while
/// it stays as it is, and two scenarios run with the same seed share random numbers flow by flow (common random numbers)
/// because of it. Add new flows at the end (before <see cref="FlowChannels.PerArea"/> is reached), never renumber;
/// a change that must renumber is a change of results and updates the golden outputs.
/// </remarks>
internal enum FlowChannel
{
    /// <summary>Death, cessation, arrest and other referral of the untreated.</summary>
    Untreated,
    /// <summary>Testing, assessment, arrest referral, remand, custody and DTTOs of the arrested.</summary>
    Arrest,
    /// <summary>Deaths, releases and aftercare referral in prison.</summary>
    Prison,
    /// <summary>Death, cessation and relapse of the recovered.</summary>
    Recovered,
    /// <summary>New problem drug users.</summary>
    Incidence,
    /// <summary>The modality mix of criminal-justice referrals.</summary>
    MixCjs,
    /// <summary>The modality mix of other referrals.</summary>
    MixOther,
    /// <summary>Reserved (numbered but not drawn from).</summary>
    Transfer,
    /// <summary>Treatment exits of the first modality; modality m uses <c>TreatmentExit + m</c>.</summary>
    TreatmentExit,
    /// <summary>Waiting-list deaths and drop-outs of the first modality; modality m uses <c>WaitAttrition + m</c>.</summary>
    WaitAttrition = TreatmentExit + Modalities.Count,
    /// <summary>Referrals of people who are not problem drug users, and their modality mix.</summary>
    NonPduReferrals = WaitAttrition + Modalities.Count,
    /// <summary>Endings of court treatment orders (completion, revocation, other) and custody after revocation (issue 17).</summary>
    Orders,
    /// <summary>Excess deaths in the weeks after release from prison and after leaving treatment, and which deaths are drug-related.</summary>
    Outcomes,
}

/// <summary>Sizes of the channel numbering (see <see cref="FlowChannel"/>).</summary>
internal static class FlowChannels
{
    /// <summary>Channels reserved per area: area a's flows use a × 32 + flow.</summary>
    public const int PerArea = 32;

    /// <summary>The channel of <paramref name="flow"/> (plus <paramref name="modality"/> for per-modality flows) in area <paramref name="area"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Of(int area, FlowChannel flow, int modality = 0) => area * PerArea + (int)flow + modality;
}
