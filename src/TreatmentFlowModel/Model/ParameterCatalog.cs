namespace TreatmentFlowModel.Model;

/// <summary>What values a parameter may take.</summary>
public enum ParameterRange
{
    /// <summary>A probability or share in [0, 1].</summary>
    Probability,
    /// <summary>A non-negative rate, count or amount in [0, ∞).</summary>
    NonNegative,
    /// <summary>A strictly positive amount in (0, ∞).</summary>
    Positive,
    /// <summary>A growth rate per year in (-1, ∞).</summary>
    Growth,
}

/// <summary>Identifies a scalar model parameter (the <c>Parameters</c> section of a scenario).</summary>
public enum ParameterId
{
    /// <summary>Problem drug users in England on the first simulated day, shared out by need.</summary>
    ProblemDrugUsers,
    /// <summary>New problem drug users per year, England, shared out by need.</summary>
    IncidencePerYear,
    /// <summary>Deaths per person-year out of treatment.</summary>
    MortalityUntreatedPerYear,
    /// <summary>Deaths per person-year in treatment or prison.</summary>
    MortalityTreatedPerYear,
    /// <summary>Deaths per person-year in the Recovered state.</summary>
    MortalityRecoveredPerYear,
    /// <summary>Natural cessation of problem use (or leaving the area) per person-year out of treatment.</summary>
    CessationPerYear,
    /// <summary>Cessation per person-year in the Recovered state.</summary>
    RecoveredCessationPerYear,
    /// <summary>Relapse from Recovered to Untreated per person-year.</summary>
    RelapsePerYear,
    /// <summary>Arrests for trigger offences per untreated person-year.</summary>
    ArrestPerYear,
    /// <summary>Problem drug users coming forward through other routes (self, GP, services) per untreated person-year, at no wait.</summary>
    OtherReferralPerYear,
    /// <summary>Deterrence: coming forward by other routes is multiplied by exp(-β × the perceived wait in weeks).</summary>
    WaitDeterrencePerWeek,
    /// <summary>Time constant (weeks) with which the perceived wait follows the wait an area's lists imply.</summary>
    PerceivedWaitLagWeeks,
    /// <summary>Multiplier on every modality's waiting-list drop-out.</summary>
    WaitDropoutMultiplier,
    /// <summary>Referrals of people who are not problem drug users, England, per year in 2000/01; shared out by need.</summary>
    NonPduReferralsPerYear,
    /// <summary>Growth per year of referrals of people who are not problem drug users (from 2000/01, both ways).</summary>
    NonPduReferralGrowthPerYear,
    /// <summary>Share of tested problem drug users who test positive.</summary>
    TestPositiveShare,
    /// <summary>Share of all tested arrestees who are problem drug users.</summary>
    PduShareOfTested,
    /// <summary>Share of tested arrestees who are not problem drug users yet test positive.</summary>
    NonPduPositiveShare,
    /// <summary>Share of positive testers who take up treatment after the required assessment.</summary>
    AssessmentUptake,
    /// <summary>Share of untested arrestees referred into treatment by enhanced arrest referral.</summary>
    ArrestReferralUptake,
    /// <summary>Share of positive testers refusing assessment who are remanded where presumption against bail runs.</summary>
    PabRemandShare,
    /// <summary>Share of arrests (not referred) ending in custody.</summary>
    CustodyPerArrest,
    /// <summary>Share of arrests (not referred, not in custody) made subject to a DTTO, before the annual cap.</summary>
    DttoPerArrest,
    /// <summary>Mean weeks in prison.</summary>
    PrisonStayWeeks,
    /// <summary>Share of prison releases referred to treatment by ordinary throughcare (everywhere).</summary>
    ThroughcareReferral,
    /// <summary>Extra share of releases referred by aftercare where the criminal-justice programme runs.</summary>
    AftercareReferral,
    /// <summary>Multiplier on the waiting-list drop-out of criminal-justice referrals.</summary>
    CjsWaitDropoutMultiplier,
    /// <summary>Multiplier on the treatment drop-out of criminal-justice entrants in their first 13-25 weeks.</summary>
    CjsTreatmentDropoutMultiplier,
    /// <summary>Offences per problem-drug-user week out of treatment.</summary>
    CrimesPerWeekUntreated,
    /// <summary>Offences per problem-drug-user week in treatment.</summary>
    CrimesPerWeekInTreatment,
    /// <summary>Cost of drug testing per BCU per year (£).</summary>
    TestingCostPerBcuYear,
    /// <summary>Growth of the pooled treatment budgets per year before 2002/03 (applied backwards).</summary>
    BudgetGrowthBefore2002PerYear,
    /// <summary>Growth of the pooled treatment budgets per year after 2005/06.</summary>
    BudgetGrowthAfter2005PerYear,
    /// <summary>Mainstream (non-pooled) spending on drug treatment in England in 2002/03 (£ a year), shared by the 2002/03 budget.</summary>
    MainstreamSpend2002,
    /// <summary>Growth of mainstream spending per year (from 2002/03, both ways).</summary>
    MainstreamGrowthPerYear,
    /// <summary>Share of all treatment spending that buys structured treatment places.</summary>
    StructuredShareOfSpend,
    /// <summary>Time constant (weeks) with which recruited places approach a new year's funded level.</summary>
    RecruitmentLagWeeks,
    /// <summary>Standard deviation of each DAT's log capacity multiplier, drawn once per replicate (mean 1).</summary>
    CapacityRandomEffectSd,
    /// <summary>Multiplier on all treatment budgets (capacity scenarios).</summary>
    CapacityMultiplier,
    /// <summary>Equal annual steps from the 2002/03 budget shares to the need (York formula) shares, at the pace of 2003/04.</summary>
    NeedIndexSteps,

    // ---- issue 17, courts: presumption against bail and court orders (DTTO, then DRR) ----
    /// <summary>Share of positive testers taking up treatment where the presumption against bail runs (refusing means remand).</summary>
    PabAssessmentUptake,
    /// <summary>Share of DTTOs ending in completion.</summary>
    DttoCompletionShare,
    /// <summary>Share of DTTOs ending in revocation (breach, non-compliance); the rest end otherwise (transfer, death).</summary>
    DttoRevocationShare,
    /// <summary>Mean weeks an order runs before it ends (completed, revoked or otherwise).</summary>
    OrderWeeks,
    /// <summary>Share of revoked orders resentenced to custody.</summary>
    RevokedToCustodyShare,
    /// <summary>Share of drug rehabilitation requirements (the DTTO's successor) ending in completion.</summary>
    DrrCompletionShare,

    // ---- issue 17, offenders in treatment: aftercare and throughcare ----
    /// <summary>Multiplier on the relapse of the recovered (treatment leavers) where aftercare covers them.</summary>
    AftercareRelapseMultiplier,
    /// <summary>Multiplier on the share of treatment exits that are planned completions where aftercare covers them.</summary>
    AftercareCompletionMultiplier,
    /// <summary>Deaths per person-year in prison (its own rate, not the in-treatment one).</summary>
    MortalityPrisonPerYear,
    /// <summary>Multiplier on the untreated death rate in the first two weeks after release from prison (loss of tolerance).</summary>
    PostReleaseDeathMultiplierWeeks1To2,
    /// <summary>Multiplier on the untreated death rate in weeks three and four after release from prison.</summary>
    PostReleaseDeathMultiplierWeeks3To4,
    /// <summary>Multiplier on the untreated death rate in the first two weeks after leaving treatment (any exit).</summary>
    PostTreatmentDeathMultiplierWeeks1To2,
    /// <summary>Multiplier on the untreated death rate in weeks three and four after leaving treatment.</summary>
    PostTreatmentDeathMultiplierWeeks3To4,
    /// <summary>Share of deaths of problem drug users outside prison that are drug-related (poisoning); the excess deaths after release or treatment all are.</summary>
    DrugRelatedDeathShare,
    /// <summary>Share of deaths in prison that are drug-related.</summary>
    PrisonDrugRelatedDeathShare,
    /// <summary>Cost of one referral into treatment by an arrest-referral worker (£).</summary>
    ArrestReferralCostPerReferral,
    /// <summary>Cost of one DTTO order to probation and the courts, beyond the treatment places it uses (£).</summary>
    DttoCostPerOrder,
    /// <summary>Cost of a prison place for a week, charged for remand under presumption against bail (£).</summary>
    PrisonPlaceCostPerWeek,
    /// <summary>Cost of the programme's aftercare per DAT-year where it runs (£).</summary>
    AftercareCostPerDatYear,
    /// <summary>Capacity-building grant per DAT in its first year of testing (£).</summary>
    CapacityBuildingCostPerDat,

    // ---- issue 17 items 1 and 3 (work17): workforce lead times and testing as it evolved ----
    /// <summary>Weeks before the start of a financial year that its allocation is known, so recruitment towards it can start (0: from the first day of the money).</summary>
    RecruitmentNotificationLeadWeeks,
    /// <summary>England's cap on newly recruited treatment staff per financial year (WTE; 0: no cap), shared among areas by their increase in staff needed.</summary>
    RecruitableStaffPerYear,
    /// <summary>Drug tests per trigger-offence arrest of a problem drug user in custody suites that test.</summary>
    TestsPerTriggerArrest,
    // ---- issue 17 item 5: crime by state ----
    /// <summary>Offences per week of a problem drug user on a court order (DTTO or DRR) in force, wherever they are outside prison.</summary>
    CrimesPerWeekOnOrder,
    // ---- issue 17 item 3: positivity falls as testing widens ----
    /// <summary>Share of tested arrestees who are problem drug users in BCUs ranked 31-100 (<see cref="PduShareOfTested"/> is the top 30's).</summary>
    PduShareOfTestedRanks31To100,
    /// <summary>Share of tested arrestees who are problem drug users in BCUs ranked beyond 100.</summary>
    PduShareOfTestedBeyondRank100,
}

/// <summary>Identifies a per-modality parameter (the <c>Modalities</c> section of a scenario).</summary>
public enum ModalityParameterId
{
    /// <summary>Share of other-route referrals that want this modality.</summary>
    ReferralShare,
    /// <summary>Share of criminal-justice referrals that want this modality.</summary>
    CjsReferralShare,
    /// <summary>Share of referrals of people who are not problem drug users that want this modality.</summary>
    NonPduReferralShare,
    /// <summary>Share of treatment spending on this modality.</summary>
    SpendShare,
    /// <summary>Cost of one place for one week (£).</summary>
    CostPerPlaceWeek,
    /// <summary>Share of those starting treatment still in it after 4 weeks (deaths aside).</summary>
    Survival0To4Weeks,
    /// <summary>Share of those in treatment at 4 weeks still in it at 13 weeks.</summary>
    Survival4To13Weeks,
    /// <summary>Share of those in treatment at 13 weeks still in it at 26 weeks.</summary>
    Survival13To26Weeks,
    /// <summary>Share of those in treatment at 26 weeks still in it at 52 weeks.</summary>
    Survival26To52Weeks,
    /// <summary>Share of those in treatment at 52 weeks still in it at 104 weeks.</summary>
    Survival52To104Weeks,
    /// <summary>Weekly probability of leaving treatment after 104 weeks (deaths aside).</summary>
    ExitPerWeekAfter104Weeks,
    /// <summary>Multiplier on every exit hazard of the modality (one scale for its whole retention curve).</summary>
    ExitHazardMultiplier,
    /// <summary>Share of exits (deaths aside) in weeks 0-3 that are planned completions; the rest drop out.</summary>
    CompletionShare0To4Weeks,
    /// <summary>Share of exits in weeks 4-12 that are planned completions.</summary>
    CompletionShare4To13Weeks,
    /// <summary>Share of exits from week 13 on that are planned completions.</summary>
    CompletionShareAfter13Weeks,
    /// <summary>Share of planned completions transferred on to residential rehabilitation.</summary>
    TransferToRehabShare,
    /// <summary>Weekly probability of leaving the waiting list without being admitted.</summary>
    WaitDropoutPerWeek,

    // ---- issue 17 item 1 (work17): workforce ----
    /// <summary>Whole-time-equivalent staff per treatment place (posts per place).</summary>
    PostsPerPlace,
    // ---- issue 17 item 7: parameter changes on every parameter (a dated retention drive) ----
    /// <summary>Multiplier on the modality's treatment drop-out hazard only (completions unchanged): a retention drive.</summary>
    DropoutMultiplier,
}

/// <summary>How a scalar parameter may vary by area and date.</summary>
public enum AreaScope
{
    /// <summary>One value for England.</summary>
    National,
    /// <summary>A rate or share: an area override replaces it in that area; <c>ParameterChanges</c> multiply it from a date.</summary>
    Rate,
    /// <summary>
    /// A count for England (people, or people a year), shared out to the areas by need; an area override is that area's own
    /// count (so England's total becomes the sum of the areas' values); <c>ParameterChanges</c> multiply it from a date.
    /// </summary>
    Count,
    /// <summary>A count at the start of the simulation, shared out like <see cref="Count"/>; it cannot change over time.</summary>
    InitialCount,
}

/// <summary>Describes one parameter: its name in scenario files, range, unit and meaning.</summary>
/// <param name="Name">The JSON key.</param>
/// <param name="Range">The allowed values.</param>
/// <param name="Unit">The unit, for documentation and messages.</param>
/// <param name="Description">What it means.</param>
/// <param name="Scope">Whether and how <c>AreaOverrides</c> and <c>ParameterChanges</c> may vary it by area and date.</param>
/// <param name="Unchangeable">
/// Why <c>ParameterChanges</c> may not multiply it from a date (the validator's message says so), or null where they may
/// (issue 17 item 7: every parameter where a dated multiplier makes sense and the engine honours it).
/// </param>
public sealed record ParameterInfo(string Name, ParameterRange Range, string Unit, string Description, AreaScope Scope, string? Unchangeable = null)
{
    /// <summary>Whether <c>AreaOverrides</c> may set it for an area.</summary>
    public bool PerArea => Scope != AreaScope.National;

    /// <summary>Whether <c>ParameterChanges</c> may multiply it from a date (see <see cref="Unchangeable"/>).</summary>
    public bool Changeable => Scope != AreaScope.InitialCount && Unchangeable is null;

    /// <summary>Why <c>ParameterChanges</c> may not multiply it, for messages (null when they may).</summary>
    public string? WhyUnchangeable => Scope == AreaScope.InitialCount
        ? Unchangeable ?? "a count on the first simulated day; multiply IncidencePerYear from a date instead"
        : Unchangeable;

    /// <summary>Whether an area's value is a count of its own rather than a rate (England's value is shared out by need).</summary>
    public bool IsCount => Scope is AreaScope.Count or AreaScope.InitialCount;
}

/// <summary>The catalogue of parameters: names, ranges and meanings, in <see cref="ParameterId"/> order.</summary>
public static class ParameterCatalog
{
    /// <summary>Scalar parameters in <see cref="ParameterId"/> order.</summary>
    public static IReadOnlyList<ParameterInfo> Scalars { get; } =
    [
        new("ProblemDrugUsers", ParameterRange.NonNegative, "persons", "Problem drug users in England on the first simulated day, shared out to the areas by need; an area override is that area's own count", AreaScope.InitialCount),
        new("IncidencePerYear", ParameterRange.NonNegative, "persons/year", "New problem drug users per year, England, shared out to the areas by need; an area override is that area's own count", AreaScope.Count),
        new("MortalityUntreatedPerYear", ParameterRange.NonNegative, "1/year", "Deaths per person-year out of treatment", AreaScope.Rate),
        new("MortalityTreatedPerYear", ParameterRange.NonNegative, "1/year", "Deaths per person-year in treatment or prison", AreaScope.Rate),
        new("MortalityRecoveredPerYear", ParameterRange.NonNegative, "1/year", "Deaths per person-year in Recovered", AreaScope.Rate),
        new("CessationPerYear", ParameterRange.NonNegative, "1/year", "Cessation of problem use (or leaving the area) per untreated person-year", AreaScope.Rate),
        new("RecoveredCessationPerYear", ParameterRange.NonNegative, "1/year", "Cessation per person-year in Recovered", AreaScope.Rate),
        new("RelapsePerYear", ParameterRange.NonNegative, "1/year", "Relapse from Recovered to Untreated per person-year", AreaScope.Rate),
        new("ArrestPerYear", ParameterRange.NonNegative, "1/year", "Trigger-offence arrests per untreated person-year", AreaScope.Rate),
        new("OtherReferralPerYear", ParameterRange.NonNegative, "1/year", "Problem drug users coming forward by other routes (self, GP, services) per untreated person-year, at no wait", AreaScope.Rate),
        new("WaitDeterrencePerWeek", ParameterRange.NonNegative, "1/week", "Deterrence by waits: coming forward by other routes is multiplied by exp(-this x the perceived wait in weeks)", AreaScope.Rate),
        new("PerceivedWaitLagWeeks", ParameterRange.NonNegative, "weeks", "Time constant with which the perceived wait follows the wait an area's lists imply (waiting / admissions a week)", AreaScope.National, "a time constant of the whole run (how fast beliefs about waits follow the lists); set it in Parameters"),
        new("WaitDropoutMultiplier", ParameterRange.NonNegative, "ratio", "Multiplier on every modality's waiting-list drop-out (WaitDropoutPerWeek)", AreaScope.Rate),
        new("NonPduReferralsPerYear", ParameterRange.NonNegative, "persons/year", "Referrals of people who are not problem drug users (cannabis, amphetamine, powder cocaine), England, per year in 2000/01; shared out by need, an area override is the area's own", AreaScope.Count),
        new("NonPduReferralGrowthPerYear", ParameterRange.Growth, "1/year", "Growth per year of referrals of people who are not problem drug users, from 2000/01 (applied both ways)", AreaScope.National, "a growth rate compounds from its base year, so a dated factor on it is no dated change of the quantity; multiply NonPduReferralsPerYear from a date instead"),
        new("TestPositiveShare", ParameterRange.Probability, "share", "Share of tested problem drug users who test positive", AreaScope.Rate),
        new("PduShareOfTested", ParameterRange.Positive, "share", "Share of tested arrestees who are problem drug users in the top-30 BCUs (ranks 1-30; lower ranks have their own)", AreaScope.Rate),
        new("NonPduPositiveShare", ParameterRange.Probability, "share", "Share of other tested arrestees who test positive", AreaScope.Rate),
        new("AssessmentUptake", ParameterRange.Probability, "share", "Share of positive testers taking up treatment after the required assessment", AreaScope.Rate),
        new("ArrestReferralUptake", ParameterRange.Probability, "share", "Share of untested arrestees referred by enhanced arrest referral", AreaScope.Rate),
        new("PabRemandShare", ParameterRange.Probability, "share", "Share of refusing positive testers remanded under presumption against bail", AreaScope.Rate),
        new("CustodyPerArrest", ParameterRange.Probability, "share", "Share of remaining arrests ending in custody", AreaScope.Rate),
        new("DttoPerArrest", ParameterRange.Probability, "share", "Share of remaining arrests given a DTTO, before the annual cap", AreaScope.Rate),
        new("PrisonStayWeeks", ParameterRange.Positive, "weeks", "Mean time in prison", AreaScope.Rate),
        new("ThroughcareReferral", ParameterRange.Probability, "share", "Share of releases referred to treatment by ordinary throughcare", AreaScope.Rate),
        new("AftercareReferral", ParameterRange.Probability, "share", "Extra share of releases referred where the programme's aftercare runs", AreaScope.Rate),
        new("CjsWaitDropoutMultiplier", ParameterRange.NonNegative, "ratio", "Waiting-list drop-out of criminal-justice referrals relative to others", AreaScope.Rate),
        new("CjsTreatmentDropoutMultiplier", ParameterRange.NonNegative, "ratio", "Treatment drop-out of criminal-justice entrants relative to others, in their first 13-25 weeks", AreaScope.National),
        new("CrimesPerWeekUntreated", ParameterRange.NonNegative, "offences/week", "Offences per PDU-week out of treatment", AreaScope.Rate),
        new("CrimesPerWeekInTreatment", ParameterRange.NonNegative, "offences/week", "Offences per PDU-week in treatment", AreaScope.Rate),
        new("TestingCostPerBcuYear", ParameterRange.NonNegative, "GBP/year", "Drug testing cost per BCU per year", AreaScope.National),
        new("BudgetGrowthBefore2002PerYear", ParameterRange.Growth, "1/year", "Pooled budget growth per year before 2002/03 (applied backwards)", AreaScope.National, "a growth rate compounds from its base year, so a dated factor on it is no dated change of the quantity; multiply CapacityMultiplier from a date instead"),
        new("BudgetGrowthAfter2005PerYear", ParameterRange.Growth, "1/year", "Pooled budget growth per year after 2005/06", AreaScope.National, "a growth rate compounds from its base year, so a dated factor on it is no dated change of the quantity; multiply CapacityMultiplier from a date instead"),
        new("MainstreamSpend2002", ParameterRange.NonNegative, "GBP/year", "Mainstream (non-pooled) drug treatment spending in England in 2002/03, shared by the 2002/03 budget", AreaScope.National),
        new("MainstreamGrowthPerYear", ParameterRange.Growth, "1/year", "Mainstream spending growth per year from 2002/03 (applied both ways)", AreaScope.National, "a growth rate compounds from its base year, so a dated factor on it is no dated change of the quantity; multiply MainstreamSpend2002 from a date instead"),
        new("StructuredShareOfSpend", ParameterRange.Probability, "share", "Share of all treatment spending (pooled and mainstream) that buys structured treatment places", AreaScope.National),
        new("RecruitmentLagWeeks", ParameterRange.NonNegative, "weeks", "Time constant with which places approach a new year's funded level (0: at once)", AreaScope.National, "a time constant of the whole run (how fast places follow money); set it in Parameters"),
        new("CapacityRandomEffectSd", ParameterRange.NonNegative, "ratio", "Standard deviation of each DAT's log capacity multiplier, drawn once per replicate (mean 1)", AreaScope.National, "each DAT's capacity effect is drawn once per replicate and holds for the whole run; multiply CapacityMultiplier from a date instead"),
        new("CapacityMultiplier", ParameterRange.NonNegative, "ratio", "Multiplier on treatment budgets (per area; a change applies from the first financial year it is in force at the start of)", AreaScope.Rate),
        new("NeedIndexSteps", ParameterRange.NonNegative, "steps", "Steps from the 2002/03 budget shares to each DAT's need share, each the size of its 2003/04 move: need = share2002 x (1 + N x (share2003/share2002 - 1)), renormalised", AreaScope.National, "it sets each DAT's need share once for the whole run (the shares of counts and DTTO caps)"),
        // issue 17, courts
        new("PabAssessmentUptake", ParameterRange.Probability, "share", "Share of positive testers taking up treatment where the presumption against bail runs (instead of AssessmentUptake); of those refusing, PabRemandShare are remanded", AreaScope.Rate),
        new("DttoCompletionShare", ParameterRange.Probability, "share", "Share of DTTOs ending in completion", AreaScope.Rate),
        new("DttoRevocationShare", ParameterRange.Probability, "share", "Share of DTTOs (and DRRs) ending in revocation; with the completion share above 1 both are scaled to sum to 1", AreaScope.Rate),
        new("OrderWeeks", ParameterRange.Positive, "weeks", "Mean weeks a DTTO or DRR runs before it ends (completed, revoked or otherwise): a constant weekly ending hazard of 1/this", AreaScope.Rate),
        new("RevokedToCustodyShare", ParameterRange.Probability, "share", "Share of revoked orders resentenced to custody (taken from the untreated: revocation follows leaving treatment)", AreaScope.Rate),
        new("DrrCompletionShare", ParameterRange.Probability, "share", "Share of drug rehabilitation requirements (made from Policy.DrrFrom instead of DTTOs) ending in completion", AreaScope.Rate),
        // issue 17, aftercare
        new("AftercareRelapseMultiplier", ParameterRange.NonNegative, "ratio", "Multiplier on RelapsePerYear of the recovered (treatment leavers) where aftercare covers the area (scaled by its coverage)", AreaScope.Rate),
        new("AftercareCompletionMultiplier", ParameterRange.NonNegative, "ratio", "Multiplier on the share of treatment exits that are planned completions (the rest drop out) where aftercare covers the area (scaled by its coverage; a share stays at most 1)", AreaScope.Rate),
        new("MortalityPrisonPerYear", ParameterRange.NonNegative, "1/year", "Deaths per person-year in prison", AreaScope.Rate),
        new("PostReleaseDeathMultiplierWeeks1To2", ParameterRange.NonNegative, "ratio", "Multiplier on MortalityUntreatedPerYear in the first two weeks after release from prison (for those released to the community, not referred to treatment)", AreaScope.Rate),
        new("PostReleaseDeathMultiplierWeeks3To4", ParameterRange.NonNegative, "ratio", "Multiplier on MortalityUntreatedPerYear in weeks 3-4 after release from prison", AreaScope.Rate),
        new("PostTreatmentDeathMultiplierWeeks1To2", ParameterRange.NonNegative, "ratio", "Multiplier on MortalityUntreatedPerYear in the first two weeks after leaving treatment (drop-outs and completers)", AreaScope.Rate),
        new("PostTreatmentDeathMultiplierWeeks3To4", ParameterRange.NonNegative, "ratio", "Multiplier on MortalityUntreatedPerYear in weeks 3-4 after leaving treatment", AreaScope.Rate),
        new("DrugRelatedDeathShare", ParameterRange.Probability, "share", "Share of deaths of problem drug users outside prison that are drug-related; the excess deaths after release or treatment all count as drug-related", AreaScope.Rate),
        new("PrisonDrugRelatedDeathShare", ParameterRange.Probability, "share", "Share of deaths in prison that are drug-related", AreaScope.Rate),
        new("ArrestReferralCostPerReferral", ParameterRange.NonNegative, "GBP/referral", "Cost of one referral by an arrest-referral worker (cost line arrest_referral)", AreaScope.Rate),
        new("DttoCostPerOrder", ParameterRange.NonNegative, "GBP/order", "Cost of one DTTO order to probation and the courts, beyond its treatment place (cost line dtto)", AreaScope.Rate),
        new("PrisonPlaceCostPerWeek", ParameterRange.NonNegative, "GBP/place-week", "Cost of a prison place for a week; a remand under presumption against bail costs PrisonStayWeeks of them (cost line remand)", AreaScope.Rate),
        new("AftercareCostPerDatYear", ParameterRange.NonNegative, "GBP/year", "Cost of the programme's aftercare per DAT-year where it runs (cost line aftercare)", AreaScope.Rate),
        new("CapacityBuildingCostPerDat", ParameterRange.NonNegative, "GBP", "Capacity-building grant per DAT, spread over the 52 weeks from its first week of testing (cost line capacity_building)", AreaScope.Rate),
        // issue 17 items 1 and 3 (work17): workforce lead times and testing
        new("RecruitmentNotificationLeadWeeks", ParameterRange.NonNegative, "weeks", "Weeks before 1 April that a year's allocation is known: recruitment towards a higher allocation starts then (rounded to whole weeks), though the extra places open only when the money arrives (0: recruitment starts with the money)", AreaScope.National, "read once per replicate to plan recruitment (a lead of the whole run); set it in Parameters"),
        new("RecruitableStaffPerYear", ParameterRange.NonNegative, "WTE/year", "England's cap on treatment staff recruited towards one year's allocation (0: no cap); shared among areas by their increase in staff needed (funded places x PostsPerPlace), scaled by the simulated areas' need share", AreaScope.National, "read once per replicate to share the cap among areas and years (a cap of the whole run); set it in Parameters"),
        new("TestsPerTriggerArrest", ParameterRange.Probability, "tests/arrest", "Drug tests per trigger-offence arrest of a problem drug user in custody suites that test (testing on charge tests only those charged; ParameterChanges can raise it, e.g. for testing on arrest)", AreaScope.Rate),
        // issue 17 item 5, crime by state
        new("CrimesPerWeekOnOrder", ParameterRange.NonNegative, "offences/week", "Offences per week of a problem drug user on a court order (DTTO or DRR) in force, in treatment or waiting (instead of the in-treatment or untreated rate); revoked and ended orders go back to their state's rate", AreaScope.Rate),
        new("PduShareOfTestedRanks31To100", ParameterRange.Positive, "share", "Share of tested arrestees who are problem drug users in BCUs ranked 31-100 (positivity falls as testing widens beyond the highest-crime BCUs)", AreaScope.Rate),
        new("PduShareOfTestedBeyondRank100", ParameterRange.Positive, "share", "Share of tested arrestees who are problem drug users in BCUs ranked beyond 100", AreaScope.Rate),
    ];

    /// <summary>Per-modality parameters in <see cref="ModalityParameterId"/> order.</summary>
    public static IReadOnlyList<ParameterInfo> PerModality { get; } =
    [
        new("ReferralShare", ParameterRange.Probability, "share", "Share of other-route referrals wanting this modality (relative: the mix is renormalised, also after a dated change)", AreaScope.National),
        new("CjsReferralShare", ParameterRange.Probability, "share", "Share of criminal-justice referrals wanting this modality", AreaScope.National),
        new("NonPduReferralShare", ParameterRange.Probability, "share", "Share of referrals of people who are not problem drug users wanting this modality", AreaScope.National),
        new("SpendShare", ParameterRange.Probability, "share", "Share of treatment spending on this modality", AreaScope.National),
        new("CostPerPlaceWeek", ParameterRange.Positive, "GBP/place-week", "Cost of one treatment place for one week", AreaScope.National),
        new("Survival0To4Weeks", ParameterRange.Probability, "share", "Share of those starting treatment still in it after 4 weeks (deaths aside)", AreaScope.National),
        new("Survival4To13Weeks", ParameterRange.Probability, "share", "Share of those in treatment at 4 weeks still in it at 13 weeks (deaths aside)", AreaScope.National),
        new("Survival13To26Weeks", ParameterRange.Probability, "share", "Share of those in treatment at 13 weeks still in it at 26 weeks (deaths aside)", AreaScope.National),
        new("Survival26To52Weeks", ParameterRange.Probability, "share", "Share of those in treatment at 26 weeks still in it at 52 weeks (deaths aside)", AreaScope.National),
        new("Survival52To104Weeks", ParameterRange.Probability, "share", "Share of those in treatment at 52 weeks still in it at 104 weeks (deaths aside)", AreaScope.National),
        new("ExitPerWeekAfter104Weeks", ParameterRange.Probability, "1/week", "Weekly probability of leaving treatment after 104 weeks (deaths aside)", AreaScope.National),
        new("ExitHazardMultiplier", ParameterRange.NonNegative, "ratio", "Multiplier on every exit hazard of the modality: one scale for its whole retention curve", AreaScope.National),
        new("CompletionShare0To4Weeks", ParameterRange.Probability, "share", "Share of exits (deaths aside) in weeks 0-3 that are planned completions; the rest drop out", AreaScope.National),
        new("CompletionShare4To13Weeks", ParameterRange.Probability, "share", "Share of exits (deaths aside) in weeks 4-12 that are planned completions", AreaScope.National),
        new("CompletionShareAfter13Weeks", ParameterRange.Probability, "share", "Share of exits (deaths aside) from week 13 on that are planned completions", AreaScope.National),
        new("TransferToRehabShare", ParameterRange.Probability, "share", "Share of completions transferred to residential rehab", AreaScope.National),
        new("WaitDropoutPerWeek", ParameterRange.Probability, "1/week", "Weekly probability of leaving the waiting list unadmitted", AreaScope.National),
        // issue 17 item 1 (work17)
        new("PostsPerPlace", ParameterRange.NonNegative, "WTE/place", "Whole-time-equivalent staff one treatment place needs (for staff_needed and RecruitableStaffPerYear)", AreaScope.National,
            "read once per replicate to plan recruitment (staff per place of the whole run); set it in Modalities"),
        // issue 17 item 7: a dated retention drive
        new("DropoutMultiplier", ParameterRange.NonNegative, "ratio", "Multiplier on the modality's treatment drop-out hazard only (planned completions unchanged, so stays lengthen): a retention drive, usually set by ParameterChanges from a date", AreaScope.National),
    ];

    /// <summary>
    /// Issue 16: the per-modality parameters a DAT may set for itself (<c>AreaOverrides.AREA.Modalities</c>): its unit costs,
    /// its spending mix and its referral mixes (other routes, criminal justice, people who are not problem drug users).
    /// </summary>
    public static IReadOnlyList<ModalityParameterId> PerAreaModality { get; } =
        [ModalityParameterId.CostPerPlaceWeek, ModalityParameterId.SpendShare, ModalityParameterId.ReferralShare, ModalityParameterId.CjsReferralShare, ModalityParameterId.NonPduReferralShare];

    /// <summary>The column of an area table that holds areas' own values of <paramref name="info"/>: its name in snake_case.</summary>
    public static string ColumnName(ParameterInfo info) =>
        string.Concat(info.Name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The scalar parameter called <paramref name="name"/> (case-insensitive), if any.</summary>
    public static ParameterId? FindScalar(string name)
    {
        for (int i = 0; i < Scalars.Count; i++)
            if (string.Equals(Scalars[i].Name, name, StringComparison.OrdinalIgnoreCase)) return (ParameterId)i;
        return null;
    }

    /// <summary>The per-modality parameter called <paramref name="name"/> (case-insensitive), if any.</summary>
    public static ModalityParameterId? FindPerModality(string name)
    {
        for (int i = 0; i < PerModality.Count; i++)
            if (string.Equals(PerModality[i].Name, name, StringComparison.OrdinalIgnoreCase)) return (ModalityParameterId)i;
        return null;
    }

    /// <summary>Lowest and highest allowed value for a range: exactly what its words say (&gt; 0 is the smallest positive double, &gt; -1 the next double above -1).</summary>
    public static (double Min, double Max) Bounds(ParameterRange range) => range switch
    {
        ParameterRange.Probability => (0, 1),
        ParameterRange.NonNegative => (0, double.MaxValue),
        ParameterRange.Positive => (double.Epsilon, double.MaxValue),
        ParameterRange.Growth => (Math.BitIncrement(-1.0), double.MaxValue),
        _ => throw new ArgumentOutOfRangeException(nameof(range)),
    };

    /// <summary>
    /// Smallest allowed value of a positive parameter whose reciprocal the model uses: below it a run would divide its
    /// way past any count the summaries can hold (tests per PDU tested, spend per pooled pound, places per pound, releases
    /// per prison week). Other parameters: the bottom of their range.
    /// </summary>
    public static double Floor(ParameterInfo info) => info.Range != ParameterRange.Positive ? Bounds(info.Range).Min : info.Unit switch
    {
        "share" => 0.01,          // assumption: under 1%, tests would be over 99 per PDU tested
        "GBP/place-week" => 1,    // assumption: the cheapest place costs tens of pounds a week (default.json, NTA 2002)
        "weeks" => 1,             // assumption: a mean prison stay under a week is not a prison stay (remand included)
        _ => double.Epsilon,
    };

    /// <summary>
    /// Largest plausible value for a unit: far above anything England could need, low enough that no count in the
    /// model can overflow (the streaming summaries hold values up to 2^44). Above it a value is a typo, not a scenario.
    /// </summary>
    public static double Ceiling(ParameterInfo info) => info.Unit switch
    {
        "persons" => 1e8,
        "persons/year" => 1e7,
        "persons per PDU" => 10,
        "1/year" => 52,
        "GBP/year" => 1e9,
        "GBP/place-week" => 1e6,
        "GBP/referral" => 1e6,
        "GBP/order" => 1e6,
        "GBP" => 1e9,
        "offences/week" => 100,
        "WTE/place" => 10,        // assumption: an inpatient detox bed needs about one whole-time post (issue 16-17 evidence section 1)
        "WTE/year" => 1e6,        // assumption: England's whole treatment workforce is a few thousand posts
        "weeks" => 520,
        "steps" => 100,
        "ratio" => 100,
        "share" => 1,
        _ => double.MaxValue,
    };

    /// <summary>Lowest and highest allowed value of a parameter: its range, capped at its <see cref="Ceiling"/>.</summary>
    public static (double Min, double Max) Bounds(ParameterInfo info)
    {
        var (_, max) = Bounds(info.Range);
        return (Floor(info), Math.Min(max, Ceiling(info)));
    }

    /// <summary>Words for a parameter's allowed values, for error messages: the very bounds <see cref="Bounds(ParameterInfo)"/> gives.</summary>
    public static string Describe(ParameterInfo info)
    {
        var (min, max) = Bounds(info);
        if (info.Range == ParameterRange.Probability || max == double.MaxValue) return Describe(info.Range);
        string top = max.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture);
        return info.Range switch
        {
            ParameterRange.Positive when min > double.Epsilon => $"a number from {min.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture)} to {top}",
            ParameterRange.Positive => $"a number > 0 and at most {top}",
            ParameterRange.Growth => $"a growth rate > -1 and at most {top}",
            _ => $"a number from 0 to {top}",
        };
    }

    /// <summary>Words for a range, for error messages.</summary>
    public static string Describe(ParameterRange range) => range switch
    {
        ParameterRange.Probability => "a number from 0 to 1",
        ParameterRange.NonNegative => "a number >= 0",
        ParameterRange.Positive => "a number > 0",
        ParameterRange.Growth => "a growth rate > -1",
        _ => throw new ArgumentOutOfRangeException(nameof(range)),
    };
}
