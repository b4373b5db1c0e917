using System.Collections.Frozen;

namespace TreatmentFlowModel.Model;

/// <summary>
/// The codebook of every metric: readable label, unit, precision in output files and definition, declared once beside
/// the <see cref="MetricCatalog"/>. Output files, codebook.csv, the report and the explorer read it; a test checks that
/// every <see cref="Metric"/> has an entry, so a new metric cannot reach an output file undocumented. Entries are keyed
/// by output name, so one may be declared before its metric lands.
/// </summary>
public static class MetricCodebook
{
    private const string Level = "Level at the end of the week; a month's, quarter's or financial year's value is its last week's.";
    private const string Count = "Count in the week; a month's, quarter's or financial year's value is the sum over its weeks.";

    /// <summary>Every entry, in the order of <see cref="Metric"/> and then those declared ahead of their metric.</summary>
    public static IReadOnlyList<MetricInfo> Entries { get; } =
    [
        new("untreated", "Untreated problem drug users", "persons", 2, $"Problem drug users in the community: not in treatment, not waiting, not in prison. {Level}"),
        new("waiting", "People waiting for treatment", "persons", 2, $"People on treatment waiting lists (criminal-justice and other referrals). {Level}"),
        new("in_treatment", "People in treatment", "persons", 2, $"People in structured treatment (places occupied). {Level}"),
        new("prison", "Problem drug users in prison", "persons", 2, $"Problem drug users in custody. {Level}"),
        new("recovered", "Recovered", "persons", 2, $"People who left treatment in a planned way and have not relapsed. {Level}"),
        new("arrests", "Arrests of problem drug users", "persons", 2, $"Trigger-offence arrests of problem drug users. {Count}"),
        new("tests", "Drug tests", "persons", 2, $"Drug tests of arrestees, problem drug users or not, where testing runs. {Count}"),
        new("positive_tests", "Positive drug tests", "persons", 2, $"Drug tests that were positive. {Count}"),
        new("referrals_cjs", "Criminal-justice referrals", "persons", 2, $"Referrals into treatment through drug testing, arrest referral, DTTOs and prison aftercare. {Count}"),
        new("referrals_other", "Other referrals", "persons", 2, $"Referrals through other routes (self, GP, other services, transfers to rehab). {Count}"),
        new("treatment_starts", "Treatment starts", "persons", 2, $"Admissions to treatment from waiting lists. {Count}"),
        new("treatment_starts_cjs", "Criminal-justice treatment starts", "persons", 2, $"Admissions of criminal-justice referrals. {Count}"),
        new("completions", "Planned completions", "persons", 2, $"People completing treatment in a planned way. {Count}"),
        new("dropouts", "Drop-outs from treatment", "persons", 2, $"Unplanned exits from treatment, back to the community. {Count}"),
        new("wait_dropouts", "Drop-outs while waiting", "persons", 2, $"People leaving a waiting list without being admitted. {Count}"),
        new("deaths", "Deaths", "persons", 2, $"Deaths of problem drug users in any state. {Count}"),
        new("retained_12wk", "Retained 12 weeks", "persons", 2, $"People reaching 12 weeks in treatment, plus planned completions before 12 weeks. {Count}"),
        new("mean_wait_weeks", "Mean wait", "weeks", 2, "Mean completed weeks waited by the people admitted in the period; empty when nobody was admitted."),
        new("p95_wait_weeks", "95th percentile wait", "weeks", 2, "95th percentile of completed weeks waited by the people admitted in the period; empty when nobody was admitted."),
        new("participation", "People in treatment in the year (participation)", "persons", 2, "People in treatment on 1 April plus treatment starts since then in the financial year: the NDTMS count the drug strategy's targets use. A year's value is its last week's; a month's or quarter's, the financial year to date at its last week."),
        new("capacity", "Treatment places", "places", 2, $"Treatment places funded. {Level}"),
        new("crimes", "Offences by problem drug users", "offences", 1, $"Expected offences by state: crimes_untreated + crimes_in_treatment + crimes_on_order (none in prison). {Count}"),
        new("cost_gbp", "Cost", "GBP", 0, $"Cost of the treatment places occupied plus drug testing, in pounds. {Count}"),
        new("dtto_orders", "DTTO orders", "orders", 2, $"Drug treatment and testing orders made (after Policy.DrrFrom none: orders_started counts the DRRs). {Count}"),
        new("incidence", "New problem drug users", "persons", 2, $"People becoming problem drug users. {Count}"),
        new("retained_share", "Share retained 12 weeks", "share", 4, "retained_12wk / treatment_starts over the period; empty with no starts."),
        new("testing_cost_gbp", "Drug testing cost", "GBP", 0, $"Cost of drug testing in pounds, part of cost_gbp. {Count}"),
        new("extra_places_needed", "Extra places needed", "places", 2, "Financial years only: places that would have admitted everyone within the NTA maximum wait: admissions that waited longer plus those still waiting longer at the year's end, times the mean stay / 52. Empty for modalities without a target and in weekly output; not in monthly.csv or quarterly.csv."),
        // Declared ahead of the metrics issue 15 adds, so their output is documented the day they land.
        new("presenting", "People presenting for treatment", "persons", 2, $"People joining any treatment waiting list, criminal-justice routes included, transfers from detox to rehab not. {Count}"),
        new("waiting_cjs", "Criminal-justice referrals waiting", "persons", 2, $"Criminal-justice referrals on treatment waiting lists. {Level}"),
        new("mean_wait_weeks_cjs", "Mean wait, criminal-justice referrals", "weeks", 2, "Mean completed weeks waited by the criminal-justice referrals admitted in the period; empty when none was admitted."),
        new("p95_wait_weeks_cjs", "95th percentile wait, criminal-justice referrals", "weeks", 2, "95th percentile of completed weeks waited by the criminal-justice referrals admitted; empty when none was admitted."),
        new("admitted_within_3wk_share", "Share admitted within 3 weeks", "share", 4, "Share of the people admitted in the period who waited under three completed weeks; empty when nobody was admitted."),
        new("longest_wait_weeks", "Longest wait", "weeks", 2, "Longest current wait among the people on a waiting list at the end of the period (England: the mean over DATs of each DAT's longest wait)."),
        new("occupancy", "Occupancy", "share", 4, "in_treatment / capacity: a week's at its end; a month's, quarter's or year's the sum of its weeks' people in treatment over the sum of their places (the average occupancy); empty with no places."),
        new("referrals_non_pdu", "Referrals of people who are not problem drug users", "persons", 2, $"People who are not problem drug users joining a waiting list (part of presenting; they use places and count in participation). {Count}"),
        new("problem_drug_users", "Problem drug users", "persons", 2, $"Problem drug users alive and using: untreated, waiting, in treatment (non-PDUs excluded) and in prison. {Level}"),
        new("dat_mean_wait_weeks", "Mean wait, averaged over DATs", "weeks", 2, "Financial years only: England's value is the unweighted mean over DATs of each DAT's mean completed wait (DATs admitting nobody left out), as the 1999-2000 DAT annual reports were averaged; an area's is its own mean wait. Not in monthly.csv or quarterly.csv."),
        new("referrals_arrest_referral", "Arrest-referral referrals", "persons", 2, $"Referrals by arrest-referral workers of arrestees who were not tested (part of the criminal-justice referrals). {Count}"),
        // issue 17, courts
        new("orders_started", "Court treatment orders made", "orders", 2, $"Court orders with treatment made: DTTOs, and from Policy.DrrFrom drug rehabilitation requirements instead (dtto_orders counts the DTTOs alone). Spread through the year by a weekly cap (the annual cap / weeks in the year, unused room carried over). {Count}"),
        new("orders_completed", "Court treatment orders completed", "orders", 2, $"DTTOs and DRRs ending in completion. {Count}"),
        new("orders_revoked", "Court treatment orders revoked", "orders", 2, $"DTTOs and DRRs revoked for breach or non-compliance; RevokedToCustodyShare of them go to custody. {Count}"),
        new("remanded", "Remanded under presumption against bail", "persons", 2, $"Positive testers refusing assessment who are remanded in custody where the presumption against bail runs. {Count}"),
        new("drug_related_deaths", "Drug-related deaths", "persons", 2, $"Deaths from drug poisoning: every excess death in the four weeks after release from prison or leaving treatment, and DrugRelatedDeathShare of other deaths outside prison (PrisonDrugRelatedDeathShare in prison). The drug strategy's target is 20% fewer than in 1999 (seed 000): compare a year with 1999/00. {Count}"),
        new("prison_deaths", "Deaths in prison", "persons", 2, $"Deaths of problem drug users in prison (part of deaths). {Count}"),
        new("deaths_after_release", "Deaths after release from prison", "persons", 2, $"Excess deaths in the four weeks after release from prison, above the untreated death rate (part of deaths and drug-related deaths). {Count}"),
        new("deaths_after_treatment", "Deaths after leaving treatment", "persons", 2, $"Excess deaths in the four weeks after leaving treatment (drop-outs and completers), above the untreated death rate (part of deaths and drug-related deaths). {Count}"),
        new("programme_cost_gbp", "Programme cost", "GBP", 0, $"Cost of the programme in pounds: the sum of its cost lines, the metrics ending _cost_gbp other than cost_gbp (treatment, testing, arrest_referral, dtto, remand, aftercare, capacity_building). {Count}"),
        new("treatment_cost_gbp", "Cost line: treatment", "GBP", 0, $"Treatment places occupied times each modality's cost per place-week (part of programme_cost_gbp; cost_gbp less testing). {Count}"),
        new("arrest_referral_cost_gbp", "Cost line: arrest referral", "GBP", 0, $"Referrals by arrest-referral workers times ArrestReferralCostPerReferral (part of programme_cost_gbp). {Count}"),
        new("dtto_cost_gbp", "Cost line: DTTOs", "GBP", 0, $"DTTO orders made times DttoCostPerOrder (part of programme_cost_gbp). {Count}"),
        new("remand_cost_gbp", "Cost line: remand", "GBP", 0, $"Remands under presumption against bail times PrisonStayWeeks times PrisonPlaceCostPerWeek, charged in the week of remand (part of programme_cost_gbp). {Count}"),
        new("aftercare_cost_gbp", "Cost line: aftercare", "GBP", 0, $"AftercareCostPerDatYear / 52 for each week the programme's aftercare runs in a DAT (part of programme_cost_gbp). {Count}"),
        new("capacity_building_cost_gbp", "Cost line: capacity building", "GBP", 0, $"CapacityBuildingCostPerDat / 52 in each of a DAT's first 52 weeks of testing (part of programme_cost_gbp). {Count}"),
        // issue 17 items 1 and 3 (work17): workforce and testing
        new("staff_needed", "Treatment staff needed", "WTE", 2, "Whole-time-equivalent staff the places in use need: capacity times each modality's PostsPerPlace. A week's value is that week's WTE / 52, so a financial year's value (the sum over its weeks) is its mean WTE over a 52-week year (53/52 of it in a 53-week year)."),
        new("places_lost_to_lags", "Places lost to recruitment lags", "places", 2, "Funded places not yet staffed: the year's funded places less the places recruited so far (RecruitmentLagWeeks, RecruitmentNotificationLeadWeeks, RecruitableStaffPerYear), summed over modalities where positive. A week's value is that week's places lost / 52, so a financial year's value is the funded-minus-staffed place-weeks of the year / 52: the places lost on average over a 52-week year."),
        new("treatment_starts_dip", "Treatment starts through drug testing", "persons", 2, $"Admissions of people referred after a positive drug test (the testing route; not arrest referral, courts or prison). The criminal-justice waiting list is one queue, so admissions from it are attributed to the testing route in proportion to its share of the people waiting on it (part of treatment_starts_cjs). {Count}"),
        new("test_positive_share", "Share of tests positive", "share", 4, "positive_tests / tests over the period (the week, or the financial year's sums); empty with under one test. Falls as testing widens beyond the top-30 BCUs (PduShareOfTested by rank band). The national crime measure 'the proportion of offenders testing positive at arrest' (seed 000)."),
        // issue 17 item 5: crime by state
        new("crimes_untreated", "Offences out of treatment", "offences", 1, $"Expected offences of problem drug users out of treatment and not on an order (untreated, waiting, released from prison) at CrimesPerWeekUntreated (part of crimes). {Count}"),
        new("crimes_in_treatment", "Offences in treatment", "offences", 1, $"Expected offences of problem drug users in treatment and not on an order at CrimesPerWeekInTreatment (part of crimes). {Count}"),
        new("crimes_on_order", "Offences on a court order", "offences", 1, $"Expected offences of problem drug users on a DTTO or DRR in force at CrimesPerWeekOnOrder, counted among those in treatment first (part of crimes). {Count}"),
        // issue 16 item 4, the measures commissioners report
        new("referrals_testing", "Referrals after a positive test", "persons", 2, $"Positive testers at arrest taking up the required assessment (part of the criminal-justice referrals; the five referrals_ routes testing, arrest_referral, court, prison and other add up to every problem drug user's referral). {Count}"),
        new("referrals_court", "Court referrals", "persons", 2, $"Court treatment orders made, DTTOs and from Policy.DrrFrom DRRs: each order is a referral (part of the criminal-justice referrals; equals orders_started). {Count}"),
        new("referrals_prison", "Referrals on release from prison", "persons", 2, $"Released prisoners referred on by throughcare or aftercare (part of the criminal-justice referrals). Seed 000's 'released drug-using offenders access treatment' counts these, an upper bound on the starts: some leave the waiting list first. {Count}"),
        new("planned_exits", "Planned exits", "persons", 2, $"Planned discharges from treatment: the completions (every modality, non-problem drug users and transfers on to residential rehab included; no other exit is planned in the model). {Count}"),
        new("effective_treatment", "People in effective treatment", "persons", 2, "The NTA's 2008 definition: people in treatment during the financial year who were retained 12 weeks or more or left in a planned way before 12 weeks. Financial years only in meaning: the year's first week holds those already 12 weeks or more into treatment on 1 April (as participation, the simulation's 1 April), every week those reaching 12 weeks and those completing before; the year's value is the sum. Counts treatment episodes, not people: someone in two modalities in a year (a detox then a transfer to rehab) can count twice; non-problem drug users included, as NDTMS counted everyone in structured treatment."),
        // Compare outputs only (compare.csv; no engine metric): ratios of the paired mean differences from the reference scenario.
        new("cost_per_extra_person_gbp", "Extra cost per extra person in treatment", "GBP", 0, "tfm compare only: the mean paired difference in programme_cost_gbp from the reference scenario over the mean paired difference in participation, per financial year (empty where participation rises by less than one person, falls included: a cost over a loss has no cost-effectiveness reading; a negative value is a saving with more people in treatment). In the mean column; the other columns are empty."),
        new("cost_per_offence_averted_gbp", "Extra cost per offence averted", "GBP", 0, "tfm compare only: the mean paired difference in programme_cost_gbp from the reference scenario over the offences averted (minus the mean paired difference in crimes), per financial year (empty where fewer than one offence is averted, crimes rising included: a cost over a loss has no cost-effectiveness reading; a negative value is a saving with offences averted). In the mean column; the other columns are empty."),
    ];

    private static readonly FrozenDictionary<string, MetricInfo> ByName = Entries.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The entry of <paramref name="metric"/>.</summary>
    /// <exception cref="KeyNotFoundException">The metric has no entry (a test keeps this from happening).</exception>
    public static MetricInfo Of(Metric metric) =>
        ByName.TryGetValue(MetricCatalog.OutputName(metric), out var info)
            ? info
            : throw new KeyNotFoundException($"metric '{MetricCatalog.OutputName(metric)}' has no codebook entry in MetricCodebook.Entries");

    /// <summary>The entry called <paramref name="name"/> (an output name), or null.</summary>
    public static MetricInfo? Find(string name) => ByName.GetValueOrDefault(name);
}
