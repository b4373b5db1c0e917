using System.Collections.Immutable;
using static TreatmentFlowModel.Scenarios.ScenarioKeyKind;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// Every key a scenario file may hold, declared once: the reader checks keys against it (with "did you mean" hints),
/// <see cref="ScenarioSchema"/> is generated from it, and a test pins <see cref="ScenarioWriter"/> to it by writing and
/// reading back a scenario that sets every key. Parameter names come from the parameter catalogue, distribution
/// families from <c>Distribution</c>.
/// </summary>
internal static class ScenarioKeys
{
    private static ScenarioKey Key(string name, ScenarioKeyKind kind, string description, params ScenarioKey[] keys) =>
        new(name, kind, description, keys.Length == 0 ? default : [.. keys]);

    /// <summary>The keys at the top of a scenario file, in the order the writer and the schema give them.</summary>
    public static ImmutableArray<ScenarioKey> Root { get; } =
    [
        Key("$schema", Text, "The schema this file follows (for editors).") with { Written = false },
        Key("$run", RunFacts, "Facts about the run that wrote this resolved scenario; ignored when loading."),
        Key("Name", Text, "Short name of the scenario; names the output folder."),
        Key("Description", Text, "One line: the scenario's purpose."),
        Key("Extends", Text, "A base scenario file, relative to this file (it must sit in this file's folder or below).") with { Written = false },
        Key("Start", Date, "First day simulated (weeks run from here)."),
        Key("End", Date, "Last day simulated (at most 60 years after Start)."),
        Key("BurnInYears", WholeNumber, "Years simulated before Start and not reported: a burn-in from a steady state at that date's inputs, so the first reported year is no warm-up.") with { Minimum = 0, Maximum = ScenarioValidator.MaxBurnInYears },
        Key("Replicates", WholeNumber, "Monte Carlo replicates.") with { Minimum = 1, Maximum = ScenarioValidator.MaxReplicates },
        Key("Seed", WholeNumber, "Seed of every random stream; the same seed gives bit-identical results.") with { Minimum = 0 },
        Key("Data", Section, "CSV data files, relative to this file, or embedded:<name>.",
            Key("Areas", Text, "DAT table: dat, region, baseline_2002_03_k, allocation_2003_04_k, allocation_2004_05_k, allocation_2005_06_k; optional columns named after area parameters in snake_case (problem_drug_users, incidence_per_year, arrest_per_year, ...) hold areas' own values."),
            Key("Bcus", Text, "BCU priority table: rank, bcu, dat, tranche, optional dat_arrest_share (share of each of its DATs' arrests)."),
            Key("WaitTargets", Text, "NTA maximum waits: modality, max_wait_target_2002_03_weeks, max_wait_target_2003_04_weeks."),
            Key("Budgets", Text, "Optional long-format budget table: area, financial_year, budget_gbp (pounds; one row per DAT and year, 1990/91 to 2060/61). A year given replaces that DAT's published or grown budget; a later year grows from the last year given after 2005/06 (BudgetGrowthAfter2005PerYear); need shares keep the 2002/03 column.")),
        Key("Areas", Names, "DATs to simulate; empty for every DAT in the area table."),
        Key("Parameters", Parameters, "Scalar parameters."),
        Key("Modalities", Modalities, "Per-modality parameters."),
        Key("Rollout", Section, "Drug testing of arrestees, BCU by BCU.",
            Key("TotalBcus", WholeNumber, "BCUs ranked in England and Wales (beyond the named ones they are synthesised in each DAT's arrests the named ones leave uncovered, in proportion to need).") with { Minimum = 1 },
            Key("Tranches", List, "Ranked BCUs switched on from a date.",
                Key("Name", Text, "Tranche name."),
                Key("FirstRank", WholeNumber, "First rank switched on.") with { Minimum = 1 },
                Key("LastRank", WholeNumber, "Last rank switched on.") with { Minimum = 1 },
                Key("Start", Date, "Testing starts.")),
            Key("Bcus", List, "Named BCUs switched on from a date.",
                Key("Bcu", Text, "BCU name from the BCU table."),
                Key("Start", Date, "Testing starts."))),
        Key("Policy", Section, "Policy switches.",
            Key("CjsPriority", Switch, "Admit criminal-justice referrals before others on every waiting list."),
            Key("Aftercare", Switch, "Programme aftercare for prison leavers where testing runs."),
            Key("PresumptionAgainstBail", Section, "Presumption against bail for those testing positive who refuse assessment.",
                Key("Enabled", Switch, "Switch the presumption on."),
                Key("Start", Date, "From this date."),
                Key("Areas", Names, "DATs it applies in; empty for every testing area.")),
            Key("DttoCapPerYear", NumbersByYear, "National cap on DTTO orders per financial year, keyed like 2003/04.") with { Minimum = 0 },
            Key("DrrFrom", Date, "Drug rehabilitation requirements replace DTTOs from this date (same cap); absent: DTTOs throughout."),
            Key("AftercareNational", Section, "Aftercare for prison and treatment leavers in every DAT (not only where testing runs), coverage rising linearly between two dates.",
                Key("Enabled", Switch, "Switch national aftercare on (needs Aftercare)."),
                Key("From", Date, "Coverage starts rising."),
                Key("FullBy", Date, "Every DAT covered from this date (absent: at From)."))),
        Key("AreaOverrides", AreaParameters, "Per-area values of area parameters, by DAT name: a rate replaces England's in that area; a count (ProblemDrugUsers, IncidencePerYear, ...) is the area's own count, not England's."),
        Key("ParameterChanges", List, "Multiply a parameter (a rate, a yearly count, a national value or a per-modality value) from a date (optionally in named areas, or one modality, only).",
            Key("Parameter", AreaParameterName, "A parameter that can change over time (Parameters or Modalities)."),
            Key("From", Date, "From this date."),
            Key("Multiplier", Number, "Factor on the parameter.") with { Minimum = 0 },
            Key("Areas", Names, "DATs it applies in; empty for all."),
            Key("Modality", Text, "For a per-modality parameter: the one modality it changes (specialist_prescribing, ...); omit it, or all, for every modality (all is the only value a scalar parameter takes).")),
        Key("Targets", List, "Targets judged in targets.csv and the report (replacing the drug strategy's +55% by 2004/05 and +100% by 2008/09 when given).",
            Key("Name", Text, "Name in targets.csv."),
            Key("Kind", Text, "GrowthOverBase (Value times the base year; below 1 a fall), AtLeast, AtMost or RiseOnYearBefore."),
            Key("Metric", Text, "The measure judged: an output metric name such as participation, mean_wait_weeks, dtto_orders."),
            Key("Modality", Text, "The modality the measure is taken in (inpatient_detox, ...); omit for all."),
            Key("Year", Text, "The financial year judged, like 2003/04."),
            Key("BaseYear", Text, "GrowthOverBase: the base year, like 1998/99."),
            Key("Value", Number, "GrowthOverBase: the factor (1.55 for +55%, 0.8 for down 20%); AtLeast/AtMost: the level."),
            Key("PublishedBaseline", Number, "GrowthOverBase: judge against this published base-year figure instead of the model's own base year.") with { Minimum = 0 },
            Key("Area", Text, "The only area it is judged in: England, a region or a DAT; omit for every area."),
            Key("Source", Text, "Where the target comes from.")),
        Key("FixedInputs", Section, "Places and arrivals set directly instead of from money and people, for checks against queueing theory.",
            Key("PlacesPerArea", NumbersByModality, "Whole places in every area for the modalities named, every week (no budgets, lag or capacity effect).") with { Minimum = 0, Maximum = ScenarioValidator.MaxFixedInput },
            Key("ReferralsPerWeek", NumbersByModality, "Poisson arrivals a week in every area for the modalities named, beside the other routes: people who are not problem drug users, in the non-PDU queue.") with { Minimum = 0, Maximum = ScenarioValidator.MaxFixedInput }),
        Key("Posterior", Text, "A calibration posterior (the CSV 'tfm calibrate' writes), relative to this file, or embedded:posterior.csv; each replicate draws the parameters it names from it (the deterministic mode takes its mean); empty for none."),
        Key("Output", Section, "What is recorded beyond England and the annual values of every area.",
            Key("WeeklyAreas", Names, "DATs whose weekly values are written to weekly.csv, and their months and quarters to monthly.csv and quarterly.csv (the run's total and whole regions always have theirs).")),
    ];

    /// <summary>The key at <paramref name="path"/> (dot-separated, e.g. <c>Rollout.Tranches</c>).</summary>
    /// <exception cref="ArgumentException">No such key is declared.</exception>
    public static ScenarioKey At(string path)
    {
        ScenarioKey? key = null;
        var level = Root;
        foreach (var name in path.Split('.'))
        {
            key = level.IsDefault ? null : level.FirstOrDefault(k => k.Name == name);
            if (key is null) throw new ArgumentException($"no scenario key {path}", nameof(path));
            level = key.Keys;
        }
        return key!;
    }

    /// <summary>The names of the keys allowed inside the section or list items at <paramref name="path"/>, or at the top when empty.</summary>
    public static IEnumerable<string> NamesIn(string path = "") => path.Length == 0 ? Root.Select(k => k.Name) : At(path).Names;
}
