using System.Collections.Immutable;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// Everything the engine needs from a scenario, resolved once per run to indices and tables and never changed after:
/// the calendar, the simulated areas and their shares, the parameter distributions by id, the area overrides in a fixed
/// order, the parameter changes by area and week, the policy schedule, the BCU rollout, the budgets by financial year
/// and the NTA maximum waits. The engine sees this, its own state and its random streams, never the scenario.
/// </summary>
internal sealed class FrozenModel
{
    private readonly ImmutableArray<double> _share;
    private readonly ImmutableArray<int> _tableIndex;

    private FrozenModel(Scenario scenario)
    {
        Seed = scenario.Seed;
        Calendar = new WeekCalendar(scenario.Start, scenario.End);
        // The burn-in: whole weeks, so that the reported weeks start on Start exactly.
        BurnInWeeks = (scenario.Start.DayNumber - scenario.Start.AddYears(-scenario.BurnInYears).DayNumber + 6) / 7;
        SimulationCalendar = new WeekCalendar(scenario.Start.AddDays(-7 * BurnInWeeks), scenario.End);
        var table = scenario.AreaData;
        ImmutableArray<int> areaIndex = scenario.Areas.IsEmpty ? [.. Enumerable.Range(0, table.Areas.Length)] : [.. scenario.Areas.Select(table.IndexOf)];
        var areas = areaIndex.Select(i => table.Areas[i]).ToArray();
        AreaNames = [.. areas.Select(a => a.Name)];
        Groups = AreaGroups.Of(table, areaIndex);
        _tableIndex = areaIndex;
        Need = NeedIndex.Of(table);
        _share = [.. areaIndex.Select(Need.BudgetShare)];
        WeeklyAreas = [.. scenario.WeeklyAreas.Select(IndexOf).Where(i => i >= 0).Distinct()];

        // Where the span narrows a parameter's range (budget growth compounded over decades), draws are truncated to the
        // narrowed range that validation checked, not only to the catalogue's.
        var spend = SpendLimits.Of(scenario);
        Scalars = [.. scenario.Parameters.Select((d, i) => ParameterDraw.Of(d, ParameterCatalog.Scalars[i], spend?.Narrowed((ParameterId)i)))];
        PerModality = [.. scenario.ModalityParameters.Select(values => values.Select((d, i) => ParameterDraw.Of(d, ParameterCatalog.PerModality[i])).ToImmutableArray())];
        // The area table's own values first (fixed: they take no random numbers), then the scenario's, which win.
        AreaOverrides =
        [
            .. areaIndex.SelectMany((t, a) => table.Areas[t].Overrides.Select(v =>
                new AreaOverrideDraw(a, v.Key, ParameterDraw.Of(Distribution.Fixed(v.Value), ParameterCatalog.Scalars[(int)v.Key]), t))),
            .. scenario.AreaOverrides.SelectMany(o => o.Values.Select(v =>
                new AreaOverrideDraw(IndexOf(o.Area), v.Key, ParameterDraw.Of(v.Value, ParameterCatalog.Scalars[(int)v.Key]), table.IndexOf(o.Area)))),
        ];
        AreaModalityOverrides =
        [
            .. scenario.AreaOverrides.SelectMany(o => o.ModalityValues.Select(v =>
                new AreaModalityOverrideDraw(IndexOf(o.Area), v.Modality, v.Parameter, ParameterDraw.Of(v.Value, ParameterCatalog.PerModality[(int)v.Parameter]),
                    table.IndexOf(o.Area)))),
        ];

        int weeks = SimulationCalendar.Weeks, count = AreaNames.Length;
        // BCUs beyond the named ones are ranked by need at the central number of steps (the rollout is fixed for the run).
        Rollout = BcuRollout.Build(scenario, SimulationCalendar, areaIndex, Need.Shares(scenario[ParameterId.NeedIndexSteps].Mean));
        Budgets = BudgetTable.Of(areas);
        MaxWaits = MaxWaitTable.Build(scenario.WaitTargets, Calendar);
        DeclaredTargets = scenario.Targets;

        var policy = scenario.Policy;
        var pab = policy.PresumptionAgainstBail;
        var areaWeek = new AreaWeekLayout(count);
        var pabActive = new bool[areaWeek.Length(weeks)];
        var aftercare = new double[areaWeek.Length(weeks)];
        for (int w = 0; w < weeks; w++)
        {
            var date = SimulationCalendar.WeekStart(w);
            for (int a = 0; a < count; a++)
            {
                bool testing = Rollout.Coverage(w, a) > 0;
                // Full where testing runs (the programme's aftercare, seed 004); elsewhere the national ramp's coverage.
                aftercare[areaWeek.Index(w, a)] = !policy.Aftercare ? 0 : testing ? 1 : policy.AftercareNational?.Coverage(date) ?? 0;
                pabActive[areaWeek.Index(w, a)] = pab is not null && testing && date >= pab.Start
                    && (pab.Areas.IsEmpty || pab.Areas.Contains(AreaNames[a], StringComparer.OrdinalIgnoreCase));
            }
        }
        var dttoCap = new double[SimulationCalendar.Years];
        for (int y = 0; y < SimulationCalendar.Years; y++)
        {
            var year = SimulationCalendar.Year(y);
            dttoCap[y] = policy.DttoCaps.Where(kv => kv.Key <= year).Select(kv => kv.Value).LastOrDefault();
        }
        int drrFromWeek = 0;
        while (drrFromWeek < weeks && (policy.DrrFrom is not { } drr || SimulationCalendar.WeekStart(drrFromWeek) < drr)) drrFromWeek++;
        Policy = new PolicySchedule(policy.CjsPriority, areaWeek, [.. pabActive], [.. aftercare], [.. dttoCap], drrFromWeek);

        var multipliers = new double[]?[ParameterCatalog.Scalars.Count];
        var modalityMultipliers = new double[]?[ParameterCatalog.PerModality.Count * Modalities.Count];
        foreach (var change in scenario.ParameterChanges)
        {
            if (change.PerModality is { } id)
            {
                for (int m = 0; m < Modalities.Count; m++)
                    if (change.Touches(id, m)) Apply(change, modalityMultipliers[ParameterChangeTable.Slot(id, m)] ??= Ones());
            }
            else Apply(change, multipliers[(int)change.Parameter] ??= Ones());
        }
        // Which area-weeks must rebuild the treatment exit table: where any multiplier it is built from moves.
        var exitTables = modalityMultipliers.Where((t, i) => t is not null && ParameterChangeTable.ShapesExits((ModalityParameterId)(i / Modalities.Count)))
            .Append(multipliers[(int)ParameterId.CjsTreatmentDropoutMultiplier]).OfType<double[]>().ToList();
        bool[]? exitInputsMove = null;
        if (exitTables.Count > 0)
        {
            exitInputsMove = new bool[areaWeek.Length(weeks)];
            for (int w = 0; w < weeks; w++)
                for (int a = 0; a < count; a++)
                    exitInputsMove[areaWeek.Index(w, a)] = exitTables.Any(t => t[areaWeek.Index(w, a)] != (w == 0 ? 1.0 : t[areaWeek.Index(w - 1, a)]));
        }
        Changes = new ParameterChangeTable([.. multipliers.Select(m => m is null ? default : m.ToImmutableArray())],
            [.. modalityMultipliers.Select(m => m is null ? default : m.ToImmutableArray())], exitInputsMove is null ? default : [.. exitInputsMove]);

        double[] Ones() => Enumerable.Repeat(1.0, areaWeek.Length(weeks)).ToArray();
        void Apply(ParameterChange change, double[] byAreaWeek)
        {
            for (int a = 0; a < count; a++)
            {
                if (!change.Areas.IsEmpty && !change.Areas.Contains(AreaNames[a], StringComparer.OrdinalIgnoreCase)) continue;
                for (int w = 0; w < weeks; w++)
                    if (SimulationCalendar.WeekStart(w) >= change.From) byAreaWeek[areaWeek.Index(w, a)] *= change.Multiplier;
            }
        }

        FixedPlaces = [.. Enumerable.Range(0, Modalities.Count).Select(m => scenario.Fixed.PlacesPerArea.TryGetValue((Modality)m, out double x) ? x : double.NaN)];
        FixedReferralsPerWeek = [.. Enumerable.Range(0, Modalities.Count).Select(m => scenario.Fixed.ReferralsPerWeek.GetValueOrDefault((Modality)m))];
        HasFixedReferrals = FixedReferralsPerWeek.Any(x => x > 0);
        Posterior = scenario.Posterior is { } posterior ? new PosteriorTable(posterior) : null;
    }

    /// <summary>The calibration posterior the replicates draw their fitted parameters from, or null.</summary>
    public PosteriorTable? Posterior { get; }

    /// <summary>Freezes <paramref name="scenario"/>, which must be valid (<see cref="Scenario.EnsureValid"/>).</summary>
    public static FrozenModel From(Scenario scenario) => new(scenario);

    /// <summary>Key of every random stream of the run.</summary>
    public ulong Seed { get; }

    /// <summary>Weeks and financial years reported: from the scenario's Start to its End.</summary>
    public WeekCalendar Calendar { get; }

    /// <summary>
    /// Weeks and financial years simulated: the burn-in and then <see cref="Calendar"/>'s weeks. The engine's week and year
    /// indices, and every table by week or year it reads (rollout, policies, parameter changes, budgets), count from here.
    /// </summary>
    public WeekCalendar SimulationCalendar { get; }

    /// <summary>Weeks simulated before the first reported one: simulation week w is reported week w − BurnInWeeks.</summary>
    public int BurnInWeeks { get; }

    /// <summary>
    /// The simulated areas (DAT names) in the scenario's order; an area's position is its index everywhere in the
    /// engine, and part of its random streams' addresses (<c>FlowChannel</c>).
    /// </summary>
    public ImmutableArray<string> AreaNames { get; }

    /// <summary>Number of simulated areas.</summary>
    public int AreaCount => AreaNames.Length;

    /// <summary>The label of the run's total and the regions it holds whole.</summary>
    public AreaGroups Groups { get; }

    /// <summary>
    /// Annual slots of a record: the total, each simulated area (slot = area + 1), then each whole region
    /// (slot = 1 + <see cref="AreaCount"/> + region).
    /// </summary>
    public int AnnualSlots => 1 + AreaCount + Groups.Regions.Length;

    /// <summary>Area <paramref name="a"/>'s share of England's baseline (2002/03) pooled budget: where the money is (mainstream spend is shared out the same way).</summary>
    public double Share(int a) => _share[a];

    /// <summary>Index in the scenario's area table of simulated area <paramref name="a"/>.</summary>
    public int TableIndex(int a) => _tableIndex[a];

    /// <summary>Every table area's need index: its share of England's problem drug users, new users, arrests and DTTOs.</summary>
    public NeedIndex Need { get; }

    /// <summary>The simulated areas recorded week by week besides England (<c>Output.WeeklyAreas</c>), as area indices.</summary>
    public ImmutableArray<int> WeeklyAreas { get; }

    /// <summary>Scalar parameters by <see cref="ParameterId"/>.</summary>
    public ImmutableArray<ParameterDraw> Scalars { get; }

    /// <summary>Per-modality parameters by <see cref="Modality"/>, then <see cref="ModalityParameterId"/>.</summary>
    public ImmutableArray<ImmutableArray<ParameterDraw>> PerModality { get; }

    /// <summary>The area overrides in the scenario's order (see <see cref="AreaOverrideDraw"/>).</summary>
    public ImmutableArray<AreaOverrideDraw> AreaOverrides { get; }

    /// <summary>Issue 16: areas' own unit costs, spend shares and referral shares by modality, in the scenario's order (drawn after <see cref="AreaOverrides"/>).</summary>
    public ImmutableArray<AreaModalityOverrideDraw> AreaModalityOverrides { get; }

    /// <summary>Multipliers from the scenario's parameter changes, by parameter (scalar, or per-modality and modality), area and week.</summary>
    public ParameterChangeTable Changes { get; }

    /// <summary>Policy switches by area and week, DTTO caps by year.</summary>
    public PolicySchedule Policy { get; }

    /// <summary>Drug-testing coverage and BCUs testing by area and week.</summary>
    public BcuRollout Rollout { get; }

    /// <summary>Pooled treatment budgets by area and financial year.</summary>
    public BudgetTable Budgets { get; }

    /// <summary>NTA maximum waits by year and modality.</summary>
    public MaxWaitTable MaxWaits { get; }

    /// <summary>The targets the scenario declares (judged besides the retention rise and the NTA maximum waits).</summary>
    public ImmutableArray<TargetDeclaration> DeclaredTargets { get; }

    /// <summary>
    /// By modality: the whole places every area has every week when set directly (<see cref="FixedInputs.PlacesPerArea"/>:
    /// no budgets, recruitment lag or capacity effect), NaN where places come from money.
    /// </summary>
    public ImmutableArray<double> FixedPlaces { get; }

    /// <summary>By modality: the mean of the Poisson arrivals a week that join every area's non-PDU list directly (<see cref="FixedInputs.ReferralsPerWeek"/>), 0 if none.</summary>
    public ImmutableArray<double> FixedReferralsPerWeek { get; }

    /// <summary>Whether any modality has arrivals set directly (the engine then draws them; no draw otherwise).</summary>
    public bool HasFixedReferrals { get; }

    /// <summary>Index of the simulated area called <paramref name="name"/> (case-insensitive), or -1.</summary>
    public int IndexOf(string name)
    {
        for (int a = 0; a < AreaNames.Length; a++)
            if (AreaNames[a].Equals(name, StringComparison.OrdinalIgnoreCase)) return a;
        return -1;
    }
}
