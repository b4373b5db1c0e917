using System.Collections.Immutable;
using TreatmentFlowModel.Data;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// A validated, immutable scenario: time span, areas and their data, BCU rollout, capacity,
/// parameters (values or distributions), policy switches, replicates and seed. Load one with
/// <see cref="ScenarioLoader"/>; make variants with <c>with</c> expressions or <see cref="WithParameter(ParameterId, Distribution)"/>,
/// then call <see cref="Validate"/>.
/// </summary>
public sealed record Scenario
{
    /// <summary>Short name, used in reports.</summary>
    public required string Name { get; init; }

    /// <summary>One-line purpose of the scenario.</summary>
    public string Description { get; init; } = "";

    /// <summary>First simulated day (start of week 0).</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Last simulated day.</summary>
    public required DateOnly End { get; init; }

    /// <summary>
    /// Years simulated before <see cref="Start"/> and not reported (a burn-in from a steady state at that date's inputs), so
    /// the first reported year is not a warm-up: the simulation starts this many years before Start, moved back to a whole
    /// number of weeks before it.
    /// </summary>
    public int BurnInYears { get; init; }

    /// <summary>Number of Monte Carlo replicates.</summary>
    public required int Replicates { get; init; }

    /// <summary>Seed of every random stream; with the scenario it fixes the results bit for bit.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Layers the scenario was built from, lowest priority first.</summary>
    public ImmutableArray<string> Sources { get; init; } = [];

    /// <summary>Where the area, BCU and wait-target tables came from.</summary>
    public required DataSources DataFiles { get; init; }

    /// <summary>Drug Action Team areas with their treatment budgets.</summary>
    public required AreaTable AreaData { get; init; }

    /// <summary>The named priority BCUs (top 30 and next 10).</summary>
    public required ImmutableArray<BcuRecord> Bcus { get; init; }

    /// <summary>NTA maximum-wait targets per modality.</summary>
    public required ImmutableArray<WaitTarget> WaitTargets { get; init; }

    /// <summary>Areas to simulate by name; empty means every area in <see cref="AreaData"/>.</summary>
    public ImmutableArray<string> Areas { get; init; } = [];

    /// <summary>Scalar parameters, indexed by <see cref="ParameterId"/>.</summary>
    public required ImmutableArray<Distribution> Parameters { get; init; }

    /// <summary>Per-modality parameters, indexed by <see cref="Modality"/> then <see cref="ModalityParameterId"/>.</summary>
    public required ImmutableArray<ImmutableArray<Distribution>> ModalityParameters { get; init; }

    /// <summary>Drug-testing rollout: BCU tranches and explicit BCU dates.</summary>
    public required RolloutPlan Rollout { get; init; }

    /// <summary>Policy switches.</summary>
    public required PolicySwitches Policy { get; init; }

    /// <summary>Scalar parameters set differently for named areas.</summary>
    public ImmutableArray<AreaOverride> AreaOverrides { get; init; } = [];

    /// <summary>Multiplicative changes of parameters from a date, optionally for some areas only.</summary>
    public ImmutableArray<ParameterChange> ParameterChanges { get; init; } = [];

    /// <summary>
    /// The targets judged (targets.csv and the report), as the scenario declares them; when a scenario file declares none
    /// (no <c>Targets</c> key), the drug strategy's +55% by 2004/05 and +100% by 2008/09 over 1998/99. The retention rise
    /// in every year and the NTA maximum waits of <see cref="WaitTargets"/> are judged besides.
    /// </summary>
    public ImmutableArray<TargetDeclaration> Targets { get; init; } = TargetDeclarations.DrugStrategy;

    /// <summary>Places and arrivals set directly for some modalities (queueing-theory checks); none by default.</summary>
    public FixedInputs Fixed { get; init; } = FixedInputs.None;

    /// <summary>
    /// The calibration posterior (the <c>Posterior</c> key) each stochastic replicate draws its fitted parameters from
    /// (the deterministic mode takes its mean); null for none, when every parameter keeps its scenario distribution.
    /// </summary>
    public PosteriorSample? Posterior { get; init; }

    /// <summary>Areas written week by week to weekly.csv besides England.</summary>
    public ImmutableArray<string> WeeklyAreas { get; init; } = [];

    /// <summary>The value of scalar parameter <paramref name="id"/>.</summary>
    public Distribution this[ParameterId id] => Parameters[(int)id];

    /// <summary>The value of per-modality parameter <paramref name="id"/> for <paramref name="modality"/>.</summary>
    public Distribution this[Modality modality, ModalityParameterId id] => ModalityParameters[(int)modality][(int)id];

    /// <summary>A copy with scalar parameter <paramref name="id"/> replaced.</summary>
    public Scenario WithParameter(ParameterId id, Distribution value) => this with { Parameters = Parameters.SetItem((int)id, value) };

    /// <summary>A copy with scalar parameter <paramref name="id"/> fixed at <paramref name="value"/>.</summary>
    public Scenario WithParameter(ParameterId id, double value) => WithParameter(id, Distribution.Fixed(value));

    /// <summary>A copy with per-modality parameter <paramref name="id"/> of <paramref name="modality"/> replaced.</summary>
    public Scenario WithParameter(Modality modality, ModalityParameterId id, Distribution value) =>
        this with { ModalityParameters = ModalityParameters.SetItem((int)modality, ModalityParameters[(int)modality].SetItem((int)id, value)) };

    /// <summary>Every problem with this scenario; empty when it can be run.</summary>
    public IReadOnlyList<ScenarioError> Validate() => ScenarioValidator.Validate(this, static _ => "scenario");

    /// <summary>Throws <see cref="ScenarioException"/> listing every problem, unless the scenario is valid.</summary>
    public Scenario EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new ScenarioException(errors);
        return this;
    }
}

/// <summary>Where the data tables of a scenario came from (file paths, or <c>embedded:</c> names).</summary>
/// <param name="Areas">DAT areas and budgets (columns of dat_treatment_allocations.csv).</param>
/// <param name="Bcus">Priority BCUs (columns of bcu_rollout_priority.csv).</param>
/// <param name="WaitTargets">NTA maximum waits (columns of treatment_targets.csv).</param>
/// <param name="Budgets">Optional long-format budget table (area, financial_year, budget_gbp), issue 16: budgets that replace the area table's growth rates for the years given; null when the scenario has none.</param>
public sealed record DataSources(string Areas, string Bcus, string WaitTargets, string? Budgets = null);

/// <summary>The drug-testing rollout.</summary>
/// <param name="TotalBcus">BCUs in England and Wales; BCUs beyond the named ones are synthesised in the DATs' arrests they leave uncovered, in proportion to need.</param>
/// <param name="Tranches">Ranked BCUs switched on from a date.</param>
/// <param name="Explicit">Single BCUs switched on from a date.</param>
public sealed record RolloutPlan(int TotalBcus, ImmutableArray<RolloutTranche> Tranches, ImmutableArray<BcuStart> Explicit);

/// <summary>BCUs ranked <paramref name="FirstRank"/> to <paramref name="LastRank"/> start testing on <paramref name="Start"/>.</summary>
/// <param name="Name">Label, e.g. <c>top30</c>.</param>
/// <param name="FirstRank">First rank (1 = highest acquisitive crime).</param>
/// <param name="LastRank">Last rank, inclusive.</param>
/// <param name="Start">Date testing starts.</param>
public sealed record RolloutTranche(string Name, int FirstRank, int LastRank, DateOnly Start);

/// <summary>The named BCU <paramref name="Bcu"/> starts testing on <paramref name="Start"/>.</summary>
/// <param name="Bcu">BCU name as in the BCU table.</param>
/// <param name="Start">Date testing starts.</param>
public sealed record BcuStart(string Bcu, DateOnly Start);

/// <summary>Policy switches.</summary>
/// <param name="CjsPriority">Criminal-justice referrals are admitted before others (otherwise first come, first served).</param>
/// <param name="Aftercare">Programme aftercare runs where the criminal-justice programme runs (and, with <see cref="PolicySwitches.AftercareNational"/>, in every DAT from its dates); off: none anywhere.</param>
/// <param name="PresumptionAgainstBail">Presumption against bail pilots, or null when off.</param>
/// <param name="DttoCaps">DTTO orders per year, England, from each listed financial year on (year → cap).</param>
public sealed record PolicySwitches(bool CjsPriority, bool Aftercare, PresumptionAgainstBail? PresumptionAgainstBail, ImmutableSortedDictionary<FinancialYear, double> DttoCaps)
{
    /// <summary>
    /// From this date courts make drug rehabilitation requirements instead of DTTOs (under the same cap, with
    /// <c>DrrCompletionShare</c>); null: DTTOs throughout. The default scenario's 2005-04-04 is hindsight (Criminal Justice
    /// Act 2003 community order, offences from 4 April 2005), named by issue 17 and labelled as such.
    /// </summary>
    public DateOnly? DrrFrom { get; init; }

    /// <summary>
    /// Aftercare for prison and treatment leavers in every DAT, coverage rising linearly from its start to its end date
    /// (seed 004: all DATs plan aftercare "from 04/05" and deliver it for prison and treatment leavers by 2005/06); null:
    /// only where testing runs. Needs <see cref="Aftercare"/>.
    /// </summary>
    public AftercareRamp? AftercareNational { get; init; }
}

/// <summary>A national switch-on: coverage 0 before <paramref name="From"/>, rising linearly to 1 at <paramref name="FullBy"/>.</summary>
/// <param name="From">Coverage starts rising (the first day of provision).</param>
/// <param name="FullBy">Every DAT covered from this date (equal to <paramref name="From"/>: all at once).</param>
public sealed record AftercareRamp(DateOnly From, DateOnly FullBy)
{
    /// <summary>The share of leavers covered on <paramref name="date"/>.</summary>
    public double Coverage(DateOnly date) =>
        date < From ? 0 : date >= FullBy ? 1 : (double)(date.DayNumber - From.DayNumber) / (FullBy.DayNumber - From.DayNumber);
}

/// <summary>Presumption against bail from <paramref name="Start"/> in <paramref name="Areas"/> (empty: every area that tests).</summary>
/// <param name="Start">Date the pilots start.</param>
/// <param name="Areas">DAT names; empty means every area with drug testing.</param>
public sealed record PresumptionAgainstBail(DateOnly Start, ImmutableArray<string> Areas);

/// <summary>
/// Places and arrivals set directly, for checks against queueing theory: a modality named in <paramref name="PlacesPerArea"/>
/// has that many whole places in every area every week (no budgets, recruitment lag or capacity effect); one named in
/// <paramref name="ReferralsPerWeek"/> gets Poisson arrivals with that mean a week in every area, beside the other routes,
/// of people who are not problem drug users (the non-PDU queue: they leave when they leave the list or treatment).
/// </summary>
/// <param name="PlacesPerArea">Whole places per area by modality.</param>
/// <param name="ReferralsPerWeek">Mean arrivals per area and week by modality.</param>
public sealed record FixedInputs(ImmutableSortedDictionary<Modality, double> PlacesPerArea, ImmutableSortedDictionary<Modality, double> ReferralsPerWeek)
{
    /// <summary>Nothing set directly.</summary>
    public static FixedInputs None { get; } = new(ImmutableSortedDictionary<Modality, double>.Empty, ImmutableSortedDictionary<Modality, double>.Empty);
}

/// <summary>Scalar parameters set differently in one area.</summary>
/// <param name="Area">DAT name.</param>
/// <param name="Values">Parameter values that replace the national ones there.</param>
public sealed record AreaOverride(string Area, ImmutableArray<KeyValuePair<ParameterId, Distribution>> Values)
{
    /// <summary>
    /// Issue 16: the area's own values of the per-modality parameters that may vary by area (<see cref="ParameterCatalog.PerAreaModality"/>:
    /// unit cost, spend share and the referral shares), under <c>AreaOverrides.AREA.Modalities.MODALITY</c>. A share replaces
    /// the national one before the area's mix is normalised; empty: the national values.
    /// </summary>
    public ImmutableArray<AreaModalityValue> ModalityValues { get; init; } = [];
}

/// <summary>One per-modality parameter set in one area (issue 16).</summary>
/// <param name="Modality">The modality.</param>
/// <param name="Parameter">The parameter (one of <see cref="ParameterCatalog.PerAreaModality"/>).</param>
/// <param name="Value">Its value there.</param>
public sealed record AreaModalityValue(Modality Modality, ModalityParameterId Parameter, Distribution Value);

/// <summary>
/// From <paramref name="From"/>, parameter <paramref name="Parameter"/> (or the per-modality parameter
/// <paramref name="PerModality"/>, in <paramref name="Modality"/> or every modality) is multiplied by
/// <paramref name="Multiplier"/> in <paramref name="Areas"/> (empty: everywhere).
/// </summary>
/// <param name="Parameter">The scalar parameter changed (one whose <see cref="ParameterInfo.Changeable"/> holds); ignored when <paramref name="PerModality"/> is set.</param>
/// <param name="From">First date the change applies.</param>
/// <param name="Multiplier">Factor applied to the parameter (probabilities are capped at 1).</param>
/// <param name="Areas">DAT names; empty means every area.</param>
/// <param name="PerModality">The per-modality parameter changed instead of a scalar (issue 17 item 7), or null.</param>
/// <param name="Modality">The one modality whose <paramref name="PerModality"/> parameter changes; null: every modality.</param>
public sealed record ParameterChange(ParameterId Parameter, DateOnly From, double Multiplier, ImmutableArray<string> Areas,
    ModalityParameterId? PerModality = null, Modality? Modality = null)
{
    /// <summary>Whether the change multiplies a per-modality parameter rather than a scalar one.</summary>
    public bool IsPerModality => PerModality is not null;

    /// <summary>Whether it multiplies <paramref name="modality"/>'s <paramref name="id"/>.</summary>
    public bool Touches(ModalityParameterId id, int modality) => PerModality == id && (Modality is null || (int)Modality == modality);

    /// <summary>The changed parameter's name in scenario files.</summary>
    public string Name => PerModality is { } id ? ParameterCatalog.PerModality[(int)id].Name : ParameterCatalog.Scalars[(int)Parameter].Name;
}
