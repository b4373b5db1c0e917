namespace TreatmentFlowModel.Model;

/// <summary>The measures recorded per area, modality and week (output names in snake_case).</summary>
public enum Metric
{
    /// <summary>PDUs in the community, not in treatment or prison (end of week).</summary>
    Untreated,
    /// <summary>People on waiting lists (end of week).</summary>
    Waiting,
    /// <summary>People in treatment (end of week).</summary>
    InTreatment,
    /// <summary>People in prison (end of week).</summary>
    Prison,
    /// <summary>People who left treatment in a planned way and have not relapsed (end of week).</summary>
    Recovered,
    /// <summary>Trigger-offence arrests of PDUs.</summary>
    Arrests,
    /// <summary>Drug tests of arrestees (PDUs and others).</summary>
    Tests,
    /// <summary>Positive drug tests.</summary>
    PositiveTests,
    /// <summary>Referrals through criminal-justice routes (testing, arrest referral, DTTO, aftercare).</summary>
    ReferralsCjs,
    /// <summary>Referrals through other routes (self, GP, services, transfers to rehab).</summary>
    ReferralsOther,
    /// <summary>Admissions to treatment.</summary>
    TreatmentStarts,
    /// <summary>Admissions of criminal-justice referrals.</summary>
    TreatmentStartsCjs,
    /// <summary>Planned completions.</summary>
    Completions,
    /// <summary>Unplanned exits from treatment (back to Untreated).</summary>
    Dropouts,
    /// <summary>People leaving waiting lists unadmitted.</summary>
    WaitDropouts,
    /// <summary>Deaths (all states).</summary>
    Deaths,
    /// <summary>People reaching 12 weeks in treatment, plus planned completions before 12 weeks.</summary>
    Retained12Wk,
    /// <summary>Mean completed weeks waited by people admitted (empty when nobody was admitted).</summary>
    MeanWaitWeeks,
    /// <summary>95th percentile of completed weeks waited by people admitted.</summary>
    P95WaitWeeks,
    /// <summary>People in treatment at any time in the financial year so far (in treatment on 1 April + starts).</summary>
    Participation,
    /// <summary>Treatment places funded.</summary>
    Capacity,
    /// <summary>Expected offences by PDUs (untreated and waiting at one rate, in treatment at another).</summary>
    Crimes,
    /// <summary>Cost of treatment places occupied plus drug testing (£).</summary>
    CostGbp,
    /// <summary>DTTO orders made.</summary>
    DttoOrders,
    /// <summary>New problem drug users.</summary>
    Incidence,
    /// <summary>Share of treatment starts retained 12 weeks or completing: retained_12wk / treatment_starts (empty with no starts).</summary>
    RetainedShare,
    /// <summary>Cost of drug testing (£), part of cost_gbp.</summary>
    TestingCostGbp,
    /// <summary>
    /// Financial years only: extra places that would have admitted everyone within the NTA maximum wait, from the
    /// year's admissions that waited longer plus the people already waiting longer at its end, times the mean
    /// stay / 52 (empty for modalities without a target and in weekly output).
    /// </summary>
    ExtraPlacesNeeded,
    /// <summary>People joining a waiting list (presenting): every route, criminal-justice and non-PDU included; not transfers to rehab.</summary>
    Presenting,
    /// <summary>Referrals of people who are not problem drug users (part of presenting; they use places and count in participation).</summary>
    ReferralsNonPdu,
    /// <summary>Criminal-justice referrals on waiting lists (end of week).</summary>
    WaitingCjs,
    /// <summary>Mean weeks waited by criminal-justice referrals admitted (empty when none was admitted).</summary>
    MeanWaitWeeksCjs,
    /// <summary>95th percentile of weeks waited by criminal-justice referrals admitted.</summary>
    P95WaitWeeksCjs,
    /// <summary>Share of admissions that had waited at most 3 weeks (empty when nobody was admitted).</summary>
    AdmittedWithin3WkShare,
    /// <summary>
    /// The longest current wait (weeks) of anyone on an area's list of the modality at the end of the week (every queue; 0
    /// for an empty list; modality <c>all</c>: the longest over the area's modalities); England's value is the mean over the
    /// simulated DATs, as the DATs' returns were averaged (issue 15 evidence, T5). The year's value is its last week's.
    /// </summary>
    LongestWaitWeeks,
    /// <summary>People in treatment per place funded: the week's in_treatment / capacity; a year's is the sum over its weeks of one over the other.</summary>
    Occupancy,
    /// <summary>Problem drug users alive and using: untreated, waiting, in treatment (not the non-PDUs) and in prison (end of week).</summary>
    ProblemDrugUsers,
    /// <summary>Financial years only: England's is the unweighted mean over DATs of each DAT's mean wait (DATs admitting nobody left out); an area's is its mean wait.</summary>
    DatMeanWaitWeeks,
    /// <summary>Referrals by arrest-referral workers of arrestees not tested (part of the criminal-justice referrals).</summary>
    ReferralsArrestReferral,

    // ---- issue 17, courts ----
    /// <summary>Court treatment orders made: DTTOs, then drug rehabilitation requirements from Policy.DrrFrom.</summary>
    OrdersStarted,
    /// <summary>Court treatment orders ending in completion.</summary>
    OrdersCompleted,
    /// <summary>Court treatment orders revoked.</summary>
    OrdersRevoked,
    /// <summary>Positive testers remanded in custody under the presumption against bail.</summary>
    Remanded,
    /// <summary>Drug-related deaths (poisoning): every excess death after release or treatment, and a share of the others.</summary>
    DrugRelatedDeaths,
    /// <summary>Deaths in prison (part of deaths).</summary>
    PrisonDeaths,
    /// <summary>Excess deaths in the four weeks after release from prison (part of deaths and of drug-related deaths).</summary>
    DeathsAfterRelease,
    /// <summary>Excess deaths in the four weeks after leaving treatment (part of deaths and of drug-related deaths).</summary>
    DeathsAfterTreatment,
    /// <summary>Programme cost (£): the sum of the cost lines treatment, testing, arrest referral, DTTO, remand, aftercare and capacity building.</summary>
    ProgrammeCostGbp,
    /// <summary>Cost line treatment (£): places occupied times each modality's cost per place-week.</summary>
    TreatmentCostGbp,
    /// <summary>Cost line arrest referral (£): referrals by arrest-referral workers times their unit cost.</summary>
    ArrestReferralCostGbp,
    /// <summary>Cost line DTTO (£): orders made times their unit cost.</summary>
    DttoCostGbp,
    /// <summary>Cost line remand (£): remands under presumption against bail times the mean prison stay times a prison place-week.</summary>
    RemandCostGbp,
    /// <summary>Cost line aftercare (£): weeks aftercare runs in a DAT times its cost per DAT-year / 52.</summary>
    AftercareCostGbp,
    /// <summary>Cost line capacity building (£): each DAT's grant spread over its first 52 weeks of testing.</summary>
    CapacityBuildingCostGbp,

    // ---- issue 17 items 1 and 3 (work17): workforce and testing ----
    /// <summary>Staff (WTE) the places in use need, places times PostsPerPlace, a week's as a 52nd so that a financial year's value is its mean over a 52-week year.</summary>
    StaffNeeded,
    /// <summary>Funded places not yet staffed (recruitment lags), a week's as a 52nd so that a financial year's value is the place-weeks lost / 52.</summary>
    PlacesLostToLags,
    /// <summary>Treatment starts of people referred after a positive drug test (the testing route of the Drug Interventions Programme).</summary>
    TreatmentStartsDip,
    /// <summary>Positive tests over tests in the period (empty with under one test).</summary>
    TestPositiveShare,
    // ---- issue 17 item 5: crime by state (the three sum to crimes) ----
    /// <summary>Offences by problem drug users out of treatment and not on an order: untreated, waiting, released from prison.</summary>
    CrimesUntreated,
    /// <summary>Offences by problem drug users in treatment and not on an order.</summary>
    CrimesInTreatment,
    /// <summary>Offences by problem drug users on a court order in force (DTTO or DRR).</summary>
    CrimesOnOrder,
    // ---- issue 16 item 4, the measures commissioners report ----
    /// <summary>Criminal-justice referrals after a positive drug test at arrest (part of the criminal-justice referrals).</summary>
    ReferralsTesting,
    /// <summary>Criminal-justice referrals by the courts: DTTOs and DRRs made (part of the criminal-justice referrals).</summary>
    ReferralsCourt,
    /// <summary>Criminal-justice referrals on release from prison: throughcare and aftercare (part of the criminal-justice referrals).</summary>
    ReferralsPrison,
    /// <summary>Planned exits from treatment: the completions (NDTMS "planned discharge"), transfers on to rehab included.</summary>
    PlannedExits,
    /// <summary>
    /// Effective treatment (the NTA's 2008 definition): people in treatment during the financial year who were retained
    /// 12 weeks or more, or left in a planned way before 12 weeks. A financial-year measure: its first week holds those already
    /// 12 weeks or more into treatment on 1 April, every week those reaching 12 weeks or completing before.
    /// </summary>
    EffectiveTreatment,
}
