using System.Globalization;
using System.Runtime.CompilerServices;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Random;
using TreatmentFlowModel.Setup;
using static TreatmentFlowModel.Engine.Hazards;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// One replicate of the pathway model, week by week, for every simulated area. State is a set of flat
/// arrays of counts (doubles holding whole numbers in the stochastic mode: exact up to 2^53), allocated
/// once and reused for every replicate this instance runs; the weekly step allocates nothing.
/// </summary>
/// <typeparam name="TDraws"><see cref="StochasticDraws"/> or <see cref="ExpectedDraws"/>.</typeparam>
internal sealed partial class ReplicateSimulator<TDraws> where TDraws : struct, IDraws
{
    private const int M = Modalities.Count;
    private const int RetentionWeek = 12;

    private readonly FrozenModel _model;
    private readonly int _areas;
    private readonly ulong _seed;
    private readonly bool _cjsFirst;
    // The frozen model's week-by-area tables, held here so the weekly loop reaches them in one step.
    private readonly ParameterChangeTable _changes;
    private readonly PolicySchedule _policy;
    private readonly BcuRollout _rollout;
    private int _replicate;

    // ---- where things live in the flat arrays ----
    private readonly WaitingListLayout _lists;
    private readonly TreatmentLayout _treatment;
    private readonly ExitTableLayout _exits;
    private readonly PlacesLayout _placesLayout;
    private readonly AreaWeekLayout _areaWeek;

    // ---- parameters of the current replicate ----
    private readonly double[][] _rate;      // [ParameterId][area]: per-area values (national ones repeated)
    private readonly double[][] _modality;  // [modality][ModalityParameterId]
    private readonly double[] _referralMix = new double[M], _cjsMix = new double[M], _spendMix = new double[M], _nonPduMix = new double[M];
    // The mixes as the chains of conditional probabilities the multinomial draws with (M - 1 each).
    private readonly double[] _referralChain = new double[M - 1], _cjsChain = new double[M - 1];
    // Issue 16, a DAT's own inputs: by AreaModality, each area's unit cost and normalised mixes (the national ones unless
    // AreaOverrides.AREA.Modalities sets them), and per area (M - 1 each) its referral chains.
    private readonly double[] _areaCost, _areaSpendMix, _areaReferralMix, _areaCjsMix, _areaNonPduMix;
    private readonly double[] _areaReferralChain, _areaCjsChain, _areaNonPduChain;
    private readonly double[] _areaRaw; // by entry of FrozenModel.AreaModalityOverrides: this replicate's drawn value
    private readonly double[] _funded;      // PlacesLayout: places the year's money buys (continuous)
    private readonly double[] _placesLevel; // by AreaModality: places recruited so far (continuous, approaching the funded level)
    private readonly double[] _places;      // by AreaModality: whole places this week (largest remainder within the area)
    private readonly double[] _capacityEffect; // per area: this replicate's capacity multiplier (1 in the deterministic mode)
    private readonly double[] _normals;     // every table area's standard normal draw for the capacity effect
    private double _recruitment;            // share of the gap to the funded level closed each week
    // Workforce (issue 17): when recruitment towards a year's money starts, and how many staff it may take on.
    private readonly double[] _usableLevel; // by AreaModality: places open, the recruited level (at most this year's funding while recruiting ahead of the money)
    private readonly int[] _recruitFor;     // by week: the financial-year index whose allocation recruitment aims at (the next one within the notification lead)
    private readonly double[] _staffAllowance; // [year index × areas + area]: WTE the area may recruit towards that year's allocation (+∞: no cap)
    private readonly int[] _hiringFor;      // per area: the year index whose allocation _hired counts towards
    private readonly double[] _hired;       // per area: WTE recruited towards it so far
    private readonly double[] _postsPerPlace = new double[M], _recruitStep = new double[M];
    /// <summary>By <see cref="AreaModality"/>: people on the criminal-justice list referred after a positive test (issue 17's treatment_starts_dip; not whole: the list is one queue, so its losses and admissions are shared in proportion).</summary>
    private readonly double[] _dipWaiting;
    private bool _waitDropoutChanges;       // whether a ParameterChanges entry touches a modality's WaitDropoutPerWeek
    private bool _otherMixChanges, _cjsMixChanges, _nonPduMixChanges; // whether one touches a referral mix (ReferralShare, CjsReferralShare, NonPduReferralShare)
    private readonly double[] _changedChain = new double[M - 1]; // the week's chain of a changed referral mix, used at once
    private readonly double[] _exit;        // ExitTableLayout
    private readonly double[] _exitMortalityMultiplier; // per area: multiplier the exit table was built with
    private readonly double[] _exitCompletionMultiplier; // per area: multiplier on completion shares the exit table was built with (aftercare)
    private int _lastExitBuilt;             // the area whose exit table was built last this replicate (-1: none yet)
    private readonly double[] _exitCjsDropout; // per area: criminal-justice drop-out multiplier the exit table was built with
    /// <summary>By <see cref="AreaModality"/>: expected weeks in treatment of someone admitted now (from the exit table).</summary>
    public readonly double[] MeanStayWeeks;
    private readonly double[] _needAll;     // every table area's need share (this replicate's NeedIndexSteps)
    private readonly double[] _dttoScratch; // every table area's DTTO cap in one year
    private readonly WeeklyProbabilities _weekly;
    private readonly double[] _dttoCap;     // [year index × areas + area]: whole DTTO orders allowed (England's cap shared by need)

    // ---- state ----
    public readonly double[] Untreated, Prison, Recovered, Dead, Ceased, Entered;
    /// <summary>Per area: people who are not problem drug users who have joined a waiting list, and those who have left the system again.</summary>
    public readonly double[] NonPduEntered, NonPduLeft;
    private readonly double[] _perceivedWait;   // per area: the wait people believe they face (weeks), smoothed
    private readonly double[] _smoothedAdmissions; // per area: admissions a week, smoothed the same way
    private double _perception;                 // share of the gap to this week's wait closed each week
    private readonly double[] _nonPduChain = new double[M - 1], _nonPduByModality = new double[M];
    private readonly double[] _nonPduGrowth;    // by year index: growth of non-PDU referrals since 2000/01, per week
    private double _nonPduWaiting, _nonPduTreated; // this area-week, for the crimes of problem drug users only
    private double _longestThisWeek;               // this area-week: the longest wait over its modalities
    private bool _newYear;                         // this week is the first of its financial year (the simulation calendar's)
    /// <summary>Waiting lists by area, modality, queue and completed weeks waited (<see cref="Lists"/>).</summary>
    public readonly double[] Waiting;
    private readonly int[] _waitTop;        // per waiting list: no one waits beyond this bin (-1: list empty)
    /// <summary>Per waiting list: the total weeks waited by the people in its last (open) bin, so their mean wait is known however long they wait.</summary>
    public readonly double[] TailWeeks;
    /// <summary>People in treatment by area, modality, route and time in treatment (<see cref="TreatmentBins"/>).</summary>
    public readonly double[] Treatment;
    private readonly double[] _dttoUsed;    // per area, this financial year
    private readonly double[] _yearShareByWeek; // by week: share of its financial year's weeks done at the week's end (the weekly order cap's room)
    /// <summary>Per area: court treatment orders in force (DTTOs and DRRs; orders end at a constant hazard, so one stock each suffices).</summary>
    public readonly double[] OrdersDtto, OrdersDrr;
    // Per area, the last RecentWeeks weeks' leavers still at raised risk of death, slot = week % RecentWeeks: released from
    // prison to the community, treatment drop-outs (both now untreated) and completers (now recovered).
    private readonly double[] _recentReleased, _recentDropped, _recentCompleted;
    private readonly int[] _firstTestingWeek; // per area: the first simulated week with testing (int.MaxValue: never)
    private readonly double[] _participationBase; // by AreaModality: in treatment at the start of the year
    private readonly double[] _startsThisYear;    // by AreaModality
    private readonly int[] _admittedFrom, _admittedTo; // by AreaModality: the bins of AdmittedByWait this week's admissions may have written
    private readonly double[] _cjsByModality = new double[M], _otherByModality = new double[M]; // this area-week's referrals

    // ---- this week's measures ----
    /// <summary>The week's value of every series, a row per area (<see cref="SeriesRows"/>; wait series hold NaN, see <see cref="AdmittedByWait"/>).</summary>
    public readonly double[] Week;
    /// <summary>Admissions this week by area-modality and completed weeks waited (<see cref="WaitingListLayout.ByWaitStart"/>).</summary>
    public readonly double[] AdmittedByWait;

    public ReplicateSimulator(FrozenModel model)
    {
        _model = model;
        _areas = model.AreaCount;
        _seed = model.Seed;
        _cjsFirst = model.Policy.CjsFirst;
        _changes = model.Changes;
        _policy = model.Policy;
        _rollout = model.Rollout;
        int a = _areas;
        _lists = new WaitingListLayout(a);
        _treatment = new TreatmentLayout(a);
        _exits = new ExitTableLayout(_treatment);
        _placesLayout = new PlacesLayout(a, model.SimulationCalendar.Years);
        _areaWeek = new AreaWeekLayout(a);
        _rate = new double[ParameterCatalog.Scalars.Count][];
        for (int i = 0; i < _rate.Length; i++) _rate[i] = new double[a];
        _modality = new double[M][];
        for (int m = 0; m < M; m++) _modality[m] = new double[ParameterCatalog.PerModality.Count];
        _funded = new double[_placesLayout.Length];
        _areaCost = new double[AreaModality.Count(a)]; _areaSpendMix = new double[AreaModality.Count(a)];
        _areaReferralMix = new double[AreaModality.Count(a)]; _areaCjsMix = new double[AreaModality.Count(a)]; _areaNonPduMix = new double[AreaModality.Count(a)];
        _areaRaw = new double[model.AreaModalityOverrides.Length];
        _areaReferralChain = new double[a * (M - 1)]; _areaCjsChain = new double[a * (M - 1)]; _areaNonPduChain = new double[a * (M - 1)];
        _placesLevel = new double[AreaModality.Count(a)];
        _places = new double[AreaModality.Count(a)];
        _usableLevel = new double[AreaModality.Count(a)];
        _recruitFor = new int[model.SimulationCalendar.Weeks];
        _staffAllowance = new double[model.SimulationCalendar.Years * a];
        _hiringFor = new int[a];
        _hired = new double[a];
        _dipWaiting = new double[AreaModality.Count(a)];
        _capacityEffect = new double[a];
        _normals = new double[model.Need.Count];
        _exit = new double[_exits.Length];
        _exitMortalityMultiplier = new double[a];
        _exitCompletionMultiplier = new double[a];
        _exitCjsDropout = new double[a];
        MeanStayWeeks = new double[AreaModality.Count(a)];
        _needAll = new double[model.Need.Count];
        _dttoScratch = new double[model.Need.Count];
        _weekly = new WeeklyProbabilities(a);
        _dttoCap = new double[model.SimulationCalendar.Years * a];
        Untreated = new double[a]; Prison = new double[a]; Recovered = new double[a];
        Dead = new double[a]; Ceased = new double[a]; Entered = new double[a];
        NonPduEntered = new double[a]; NonPduLeft = new double[a];
        _perceivedWait = new double[a]; _smoothedAdmissions = new double[a];
        _nonPduGrowth = new double[model.SimulationCalendar.Years];
        Waiting = new double[_lists.Length];
        _waitTop = new int[_lists.Lists];
        TailWeeks = new double[_lists.Lists];
        Treatment = new double[_treatment.Length];
        _dttoUsed = new double[a];
        OrdersDtto = new double[a]; OrdersDrr = new double[a];
        _yearShareByWeek = YearShareByWeek(model.SimulationCalendar);
        _firstTestingWeek = new int[a];
        for (int area = 0; area < a; area++)
        {
            int first = 0;
            while (first < model.SimulationCalendar.Weeks && _rollout.Coverage(first, area) <= 0) first++;
            _firstTestingWeek[area] = first < model.SimulationCalendar.Weeks ? first : int.MaxValue;
        }
        _recentReleased = new double[a * RecentWeeks]; _recentDropped = new double[a * RecentWeeks]; _recentCompleted = new double[a * RecentWeeks];
        _participationBase = new double[AreaModality.Count(a)];
        _startsThisYear = new double[AreaModality.Count(a)];
        Week = new double[SeriesRows.Row(a)];
        AdmittedByWait = new double[_lists.ByWaitStart(AreaModality.Count(a))];
        _admittedFrom = new int[AreaModality.Count(a)];
        _admittedTo = new int[AreaModality.Count(a)];
    }

    /// <summary>The frozen model this simulator runs.</summary>
    public FrozenModel Model => _model;

    /// <summary>Where the waiting lists (and admissions by weeks waited) live in <see cref="Waiting"/> and <see cref="AdmittedByWait"/>.</summary>
    public WaitingListLayout Lists => _lists;

    /// <summary>Where the people in treatment live in <see cref="Treatment"/>.</summary>
    public TreatmentLayout TreatmentBins => _treatment;

    /// <summary>Everyone on area <paramref name="area"/>'s waiting lists, every modality, queue and wait.</summary>
    public ReadOnlySpan<double> WaitingIn(int area) =>
        Waiting.AsSpan(_lists.Start(WaitingListLayout.List(area, 0, ReferralQueue.Other)), WaitingListLayout.ListsPerArea * _lists.Bins);

    /// <summary>Everyone in treatment in area <paramref name="area"/>, every modality and week in treatment.</summary>
    public ReadOnlySpan<double> TreatmentIn(int area) => Treatment.AsSpan(_treatment.Start(AreaModality.Index(area, 0)), AreaModality.PerArea * _treatment.PerAreaModality);

    /// <summary>What the week just stepped leaves for the recorder, labelled as week <paramref name="w"/> (its index among the reported weeks when called from <see cref="Run"/>).</summary>
    public WeekView View(int w) => new(w, Week, AdmittedByWait, Waiting, MeanStayWeeks, _lists);

    /// <summary>The wait (weeks) people in area <paramref name="a"/> believe they face after the week last stepped.</summary>
    public double PerceivedWait(int a) => _perceivedWait[a];

    /// <summary>Places the money of financial-year index <paramref name="y"/> buys in area <paramref name="a"/>, modality <paramref name="m"/> (before recruitment catches up; not whole).</summary>
    public double FundedPlaces(int y, int a, int m) => _funded[_placesLayout.Index(y, a, m)];

    /// <summary>Places staffed in area <paramref name="a"/>, modality <paramref name="m"/> in the week last stepped (not whole): recruitment's level, ahead of the money within a notification lead.</summary>
    public double RecruitedPlaces(int a, int m) => _placesLevel[AreaModality.Index(a, m)];

    /// <summary>Places open in area <paramref name="a"/>, modality <paramref name="m"/> in the week last stepped, before rounding to whole places: those recruited, at most this year's funding.</summary>
    public double OpenPlaces(int a, int m) => _usableLevel[AreaModality.Index(a, m)];

    /// <summary>Whole places in area <paramref name="a"/>, modality <paramref name="m"/> in the week last stepped (or at the start).</summary>
    public double Places(int a, int m) => _places[AreaModality.Index(a, m)];

    /// <summary>Draws the replicate's parameters and sets the initial state (each area's steady state, <see cref="StartFromSteadyState"/>).</summary>
    public void Initialise(int replicate)
    {
        _replicate = replicate;
        DrawParameters(replicate);
        Array.Clear(AdmittedByWait);
        Array.Fill(_admittedFrom, 0);
        Array.Fill(_admittedTo, -1); // nothing written
        Array.Clear(_recentReleased); Array.Clear(_recentDropped); Array.Clear(_recentCompleted);
        Array.Clear(_dipWaiting);
        for (int a = 0; a < _areas; a++) StartFromSteadyState(a);
        // No court order is in force at the start: the burn-in starts years before the first DTTO pilots (1998) and their
        // cap before 1998/99 is 0; a scenario starting later builds its orders up over its first months.
        Array.Clear(OrdersDtto);
        Array.Clear(OrdersDrr);
    }

    /// <summary>By week: the share of its financial year's weeks that has passed at the week's end, (k + 1) / weeks in the year.</summary>
    private static double[] YearShareByWeek(WeekCalendar cal)
    {
        var share = new double[cal.Weeks];
        for (int w = 0, first = 0; w < cal.Weeks; w++)
        {
            if (cal.IsFirstWeekOfYear(w)) first = w;
            int last = w;
            while (!cal.IsLastWeekOfYear(last)) last++;
            share[w] = w == last ? 1.0 : (double)(w - first + 1) / (last - first + 1);
        }
        return share;
    }

    /// <summary>Initial stocks: whole people in the stochastic mode, exact expected values in the deterministic one.</summary>
    private static double Round(double x) => typeof(TDraws) == typeof(StochasticDraws) ? Math.Floor(x + 0.5) : x;

    private void DrawParameters(int replicate)
    {
        var random = new ParameterRandom(_seed, replicate);
        bool expected = typeof(TDraws) == typeof(ExpectedDraws);
        var scalars = _model.Scalars;
        // Every draw is checked once per replicate: a value that is not finite would spread NaN through every flow, so it
        // stops the run naming the parameter rather than being summarised (one comparison per parameter per replicate;
        // the name is only made when one fails).
        for (int i = 0; i < scalars.Length; i++)
        {
            random.Use(i);
            double x = scalars[i].Draw(random, expected);
            if (!double.IsFinite(x)) throw NotFinite(replicate, ParameterCatalog.Scalars[i].Name, scalars[i], x);
            Array.Fill(_rate[i], x);
        }
        for (int m = 0; m < M; m++)
        {
            var perModality = _model.PerModality[m];
            for (int i = 0; i < perModality.Length; i++)
            {
                random.Use(ParameterRandom.ModalityKey(m, i));
                double x = perModality[i].Draw(random, expected);
                if (!double.IsFinite(x)) throw NotFinite(replicate, $"{(Modality)m}.{ParameterCatalog.PerModality[i].Name}", perModality[i], x);
                _modality[m][i] = x;
            }
        }
        if (_model.Posterior is { } posterior) TakeFromPosterior(posterior, replicate, expected);
        // Counts for England are shared out by need; an area override then replaces an area's share with its own count.
        _model.Need.Shares(_rate[(int)ParameterId.NeedIndexSteps][0], _needAll);
        for (int i = 0; i < scalars.Length; i++)
            if (ParameterCatalog.Scalars[i].IsCount)
                for (int a = 0; a < _areas; a++) _rate[i][a] *= _needAll[_model.TableIndex(a)];
        foreach (var o in _model.AreaOverrides)
        {
            if (o.Area < 0) continue; // an area not simulated: its own stream, so skipping it moves no other draw
            random.Use(ParameterRandom.AreaKey(o.TableRow, (int)o.Parameter));
            double x = o.Value.Draw(random, expected);
            if (!double.IsFinite(x)) throw NotFinite(replicate, $"{ParameterCatalog.Scalars[(int)o.Parameter].Name} in {_model.AreaNames[o.Area]}", o.Value, x);
            _rate[(int)o.Parameter][o.Area] = x;
        }
        Normalise(ModalityParameterId.ReferralShare, _referralMix);
        Normalise(ModalityParameterId.CjsReferralShare, _cjsMix);
        Normalise(ModalityParameterId.SpendShare, _spendMix);
        Normalise(ModalityParameterId.NonPduReferralShare, _nonPduMix);
        ConditionalChain(_referralMix, _referralChain);
        ConditionalChain(_cjsMix, _cjsChain);
        ConditionalChain(_nonPduMix, _nonPduChain);
        DrawAreaModalities(random, expected);
        double perceptionLag = _rate[(int)ParameterId.PerceivedWaitLagWeeks][0];
        _perception = perceptionLag > 0 ? -Math.ExpM1Safe(-1 / perceptionLag) : 1;
        Span<double> waitDropoutHazard = stackalloc double[M];
        for (int m = 0; m < M; m++) waitDropoutHazard[m] = Hazard(_modality[m][(int)ModalityParameterId.WaitDropoutPerWeek]);
        _weekly.Invalidate(waitDropoutHazard);
        _waitDropoutChanges = _changes.AnyPerModality && HasModalityChange(ModalityParameterId.WaitDropoutPerWeek);
        _otherMixChanges = _changes.AnyPerModality && HasModalityChange(ModalityParameterId.ReferralShare);
        _cjsMixChanges = _changes.AnyPerModality && HasModalityChange(ModalityParameterId.CjsReferralShare);
        _nonPduMixChanges = _changes.AnyPerModality && HasModalityChange(ModalityParameterId.NonPduReferralShare);

        // Read once per replicate: a dated change of any of these would be silently ignored, so the catalogue must mark them
        // unchangeable (ParameterInfo.Unchangeable) and validation refuses one; a change here is a bug.
        double Scalar(ParameterId id) => _changes.Of(id).IsDefault ? _rate[(int)id][0]
            : throw new InvalidOperationException($"{ParameterCatalog.Scalars[(int)id].Name} is read once per replicate, so ParameterChanges cannot change it; mark it Unchangeable in ParameterCatalog (a bug)");
        var cal = _model.SimulationCalendar;
        DrawCapacityEffects(!expected, Scalar(ParameterId.CapacityRandomEffectSd));
        var capacityChange = _model.Changes.Of(ParameterId.CapacityMultiplier);
        // Spend parameters a change may multiply from the financial year it is in force at the start of (as CapacityMultiplier).
        double structured = _rate[(int)ParameterId.StructuredShareOfSpend][0], mainstream = _rate[(int)ParameterId.MainstreamSpend2002][0];
        var structuredChange = _changes.Of(ParameterId.StructuredShareOfSpend);
        var mainstreamChange = _changes.Of(ParameterId.MainstreamSpend2002);
        bool spendMixChanges = _changes.AnyPerModality && HasModalityChange(ModalityParameterId.SpendShare);
        bool costChanges = _changes.AnyPerModality && HasModalityChange(ModalityParameterId.CostPerPlaceWeek);
        Span<double> spendMix = stackalloc double[M];
        double growthBefore = Scalar(ParameterId.BudgetGrowthBefore2002PerYear), growthAfter = Scalar(ParameterId.BudgetGrowthAfter2005PerYear);
        double mainstreamGrowth = Scalar(ParameterId.MainstreamGrowthPerYear);
        for (int y = 0; y < cal.Years; y++)
        {
            int firstWeek = 0;
            while (cal.YearIndexOfWeek(firstWeek) < y) firstWeek++;
            var year = cal.Year(y);
            for (int a = 0; a < _areas; a++)
            {
                // Budgets are set per financial year: a ParameterChanges entry on CapacityMultiplier applies from the year it is in force at the start of.
                int yearStart = _areaWeek.Index(firstWeek, a);
                double multiplier = _rate[(int)ParameterId.CapacityMultiplier][a] * (capacityChange.IsDefault ? 1.0 : capacityChange[yearStart]);
                double pooled = _model.Budgets.PoundsK(a, year, growthBefore, growthAfter) * 1000;
                double other = mainstream * (mainstreamChange.IsDefault ? 1.0 : mainstreamChange[yearStart]) * _model.Share(a) * Math.Pow(1 + mainstreamGrowth, year - BudgetTable.MainstreamYear);
                double structuredShare = Math.Min(1, structured * (structuredChange.IsDefault ? 1.0 : structuredChange[yearStart]));
                double structuredSpend = (pooled + other) * multiplier * structuredShare * _capacityEffect[a];
                _areaSpendMix.AsSpan(AreaModality.Index(a, 0), M).CopyTo(spendMix); // the area's own mix (issue 16), then dated changes
                if (spendMixChanges) SpendMixChanged(yearStart, spendMix);
                for (int m = 0; m < M; m++)
                    _funded[_placesLayout.Index(y, a, m)] = double.IsNaN(_model.FixedPlaces[m])
                        ? structuredSpend * spendMix[m] / (_areaCost[AreaModality.Index(a, m)] * (costChanges ? ModalityChange(ModalityParameterId.CostPerPlaceWeek, m, yearStart) : 1.0) * 52)
                        : _model.FixedPlaces[m]; // set directly: the same whole places every year, so recruitment never moves them
            }
        }
        for (int y = 0; y < cal.Years; y++)
            _nonPduGrowth[y] = Math.Pow(1 + Scalar(ParameterId.NonPduReferralGrowthPerYear), cal.Year(y) - NonPduBaseYear) / 52;
        double lag = Scalar(ParameterId.RecruitmentLagWeeks);
        _recruitment = lag > 0 ? -Math.ExpM1Safe(-1 / lag) : 1;
        SetUpWorkforce((int)Math.Round(Scalar(ParameterId.RecruitmentNotificationLeadWeeks)), Scalar(ParameterId.RecruitableStaffPerYear));
        for (int a = 0; a < _areas; a++)
        {
            for (int m = 0; m < M; m++) _placesLevel[AreaModality.Index(a, m)] = _usableLevel[AreaModality.Index(a, m)] = FundedPlaces(0, a, m);
            WholePlaces(a);
        }
        _lastExitBuilt = -1; // this replicate's modality parameters are new: no area's table can be reused
        for (int a = 0; a < _areas; a++) BuildExitTable(-1, a, 1.0, 1.0);
        // England's DTTO cap shared out by need in whole orders over every table area (the national total is exact), the same in both modes.
        var caps = _dttoScratch;
        for (int y = 0; y < cal.Years; y++)
        {
            LargestRemainder.Apportion(_policy.DttoCap(y), _needAll, caps);
            for (int a = 0; a < _areas; a++) _dttoCap[y * _areas + a] = caps[_model.TableIndex(a)];
        }
    }

    /// <summary>
    /// The fitted parameters of this replicate from the calibration posterior: the particle one uniform of the stream
    /// (seed, replicate, week int.MaxValue, channel int.MaxValue − 2) picks, as the ABC code's posterior draw does (its
    /// draws made above are replaced, so the other parameters' draws do not depend on whether a posterior is used); the
    /// posterior mean in the deterministic mode. Before the need shares and area overrides, which then apply as usual.
    /// </summary>
    private void TakeFromPosterior(PosteriorTable posterior, int replicate, bool expected)
    {
        var values = expected ? posterior.Means : posterior.Particles[posterior.Index(new RandomStream(_seed, replicate, PosteriorDrawWeek, PosteriorDrawChannel).NextDouble())];
        for (int c = 0; c < values.Length; c++)
        {
            if (posterior.Scalar[c] >= 0) Array.Fill(_rate[posterior.Scalar[c]], values[c]);
            else _modality[posterior.Modality[c]][posterior.PerModality[c]] = values[c];
        }
    }

    /// <summary>Week and channel of the posterior draw's stream (the ABC code's <c>AbcStreams.PosteriorDraw</c>); the engine reads them for nothing else.</summary>
    public const int PosteriorDrawWeek = int.MaxValue, PosteriorDrawChannel = int.MaxValue - 2;

    /// <summary>
    /// Each area's capacity multiplier for this replicate, exp(σZ − σ²/2) with Z standard normal (mean 1, so England's
    /// capacity is unbiased): one draw per area of the area table in its order, from a stream of its own, so an area's draw
    /// does not depend on which areas are simulated or on the other parameters. The deterministic mode takes the mean, 1.
    /// </summary>
    private void DrawCapacityEffects(bool draw, double sigma)
    {
        if (draw)
        {
            var rng = new RandomStream(_seed, _replicate, 0, CapacityEffectChannel);
            for (int i = 0; i < _normals.Length; i += 2)
            {
                // Box-Muller: two standard normals from two uniforms.
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble(), r = Math.Sqrt(-2 * Math.Log(u1));
                _normals[i] = r * Math.Cos(2 * Math.PI * u2);
                if (i + 1 < _normals.Length) _normals[i + 1] = r * Math.Sin(2 * Math.PI * u2);
            }
        }
        for (int a = 0; a < _areas; a++) _capacityEffect[a] = draw ? Math.Exp(sigma * _normals[_model.TableIndex(a)] - sigma * sigma / 2) : 1;
    }

    /// <summary>Channel of the capacity effects' stream (week 0); flow channels are area × 32 + flow, parameters use <see cref="ParameterRandom.Channel"/>.</summary>
    public const int CapacityEffectChannel = int.MaxValue - 1;

    /// <summary>
    /// The workforce tables of this replicate (issue 17): by week, the year whose allocation recruitment aims at (the next
    /// one from <paramref name="leadWeeks"/> weeks before it starts; never beyond the next); and by year and area the staff
    /// the area may recruit towards that year's allocation: England's <paramref name="cap"/> (0: none) shared among the
    /// simulated areas by their increase in staff needed (funded places over the year before times PostsPerPlace, where
    /// positive), scaled by the simulated areas' need share so that a run of some areas gets their share of England's cap.
    /// </summary>
    private void SetUpWorkforce(int leadWeeks, double cap)
    {
        var cal = _model.SimulationCalendar;
        for (int w = 0; w < cal.Weeks; w++)
            _recruitFor[w] = Math.Min(cal.YearIndexOfWeek(w) + 1, cal.YearIndexOfWeek(Math.Min(w + leadWeeks, cal.Weeks - 1)));
        for (int m = 0; m < M; m++) _postsPerPlace[m] = _modality[m][(int)ModalityParameterId.PostsPerPlace];
        Array.Fill(_hiringFor, -1);
        Array.Clear(_hired);
        if (cap <= 0)
        {
            Array.Fill(_staffAllowance, double.PositiveInfinity);
            return;
        }
        double simulatedNeed = 0;
        for (int a = 0; a < _areas; a++) simulatedNeed += _needAll[_model.TableIndex(a)];
        for (int y = 0; y < cal.Years; y++)
        {
            double total = 0;
            for (int a = 0; a < _areas; a++)
            {
                double increase = 0;
                for (int m = 0; m < M && y > 0; m++) increase += Math.Max(0, FundedPlaces(y, a, m) - FundedPlaces(y - 1, a, m)) * _postsPerPlace[m];
                _staffAllowance[y * _areas + a] = increase;
                total += increase;
            }
            for (int a = 0; a < _areas; a++)
                _staffAllowance[y * _areas + a] = total > 0 ? cap * simulatedNeed * _staffAllowance[y * _areas + a] / total : 0;
        }
    }

    /// <summary>
    /// Places recruited in area <paramref name="a"/> approach the funded level of the year recruitment aims at: each week
    /// the gap closes by 1 − e^(−1/τ), τ = <see cref="ParameterId.RecruitmentLagWeeks"/> (at once when τ = 0). Within the
    /// notification lead (<see cref="ParameterId.RecruitmentNotificationLeadWeeks"/>) it aims at next year's level where that
    /// is higher, but only this year's funded places open until the money arrives. Recruitment up is limited to the area's
    /// share of <see cref="ParameterId.RecruitableStaffPerYear"/> (every rising modality's step scaled alike); recruitment
    /// down (a smaller budget) is not. Records staff_needed and places_lost_to_lags (a week's value as a 52nd).
    /// </summary>
    private void RecruitPlaces(int w, int y, int a)
    {
        int target = _recruitFor[w];
        if (target != _hiringFor[a]) { _hiringFor[a] = target; _hired[a] = 0; }
        bool ahead = target != y;
        double up = 0;
        for (int m = 0; m < M; m++)
        {
            int areaModality = AreaModality.Index(a, m);
            double funded = FundedPlaces(y, a, m), aim = ahead ? Math.Max(funded, FundedPlaces(target, a, m)) : funded;
            double step = (aim - _placesLevel[areaModality]) * _recruitment;
            _recruitStep[m] = step;
            if (step > 0) up += step * _postsPerPlace[m];
        }
        double room = _staffAllowance[target * _areas + a] - _hired[a];
        double scale = up > room ? Math.Max(0, room) / up : 1;
        _hired[a] += up * scale;
        bool moved = false;
        double lost = 0;
        for (int m = 0; m < M; m++)
        {
            int areaModality = AreaModality.Index(a, m);
            double funded = FundedPlaces(y, a, m), level = _placesLevel[areaModality];
            double aim = ahead ? Math.Max(funded, FundedPlaces(target, a, m)) : funded;
            if (level != aim)
            {
                double step = _recruitStep[m], next = level + (step > 0 ? step * scale : step);
                _placesLevel[areaModality] = level = Math.Abs(next - aim) < 1e-9 * Math.Max(1, aim) ? aim : next;
            }
            double usable = ahead && aim > funded ? Math.Min(level, funded) : level;
            if (usable != _usableLevel[areaModality]) { _usableLevel[areaModality] = usable; moved = true; }
            if (funded > usable) lost += funded - usable;
        }
        if (moved) WholePlaces(a);
        double staff = 0;
        for (int m = 0; m < M; m++) staff += _places[AreaModality.Index(a, m)] * _postsPerPlace[m];
        Put(a, Metric.StaffNeeded, staff / 52);
        Put(a, Metric.PlacesLostToLags, lost / 52);
    }

    /// <summary>
    /// Whole places in every modality of area <paramref name="a"/> from the recruited levels: the area's total rounded to
    /// the nearest whole place, shared by largest remainder, so each modality is within one place of its level and no place
    /// is lost to rounding; no random numbers, so both modes have the same places.
    /// </summary>
    private void WholePlaces(int a)
    {
        int first = AreaModality.Index(a, 0);
        LargestRemainder.Round(_usableLevel.AsSpan(first, M), _places.AsSpan(first, M));
    }

    /// <summary>The error for a draw that is not finite: validation let through a value the model cannot use (a bug).</summary>
    private static InvalidOperationException NotFinite(int replicate, string parameter, ParameterDraw draw, double x) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"replicate {replicate} drew {parameter} = {x} from {draw.Distribution} (truncated to [{draw.Min}, {draw.Max}]); every drawn parameter must be finite, so validation should have refused this scenario (a bug)"));

    /// <summary>A changed retention parameter: probabilities (survival, exit, completion shares) capped at 1, the hazard multiplier not.</summary>
    private static double ChangedValue(ModalityParameterId id, double x) => id == ModalityParameterId.ExitHazardMultiplier ? x : Math.Min(1, x);

    /// <summary>Whether any change touches <paramref name="id"/> in some modality.</summary>
    private bool HasModalityChange(ModalityParameterId id)
    {
        for (int m = 0; m < M; m++) if (!_changes.Of(id, m).IsDefault) return true;
        return false;
    }

    /// <summary>The product of the changes of modality <paramref name="m"/>'s <paramref name="id"/> in force at <paramref name="areaWeek"/> (1 if none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ModalityChange(ModalityParameterId id, int m, int areaWeek)
    {
        var change = _changes.Of(id, m);
        return change.IsDefault ? 1.0 : change[areaWeek];
    }

    /// <summary>The spending mix with the spend-share changes in force at <paramref name="areaWeek"/>, renormalised (shares are relative).</summary>
    private void SpendMixChanged(int areaWeek, Span<double> mix)
    {
        double sum = 0;
        for (int m = 0; m < M; m++) sum += mix[m] *= ModalityChange(ModalityParameterId.SpendShare, m, areaWeek);
        for (int m = 0; m < M; m++) mix[m] = sum > 0 ? mix[m] / sum : 1.0 / M;
    }

    /// <summary>
    /// Area <paramref name="a"/>'s mix for one referral route in week <paramref name="w"/>: its own shares, or, where
    /// ParameterChanges touch the mix (<paramref name="changes"/>), its shares times the changes in force, renormalised,
    /// since shares are relative (as <see cref="SpendMixChanged"/>; issue 17 item 7).
    /// </summary>
    private void ReferralMix(bool changes, ModalityParameterId id, double[] areaMix, int w, int a, Span<double> mix)
    {
        if (!changes) { areaMix.AsSpan(AreaModality.Index(a, 0), M).CopyTo(mix); return; }
        int areaWeek = _areaWeek.Index(w, a);
        double sum = 0;
        for (int m = 0; m < M; m++) sum += mix[m] = areaMix[AreaModality.Index(a, m)] * ModalityChange(id, m, areaWeek);
        for (int m = 0; m < M; m++) mix[m] = sum > 0 ? mix[m] / sum : 1.0 / M;
    }

    /// <summary>
    /// The chain of conditional shares that splits area <paramref name="a"/>'s referrals of one route over modalities in
    /// week <paramref name="w"/>: the area's own, or, where ParameterChanges touch the mix, its changed mix's (valid until the next call).
    /// </summary>
    private ReadOnlySpan<double> ReferralChain(bool changes, ModalityParameterId id, double[] areaMix, double[] areaChain, int w, int a)
    {
        if (!changes) return areaChain.AsSpan(a * (M - 1), M - 1);
        Span<double> mix = stackalloc double[M];
        ReferralMix(true, id, areaMix, w, a, mix);
        ConditionalChain(mix, _changedChain);
        return _changedChain;
    }

    /// <summary>
    /// Issue 16: each area's unit costs, spending mix and referral mixes: the national ones, then the scenario's
    /// AreaOverrides.AREA.Modalities values (drawn here, each from its own stream; none for areas not simulated), a
    /// share replacing the national raw share before the area's mix is normalised. Without such values nothing is drawn
    /// and every area has exactly the national numbers.
    /// </summary>
    private void DrawAreaModalities(ParameterRandom random, bool expected)
    {
        for (int a = 0; a < _areas; a++)
        {
            for (int m = 0; m < M; m++)
            {
                int am = AreaModality.Index(a, m);
                _areaCost[am] = _modality[m][(int)ModalityParameterId.CostPerPlaceWeek];
                _areaSpendMix[am] = _spendMix[m]; _areaReferralMix[am] = _referralMix[m]; _areaCjsMix[am] = _cjsMix[m]; _areaNonPduMix[am] = _nonPduMix[m];
            }
            _referralChain.CopyTo(_areaReferralChain, a * (M - 1));
            _cjsChain.CopyTo(_areaCjsChain, a * (M - 1));
            _nonPduChain.CopyTo(_areaNonPduChain, a * (M - 1));
        }
        var overrides = _model.AreaModalityOverrides;
        if (overrides.IsDefaultOrEmpty) return;
        Span<double> raw = stackalloc double[M];
        for (int i = 0; i < overrides.Length; i++)
        {
            var o = overrides[i];
            if (o.Area < 0) continue;
            random.Use(ParameterRandom.AreaModalityKey(o.TableRow, (int)o.Modality, (int)o.Parameter));
            double x = o.Value.Draw(random, expected);
            if (!double.IsFinite(x)) throw NotFinite(_replicate, $"{o.Modality}.{ParameterCatalog.PerModality[(int)o.Parameter].Name} in {_model.AreaNames[o.Area]}", o.Value, x);
            if (o.Parameter == ModalityParameterId.CostPerPlaceWeek) { _areaCost[AreaModality.Index(o.Area, (int)o.Modality)] = x; continue; }
            // The area's raw shares: the national draws with every value the scenario sets for this area and mix replaced.
            for (int m = 0; m < M; m++) raw[m] = _modality[m][(int)o.Parameter];
            for (int j = 0; j < i; j++)
                if (overrides[j].Area == o.Area && overrides[j].Parameter == o.Parameter) raw[(int)overrides[j].Modality] = _areaRaw[j];
            raw[(int)o.Modality] = x;
            _areaRaw[i] = x;
            var (mix, chain) = o.Parameter switch
            {
                ModalityParameterId.SpendShare => (_areaSpendMix, null),
                ModalityParameterId.ReferralShare => (_areaReferralMix, _areaReferralChain),
                ModalityParameterId.CjsReferralShare => (_areaCjsMix, _areaCjsChain),
                _ => (_areaNonPduMix, _areaNonPduChain),
            };
            double sum = 0;
            for (int m = 0; m < M; m++) sum += raw[m];
            var areaMix = mix.AsSpan(AreaModality.Index(o.Area, 0), M);
            for (int m = 0; m < M; m++) areaMix[m] = sum > 0 ? raw[m] / sum : 1.0 / M;
            if (chain is not null) ConditionalChain(areaMix, chain.AsSpan(o.Area * (M - 1), M - 1));
        }
    }

    private void Normalise(ModalityParameterId id, double[] into)
    {
        double sum = 0;
        for (int m = 0; m < M; m++) sum += _modality[m][(int)id];
        for (int m = 0; m < M; m++) into[m] = sum > 0 ? _modality[m][(int)id] / sum : 1.0 / M;
    }

    /// <summary>
    /// Weekly exit probabilities by treatment bin and route: death, planned completion and drop-out as competing hazards
    /// (<see cref="StayModel"/>); criminal-justice entrants drop out <see cref="ParameterId.CjsTreatmentDropoutMultiplier"/>
    /// times as often in their rows' bins, and people who are not problem drug users have no death hazard here. Where
    /// aftercare covers the area, <paramref name="completionMultiplier"/> turns drop-outs into planned completions (the
    /// completion share of exits times it, at most 1; the exit hazard, and so the stay, is unchanged).
    /// </summary>
    private void BuildExitTable(int w, int a, double mortalityMultiplier, double completionMultiplier)
    {
        int twin = _lastExitBuilt;
        _lastExitBuilt = a;
        _exitMortalityMultiplier[a] = mortalityMultiplier;
        _exitCompletionMultiplier[a] = completionMultiplier;
        // Week -1: the replicate's own values (the steady start); from week 0 the parameter changes in force that week.
        double cjsDropout = _exitCjsDropout[a] = w < 0 ? _rate[(int)ParameterId.CjsTreatmentDropoutMultiplier][a] : Rate(ParameterId.CjsTreatmentDropoutMultiplier, w, a);
        if (twin >= 0 && twin != a && SameExitInputs(twin, a))
        {
            // A ramp (national aftercare) moves most areas' multipliers together: the area built just before from the same
            // inputs has the very table this one needs, and copying it costs a small share of building it.
            int from = _exits.Row(AreaModality.Index(twin, 0), TreatmentRoute.Other, 0), to = _exits.Row(AreaModality.Index(a, 0), TreatmentRoute.Other, 0);
            int length = M * _treatment.PerAreaModality * ExitTableLayout.Width;
            _exit.AsSpan(from, length).CopyTo(_exit.AsSpan(to, length));
            MeanStayWeeks.AsSpan(AreaModality.Index(twin, 0), M).CopyTo(MeanStayWeeks.AsSpan(AreaModality.Index(a, 0), M));
            return;
        }
        double death = _rate[(int)ParameterId.MortalityTreatedPerYear][a] * mortalityMultiplier / 52;
        Span<double> band = stackalloc double[TreatmentLayout.Bands];
        Span<double> stay = stackalloc double[TreatmentLayout.DefaultBins], stayCjs = stackalloc double[TreatmentLayout.DefaultBins];
        Span<double> changed = stackalloc double[ParameterCatalog.PerModality.Count];
        for (int m = 0; m < M; m++)
        {
            scoped ReadOnlySpan<double> p = _modality[m];
            if (w >= 0 && _changes.AnyPerModality)
            {
                // The modality's retention parameters times the changes in force this week (probabilities capped at 1).
                p.CopyTo(changed);
                int areaWeek = _areaWeek.Index(w, a);
                for (var id = ModalityParameterId.Survival0To4Weeks; id <= ModalityParameterId.CompletionShareAfter13Weeks; id++)
                    changed[(int)id] = ChangedValue(id, changed[(int)id] * ModalityChange(id, m, areaWeek));
                changed[(int)ModalityParameterId.DropoutMultiplier] *= ModalityChange(ModalityParameterId.DropoutMultiplier, m, areaWeek);
                p = changed;
            }
            double dropoutScale = p[(int)ModalityParameterId.DropoutMultiplier];
            StayModel.BandHazards(p, band);
            int areaModality = AreaModality.Index(a, m);
            for (var route = TreatmentRoute.Other; route <= TreatmentRoute.NonPdu; route++)
                for (int d = 0; d < _treatment.Bins; d++)
                {
                    double hazard = StayModel.BinHazard(band, d), share = Math.Min(1, StayModel.CompletionShare(p, d) * completionMultiplier);
                    double dropout = hazard * (1 - share) * dropoutScale * (route == TreatmentRoute.Cjs ? cjsDropout : 1);
                    Competing(route == TreatmentRoute.NonPdu ? 0 : death, hazard * share, dropout, out double pDeath, out double pComplete, out double pDropout);
                    // Stored as the chain of conditional probabilities SplitConditional3 draws with, so the weekly loop never divides.
                    int e = _exits.Row(areaModality, route, d);
                    _exit[e + ExitTableLayout.Death] = pDeath;
                    _exit[e + ExitTableLayout.Completion] = Conditional(pComplete, 1 - pDeath);
                    _exit[e + ExitTableLayout.Dropout] = Conditional(pDropout, 1 - pDeath - pComplete);
                }
            StayProbabilities(areaModality, TreatmentRoute.Other, stay);
            StayProbabilities(areaModality, TreatmentRoute.Cjs, stayCjs);
            MeanStayWeeks[areaModality] = StayModel.MeanStayWeeks(stay, stayCjs);
        }
    }

    /// <summary>
    /// Whether area <paramref name="b"/>'s exit table is built from exactly the inputs area <paramref name="a"/>'s needs (and so
    /// is equal to it). Never where dated changes touch the per-modality retention parameters: those can differ by area.
    /// </summary>
    private bool SameExitInputs(int a, int b) =>
        !_changes.AnyPerModality
        && _exitMortalityMultiplier[a] == _exitMortalityMultiplier[b] && _exitCompletionMultiplier[a] == _exitCompletionMultiplier[b]
        && _exitCjsDropout[a] == _exitCjsDropout[b]
        && _rate[(int)ParameterId.MortalityTreatedPerYear][a] == _rate[(int)ParameterId.MortalityTreatedPerYear][b];

    /// <summary>
    /// The weekly probabilities of death, planned completion and drop-out the engine draws with in bin <paramref name="bin"/> of
    /// area <paramref name="a"/>'s modality <paramref name="m"/>, route <paramref name="route"/> (unconditional: the exit table
    /// stores them as a chain); for tests that check a parameter change's exact effect.
    /// </summary>
    internal (double Death, double Completion, double Dropout) ExitProbabilities(int a, int m, TreatmentRoute route, int bin)
    {
        int e = _exits.Row(AreaModality.Index(a, m), route, bin);
        double death = _exit[e + ExitTableLayout.Death];
        double completion = _exit[e + ExitTableLayout.Completion] * (1 - death);
        return (death, completion, _exit[e + ExitTableLayout.Dropout] * (1 - death - completion));
    }

    /// <summary>The weekly probability of staying in each bin of a treatment row, from the exit table.</summary>
    private void StayProbabilities(int areaModality, TreatmentRoute route, Span<double> into)
    {
        for (int d = 0; d < into.Length; d++)
        {
            int e = _exits.Row(areaModality, route, d);
            into[d] = (1 - _exit[e + ExitTableLayout.Death]) * (1 - _exit[e + ExitTableLayout.Completion]) * (1 - _exit[e + ExitTableLayout.Dropout]);
        }
    }

    /// <summary>The value of <paramref name="id"/> the last replicate run drew for simulated area <paramref name="a"/> (counts shared out by need).</summary>
    internal double Drawn(ParameterId id, int a) => _rate[(int)id][a];

    /// <summary>The value of modality <paramref name="m"/>'s <paramref name="id"/> the last replicate run drew.</summary>
    internal double Drawn(Modality m, ModalityParameterId id) => _modality[(int)m][(int)id];

    /// <summary>
    /// Runs every week of the replicate, the burn-in first; <paramref name="afterWeek"/> sees the state after each reported
    /// week, with the week's index among the reported ones (simulation week minus <see cref="FrozenModel.BurnInWeeks"/>).
    /// </summary>
    public void Run(int replicate, Action<int>? afterWeek = null)
    {
        Initialise(replicate);
        int burnIn = _model.BurnInWeeks;
        for (int w = 0; w < _model.SimulationCalendar.Weeks; w++)
        {
            Step(w);
            if (w >= burnIn) afterWeek?.Invoke(w - burnIn);
        }
    }

    /// <summary>Advances every area by week <paramref name="w"/> and fills <see cref="Week"/>.</summary>
    public void Step(int w)
    {
        var cal = _model.SimulationCalendar;
        int y = cal.YearIndexOfWeek(w);
        bool newYear = cal.IsFirstWeekOfYear(w);
        _newYear = newYear;
        for (int a = 0; a < _areas; a++)
        {
            if (newYear)
            {
                _dttoUsed[a] = 0;
                for (int m = 0; m < M; m++)
                {
                    int areaModality = AreaModality.Index(a, m);
                    _participationBase[areaModality] = SumTreatment(areaModality);
                    _startsThisYear[areaModality] = 0;
                }
            }
            StepArea(w, y, a);
        }
    }

    private double SumRow(int row)
    {
        double sum = 0;
        foreach (double x in Treatment.AsSpan(_treatment.RowStart(row), _treatment.Bins)) sum += x;
        return sum;
    }

    private double SumTreatment(int areaModality)
    {
        double sum = 0;
        foreach (double x in Treatment.AsSpan(_treatment.Start(areaModality), _treatment.PerAreaModality)) sum += x;
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Rate(ParameterId id, int w, int a)
    {
        double x = _rate[(int)id][a];
        var change = _changes.Of(id);
        return change.IsDefault ? x : x * change[_areaWeek.Index(w, a)];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Share(ParameterId id, int w, int a) => Math.Min(1.0, Rate(id, w, a));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private RandomStream Stream(int w, int a, FlowChannel flow, int modality = 0) => new(_seed, _replicate, w, FlowChannels.Of(a, flow, modality));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put(int a, Metric metric, int modality, double value) =>
        Week[SeriesRows.Cell(a, MetricCatalog.ModalitySeries(metric, modality))] += value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put(int a, Metric metric, double value) => Week[SeriesRows.Cell(a, MetricCatalog.TotalSeries(metric))] += value;

    /// <summary>What one area's phases of a week hand on to later phases.</summary>
    private struct WeekFlows
    {
        public double ToUntreated, ToRecovered, Deaths, Transfers, CjsReferrals, OtherReferrals, NonPduLeft;
        /// <summary>Criminal-justice referrals after a positive test (part of <see cref="CjsReferrals"/>).</summary>
        public double TestReferrals;
        /// <summary>Deaths in prison (part of <see cref="Deaths"/>).</summary>
        public double PrisonDeaths;
        /// <summary>This week's leavers at raised risk of death: released to the community, treatment drop-outs, completers (not transferred).</summary>
        public double Released, Dropped, Completed;
    }

    // One method per phase: the JIT keeps a small method's working values in registers, where a single
    // large step spilled them to the stack, and tiers each phase up with profile data.
    private void StepArea(int w, int y, int a)
    {
        Week.AsSpan(SeriesRows.Row(a), SeriesRows.Width).Clear(); // per area: the row stays in cache for the phases
        RecruitPlaces(w, y, a);
        var flows = new WeekFlows();
        ExitTreatment(w, a, ref flows);
        AttritWaitingLists(w, a, ref flows);
        double arrested = StepUntreated(w, a, ref flows);
        StepArrests(w, y, a, arrested, ref flows, out double custody, out double remanded);
        custody += StepOrders(w, a);
        StepPrison(w, a, custody, remanded, ref flows);
        StepRecovered(w, a, ref flows);
        StepIncidence(w, a, ref flows);
        StepRecentLeavers(w, a, ref flows);
        Untreated[a] += flows.ToUntreated;
        Dead[a] += flows.Deaths;
        NonPduLeft[a] += flows.NonPduLeft;
        Put(a, Metric.Deaths, flows.Deaths);
        Refer(w, y, a, in flows);
        double occupied = Admit(w, y, a, out double treatmentCost, out double admitted, out double waiting);
        PerceiveWait(a, admitted, waiting);
        Totals(w, a, occupied, treatmentCost);
    }

    /// <summary>
    /// 1. Treatment: exits by bin, then everyone in a weekly bin moves on a week (week 12 into cohort 0); at a quarter's end
    /// the cohorts move on one (<see cref="TreatmentLayout"/>).
    /// </summary>
    private void ExitTreatment(int w, int a, ref WeekFlows flows)
    {
        var mortalityChange = _changes.Of(ParameterId.MortalityTreatedPerYear);
        double mortalityMultiplier = mortalityChange.IsDefault ? 1.0 : mortalityChange[_areaWeek.Index(w, a)];
        double completionMultiplier = 1 + _policy.AftercareCoverage(w, a) * (Rate(ParameterId.AftercareCompletionMultiplier, w, a) - 1);
        var exitInputsMove = _changes.ExitInputsMove;
        if (mortalityMultiplier != _exitMortalityMultiplier[a] || completionMultiplier != _exitCompletionMultiplier[a]
            || (!exitInputsMove.IsDefault && exitInputsMove[_areaWeek.Index(w, a)]))
            BuildExitTable(w, a, mortalityMultiplier, completionMultiplier); // only while the multipliers change (a ramp, a dated change), not every week
        bool quarterEnds = TreatmentLayout.EndsQuarter(w);
        double deaths = 0, transfers = 0, toRecovered = 0, toUntreated = 0, nonPduLeft = 0, planned = 0, effective = 0;
        for (int m = 0; m < M; m++)
        {
            var rng = Stream(w, a, FlowChannel.TreatmentExit, m);
            int areaModality = AreaModality.Index(a, m);
            // Effective treatment counts, once a year, those already 12 weeks or more into treatment on 1 April (before this
            // week's exits: leaving in the year does not undo it); the exits below add those reaching 12 weeks or completing before.
            if (_newYear) effective += RetainedAtYearStart(areaModality);
            var exits = new RowExits();
            ExitRow(ref rng, areaModality, TreatmentRoute.Other, _treatment.Bins, ref exits);
            ExitRow(ref rng, areaModality, TreatmentRoute.Cjs, TreatmentLayout.CjsBins, ref exits);
            double pduCompleted = exits.Completed, pduDropped = exits.Dropped;
            ExitRow(ref rng, areaModality, TreatmentRoute.NonPdu, _treatment.Bins, ref exits);
            nonPduLeft += exits.Completed - pduCompleted + exits.Dropped - pduDropped; // no deaths in the non-PDU row
            if (quarterEnds) MoveCohortsOn(areaModality);
            double transfer = m == (int)Modality.ResidentialRehab ? 0
                : TDraws.Binomial(ref rng, pduCompleted, Math.Min(1, _modality[m][(int)ModalityParameterId.TransferToRehabShare] * ModalityChange(ModalityParameterId.TransferToRehabShare, m, _areaWeek.Index(w, a))));
            transfers += transfer;
            toRecovered += pduCompleted - transfer;
            toUntreated += pduDropped;
            deaths += exits.Deaths;
            Put(a, Metric.Completions, m, exits.Completed);
            Put(a, Metric.Dropouts, m, exits.Dropped);
            Put(a, Metric.Retained12Wk, m, exits.Retained);
            planned += exits.Completed;
            effective += exits.Retained;
        }
        Put(a, Metric.PlannedExits, planned);
        Put(a, Metric.EffectiveTreatment, effective);
        flows.Deaths += deaths;
        flows.Transfers += transfers;
        flows.ToRecovered += toRecovered;
        flows.ToUntreated += toUntreated;
        flows.NonPduLeft += nonPduLeft;
        flows.Completed = toRecovered;
        flows.Dropped = toUntreated;
    }

    /// <summary>People in one area-modality's treatment rows (every route) who are 12 weeks or more into treatment.</summary>
    private double RetainedAtYearStart(int areaModality)
    {
        double sum = 0;
        for (var route = TreatmentRoute.Other; route <= TreatmentRoute.NonPdu; route++)
            foreach (double x in Treatment.AsSpan(_treatment.RowStart(TreatmentLayout.Row(areaModality, route)) + RetentionWeek, _treatment.Bins - RetentionWeek))
                sum += x;
        return sum;
    }

    /// <summary>What one area-modality's treatment rows leave in a week.</summary>
    private struct RowExits
    {
        public double Deaths, Completed, Dropped, Retained;
    }

    /// <summary>Exits from the first <paramref name="used"/> bins of one treatment row, and the weekly bins' move on a week.</summary>
    private void ExitRow(ref RandomStream rng, int areaModality, TreatmentRoute route, int used, ref RowExits exits)
    {
        Span<double> bins = Treatment.AsSpan(_treatment.RowStart(TreatmentLayout.Row(areaModality, route)), used);
        ReadOnlySpan<double> exit = _exit.AsSpan(_exits.Row(areaModality, route, 0), _exits.RowsLength);
        double carry = 0; // survivors of the weekly bin before, moving on a week
        for (int d = 0; d < bins.Length; d++)
        {
            double n = bins[d], stay = 0;
            if (n > 0)
            {
                var c = exit.Slice(ExitTableLayout.Width * d, ExitTableLayout.Width);
                SplitConditional3(ref rng, n, c[ExitTableLayout.Death], c[ExitTableLayout.Completion], c[ExitTableLayout.Dropout], out double died, out double done, out double quit);
                stay = n - died - done - quit;
                exits.Deaths += died; exits.Dropped += quit; exits.Completed += done;
                if (d < RetentionWeek) exits.Retained += done;
                if (d == RetentionWeek - 1) exits.Retained += stay;
            }
            if (d < TreatmentLayout.WeeklyBins) { bins[d] = carry; carry = stay; }
            else if (d == TreatmentLayout.FirstCohort) { bins[d] = stay + carry; carry = 0; }
            else bins[d] = stay;
        }
    }

    /// <summary>A quarter's end: every cohort moves on one, the last into the tail; criminal-justice entrants join the other row.</summary>
    private void MoveCohortsOn(int areaModality)
    {
        Span<double> other = Treatment.AsSpan(_treatment.RowStart(TreatmentLayout.Row(areaModality, TreatmentRoute.Other)), _treatment.Bins);
        Span<double> cjs = Treatment.AsSpan(_treatment.RowStart(TreatmentLayout.Row(areaModality, TreatmentRoute.Cjs)), _treatment.Bins);
        Span<double> nonPdu = Treatment.AsSpan(_treatment.RowStart(TreatmentLayout.Row(areaModality, TreatmentRoute.NonPdu)), _treatment.Bins);
        const int first = TreatmentLayout.FirstCohort, tail = TreatmentLayout.Tail;
        other[tail] += other[tail - 1];
        nonPdu[tail] += nonPdu[tail - 1];
        for (int bin = tail - 1; bin > first; bin--)
        {
            other[bin] = other[bin - 1];
            nonPdu[bin] = nonPdu[bin - 1];
        }
        other[first + 1] += cjs[first];
        other[first] = 0; cjs[first] = 0; nonPdu[first] = 0;
    }

    /// <summary>2. Waiting lists: deaths and drop-outs before admission (problem drug users back to Untreated, others out of the system).</summary>
    private void AttritWaitingLists(int w, int a, ref WeekFlows flows)
    {
        double mortalityUntreated = Rate(ParameterId.MortalityUntreatedPerYear, w, a) / 52;
        double dropoutMultiplier = Rate(ParameterId.WaitDropoutMultiplier, w, a), cjsDropoutMultiplier = Rate(ParameterId.CjsWaitDropoutMultiplier, w, a);
        double deaths = 0, toUntreated = 0, nonPduLeft = 0;
        if (_waitDropoutChanges)
            for (int m = 0; m < M; m++)
            {
                // A dated change of a modality's waiting-list drop-out probability (issue 17 item 7): its hazard this week.
                double factor = ModalityChange(ModalityParameterId.WaitDropoutPerWeek, m, _areaWeek.Index(w, a));
                _weekly.SetWaitDropoutHazard(a, m, Hazard(Math.Min(1, _modality[m][(int)ModalityParameterId.WaitDropoutPerWeek] * factor)));
            }
        for (int m = 0; m < M; m++)
        {
            var rng = Stream(w, a, FlowChannel.WaitAttrition, m);
            double waitDropouts = 0;
            for (var queue = ReferralQueue.Other; queue <= ReferralQueue.NonPdu; queue++)
            {
                int list = WaitingListLayout.List(a, m, queue);
                int top = _waitTop[list];
                if (top < 0) continue; // an empty list draws nothing
                var (pDie, pLeaveIfAlive) = _weekly.WaitAttrition(a, m, queue, mortalityUntreated, dropoutMultiplier, cjsDropoutMultiplier);
                int b = _lists.Start(list);
                double left = 0, before = 0, lost = 0;
                for (int k = 0; k <= top; k++)
                {
                    double n = Waiting[b + k];
                    if (n <= 0) continue;
                    double died = TDraws.Binomial(ref rng, n, pDie);
                    double gone = TDraws.Binomial(ref rng, n - died, pLeaveIfAlive);
                    Waiting[b + k] = n - died - gone;
                    deaths += died; left += gone;
                    before += n; lost += died + gone;
                    if (k == _lists.Bins - 1) TailWeeks[list] *= (n - died - gone) / n; // those leaving the tail take its mean wait
                }
                if (queue == ReferralQueue.NonPdu) nonPduLeft += left; else toUntreated += left;
                // The testing route's people on the criminal-justice list die and drop out as the list does.
                if (queue == ReferralQueue.Cjs && lost > 0) _dipWaiting[AreaModality.Index(a, m)] *= (before - lost) / before;
                waitDropouts += left;
            }
            Put(a, Metric.WaitDropouts, m, waitDropouts);
        }
        flows.Deaths += deaths;
        flows.ToUntreated += toUntreated;
        flows.NonPduLeft += nonPduLeft;
    }

    /// <summary>
    /// 3. Untreated: death, cessation, arrest and coming forward by other routes compete. Coming forward is deterred by the
    /// wait people believe they face: hazard r₀ e^(−βŴ) (<see cref="ParameterId.OtherReferralPerYear"/>,
    /// <see cref="ParameterId.WaitDeterrencePerWeek"/>). Returns the arrests.
    /// </summary>
    private double StepUntreated(int w, int a, ref WeekFlows flows)
    {
        var rng = Stream(w, a, FlowChannel.Untreated);
        double n = Untreated[a];
        double deterrence = Math.Exp(-Rate(ParameterId.WaitDeterrencePerWeek, w, a) * _perceivedWait[a]);
        var p = _weekly.Untreated(a, Rate(ParameterId.MortalityUntreatedPerYear, w, a) / 52, Rate(ParameterId.CessationPerYear, w, a) / 52,
            Rate(ParameterId.ArrestPerYear, w, a) / 52, Rate(ParameterId.OtherReferralPerYear, w, a) * deterrence / 52);
        double died = TDraws.Binomial(ref rng, n, p.Die);
        double ceased = TDraws.Binomial(ref rng, n - died, p.Cease);
        double arrested = TDraws.Binomial(ref rng, n - died - ceased, p.Arrest);
        double otherReferrals = TDraws.Binomial(ref rng, n - died - ceased - arrested, p.Refer);
        Untreated[a] = n - died - ceased - arrested - otherReferrals;
        flows.Deaths += died;
        flows.OtherReferrals = otherReferrals;
        Ceased[a] += ceased;
        Put(a, Metric.Arrests, arrested);
        return arrested;
    }

    /// <summary>4. Arrest: testing where rolled out, required assessment, arrest referral, courts.</summary>
    private void StepArrests(int w, int y, int a, double arrested, ref WeekFlows flows, out double custody, out double remanded)
    {
        var arr = Stream(w, a, FlowChannel.Arrest);
        // Tests per trigger arrest where testing runs: testing on charge tests only those charged (issue 17).
        double tested = TDraws.Binomial(ref arr, arrested, _rollout.Coverage(w, a) * Share(ParameterId.TestsPerTriggerArrest, w, a));
        double positive = TDraws.Binomial(ref arr, tested, Share(ParameterId.TestPositiveShare, w, a));
        bool pab = _policy.PresumptionAgainstBail(w, a);
        // Where the presumption against bail runs, refusing assessment means remand: more take it up (PabAssessmentUptake).
        double referredAfterTest = TDraws.Binomial(ref arr, positive, Share(pab ? ParameterId.PabAssessmentUptake : ParameterId.AssessmentUptake, w, a));
        remanded = pab ? TDraws.Binomial(ref arr, positive - referredAfterTest, Share(ParameterId.PabRemandShare, w, a)) : 0;
        double referredByWorker = TDraws.Binomial(ref arr, arrested - tested, Share(ParameterId.ArrestReferralUptake, w, a));
        double toCourt = arrested - referredAfterTest - remanded - referredByWorker;
        custody = TDraws.Binomial(ref arr, toCourt, Share(ParameterId.CustodyPerArrest, w, a));
        double dttoCandidates = TDraws.Binomial(ref arr, toCourt - custody, Share(ParameterId.DttoPerArrest, w, a));
        // The annual cap spread through the year: by the week's end, at most cap × (weeks done / weeks in the year) orders in
        // whole orders (unused room carries over), so orders do not run out early in the year (issue 15's misfit: 5,400 DTTOs
        // in Apr-Oct 2002 against 3,400 in seed 004). No random numbers: both modes have the same room.
        double dttoRoom = Math.Max(0, Math.Floor(_dttoCap[y * _areas + a] * _yearShareByWeek[w]) - _dttoUsed[a]);
        double dtto = Math.Min(dttoCandidates, dttoRoom);
        _dttoUsed[a] += dtto;
        bool drr = _policy.Drr(w);
        if (drr) OrdersDrr[a] += dtto; else OrdersDtto[a] += dtto;
        flows.ToUntreated += toCourt - custody - dtto;
        flows.CjsReferrals += referredAfterTest + referredByWorker + dtto;
        flows.TestReferrals = referredAfterTest;
        double otherTested = TDraws.Poisson(ref arr, tested > 0 ? tested * OthersTestedPerPdu(w, a) : 0);
        double otherPositive = TDraws.Binomial(ref arr, otherTested, Share(ParameterId.NonPduPositiveShare, w, a));
        Put(a, Metric.Tests, tested + otherTested);
        Put(a, Metric.PositiveTests, positive + otherPositive);
        if (!drr) Put(a, Metric.DttoOrders, dtto);
        Put(a, Metric.OrdersStarted, dtto);
        Put(a, Metric.Remanded, remanded);
        Put(a, Metric.ReferralsArrestReferral, referredByWorker);
        Put(a, Metric.ReferralsTesting, referredAfterTest);
        Put(a, Metric.ReferralsCourt, dtto);
        Put(a, Metric.ArrestReferralCostGbp, referredByWorker * Rate(ParameterId.ArrestReferralCostPerReferral, w, a));
        Put(a, Metric.DttoCostGbp, dtto * Rate(ParameterId.DttoCostPerOrder, w, a));
        if (remanded > 0) Put(a, Metric.RemandCostGbp, remanded * Rate(ParameterId.PrisonStayWeeks, w, a) * Rate(ParameterId.PrisonPlaceCostPerWeek, w, a));
    }

    /// <summary>
    /// Arrestees who are not problem drug users tested for each tested one: (1 − s) / s with s the problem-drug-user share of
    /// the tested in each rank band of the area's testing BCUs (<see cref="ParameterId.PduShareOfTested"/> in the top 30,
    /// then <see cref="ParameterId.PduShareOfTestedRanks31To100"/> and <see cref="ParameterId.PduShareOfTestedBeyondRank100"/>),
    /// weighted by the bands' shares of the tested arrests: positivity falls as testing widens (issue 17).
    /// </summary>
    private double OthersTestedPerPdu(int w, int a)
    {
        var (middle, low) = _rollout.RankBands(w, a);
        double others = (1 - middle - low) * OthersPerPdu(Rate(ParameterId.PduShareOfTested, w, a));
        if (middle > 0) others += middle * OthersPerPdu(Rate(ParameterId.PduShareOfTestedRanks31To100, w, a));
        if (low > 0) others += low * OthersPerPdu(Rate(ParameterId.PduShareOfTestedBeyondRank100, w, a));
        return others;

        static double OthersPerPdu(double pduShare) => Math.Max(0, 1 - pduShare) / pduShare;
    }

    /// <summary>
    /// 4b. Court orders in force end at a constant weekly hazard 1/<see cref="ParameterId.OrderWeeks"/>: completed, revoked or
    /// otherwise (DTTOs by <see cref="ParameterId.DttoCompletionShare"/> and <see cref="ParameterId.DttoRevocationShare"/>, DRRs
    /// by <see cref="ParameterId.DrrCompletionShare"/> with the same revocation and other shares of what is not completed).
    /// <see cref="ParameterId.RevokedToCustodyShare"/> of the revoked are resentenced to custody, taken from the untreated
    /// (revocation follows leaving treatment); returns them.
    /// </summary>
    private double StepOrders(int w, int a)
    {
        double dtto = OrdersDtto[a], drr = OrdersDrr[a];
        if (dtto <= 0 && drr <= 0) return 0;
        var rng = Stream(w, a, FlowChannel.Orders);
        double end = -Math.ExpM1Safe(-1 / Rate(ParameterId.OrderWeeks, w, a));
        double complete = Share(ParameterId.DttoCompletionShare, w, a), revoke = Share(ParameterId.DttoRevocationShare, w, a);
        double both = complete + revoke;
        if (both > 1) { complete /= both; revoke /= both; }
        double revokeOfRest = complete < 1 ? revoke / (1 - complete) : 0; // revoked among orders not completed
        double completeDrr = Share(ParameterId.DrrCompletionShare, w, a), revokeDrr = (1 - completeDrr) * revokeOfRest;
        EndOrders(ref rng, OrdersDtto, a, end, complete, revoke, out double completed, out double revoked);
        EndOrders(ref rng, OrdersDrr, a, end, completeDrr, revokeDrr, out double completedDrr, out double revokedDrr);
        double custody = Math.Min(Untreated[a], TDraws.Binomial(ref rng, revoked + revokedDrr, Share(ParameterId.RevokedToCustodyShare, w, a)));
        Untreated[a] -= custody;
        Put(a, Metric.OrdersCompleted, completed + completedDrr);
        Put(a, Metric.OrdersRevoked, revoked + revokedDrr);
        return custody;
    }

    /// <summary>One stock of orders' endings this week: completed, revoked and otherwise ended (each a share of the weekly ending probability).</summary>
    private static void EndOrders(ref RandomStream rng, double[] orders, int a, double end, double complete, double revoke, out double completed, out double revoked)
    {
        double n = orders[a];
        double pComplete = end * complete, pRevoke = end * revoke, pOther = end * Math.Max(0, 1 - complete - revoke);
        SplitConditional3(ref rng, n, pComplete, Conditional(pRevoke, 1 - pComplete), Conditional(pOther, 1 - pComplete - pRevoke), out completed, out revoked, out double other);
        orders[a] = n - completed - revoked - other;
    }

    /// <summary>5. Prison: deaths, release, throughcare and aftercare referral on release.</summary>
    private void StepPrison(int w, int a, double custody, double remanded, ref WeekFlows flows)
    {
        var pr = Stream(w, a, FlowChannel.Prison);
        double inPrison = Prison[a];
        var (pDie, pReleaseIfAlive) = _weekly.Prison(a, Rate(ParameterId.MortalityPrisonPerYear, w, a) / 52, 1 / Rate(ParameterId.PrisonStayWeeks, w, a));
        double prisonDeaths = TDraws.Binomial(ref pr, inPrison, pDie);
        double released = TDraws.Binomial(ref pr, inPrison - prisonDeaths, pReleaseIfAlive);
        double referral = Rate(ParameterId.ThroughcareReferral, w, a) + _policy.AftercareCoverage(w, a) * Rate(ParameterId.AftercareReferral, w, a);
        double afterReferred = TDraws.Binomial(ref pr, released, Math.Min(1, referral));
        Prison[a] = inPrison - prisonDeaths - released + custody + remanded;
        flows.Deaths += prisonDeaths;
        flows.PrisonDeaths = prisonDeaths;
        flows.Released = released - afterReferred;
        flows.ToUntreated += released - afterReferred;
        flows.CjsReferrals += afterReferred;
        Put(a, Metric.ReferralsPrison, afterReferred);
    }

    /// <summary>6. Recovered: relapse (lower where aftercare covers them), cessation, death; then this week's completers join.</summary>
    private void StepRecovered(int w, int a, ref WeekFlows flows)
    {
        var rng = Stream(w, a, FlowChannel.Recovered);
        double n = Recovered[a];
        // Aftercare for treatment leavers lowers relapse in proportion to its coverage.
        double aftercare = 1 - _policy.AftercareCoverage(w, a) * (1 - Rate(ParameterId.AftercareRelapseMultiplier, w, a));
        var (pDie, pCease, pRelapse) = _weekly.Recovered(a, Rate(ParameterId.MortalityRecoveredPerYear, w, a) / 52,
            Rate(ParameterId.RecoveredCessationPerYear, w, a) / 52, Rate(ParameterId.RelapsePerYear, w, a) * Math.Max(0, aftercare) / 52);
        SplitConditional3(ref rng, n, pDie, pCease, pRelapse, out double died, out double ceased, out double relapsed);
        Recovered[a] = n - died - ceased - relapsed + flows.ToRecovered;
        flows.Deaths += died;
        Ceased[a] += ceased;
        flows.ToUntreated += relapsed;
    }

    /// <summary>Weeks after release or treatment during which the risk of death is raised (two windows of two weeks).</summary>
    internal const int RecentWeeks = 4;

    /// <summary>
    /// 7b. Deaths after leaving prison or treatment, on a channel of their own. The leavers of the last four weeks die at
    /// MortalityUntreatedPerYear × (multiplier − 1) on top of the death rate of the state they are in (weeks 1-2 and 3-4 have
    /// their own multipliers: loss of tolerance, Seaman et al. 1998, Cornish et al. 2010); those deaths leave Untreated (released,
    /// drop-outs) or Recovered (completers). A cohort is followed only by its own excess deaths: its other exits in four weeks
    /// (about 3% a week untreated) are not taken off, so the cohort at risk is slightly overstated. Then which of the week's
    /// deaths are drug-related: every excess death, and a share of the others (outside prison and in it).
    /// </summary>
    private void StepRecentLeavers(int w, int a, ref WeekFlows flows)
    {
        var rng = Stream(w, a, FlowChannel.Outcomes);
        double baseHazard = Rate(ParameterId.MortalityUntreatedPerYear, w, a) / 52;
        var p = _weekly.RecentLeavers(a, baseHazard, Rate(ParameterId.PostReleaseDeathMultiplierWeeks1To2, w, a), Rate(ParameterId.PostReleaseDeathMultiplierWeeks3To4, w, a),
            Rate(ParameterId.PostTreatmentDeathMultiplierWeeks1To2, w, a), Rate(ParameterId.PostTreatmentDeathMultiplierWeeks3To4, w, a));
        int first = a * RecentWeeks;
        double afterRelease = 0, afterTreatment = 0, fromRecovered = 0;
        for (int age = 1; age <= RecentWeeks; age++)
        {
            int slot = first + ((w - age) & (RecentWeeks - 1));
            bool early = age <= 2;
            double released = TDraws.Binomial(ref rng, _recentReleased[slot], early ? p.Release1To2 : p.Release3To4);
            double dropped = TDraws.Binomial(ref rng, _recentDropped[slot], early ? p.Treatment1To2 : p.Treatment3To4);
            double completed = TDraws.Binomial(ref rng, _recentCompleted[slot], early ? p.Treatment1To2 : p.Treatment3To4);
            _recentReleased[slot] -= released; _recentDropped[slot] -= dropped; _recentCompleted[slot] -= completed;
            afterRelease += released; afterTreatment += dropped + completed; fromRecovered += completed;
        }
        // The cohorts are within the stocks they joined; the caps only guard a stock that other exits have emptied.
        double fromUntreated = Math.Min(afterRelease + afterTreatment - fromRecovered, Untreated[a]);
        fromRecovered = Math.Min(fromRecovered, Recovered[a]);
        Untreated[a] -= fromUntreated;
        Recovered[a] -= fromRecovered;
        double excess = fromUntreated + fromRecovered;
        int now = first + (w & (RecentWeeks - 1));
        _recentReleased[now] = flows.Released; _recentDropped[now] = flows.Dropped; _recentCompleted[now] = flows.Completed;
        double community = flows.Deaths - flows.PrisonDeaths;
        double drugRelated = excess + TDraws.Binomial(ref rng, community, Share(ParameterId.DrugRelatedDeathShare, w, a))
            + TDraws.Binomial(ref rng, flows.PrisonDeaths, Share(ParameterId.PrisonDrugRelatedDeathShare, w, a));
        flows.Deaths += excess;
        Put(a, Metric.DrugRelatedDeaths, drugRelated);
        Put(a, Metric.PrisonDeaths, flows.PrisonDeaths);
        Put(a, Metric.DeathsAfterRelease, afterRelease);
        Put(a, Metric.DeathsAfterTreatment, afterTreatment);
    }

    /// <summary>7. Incidence of new problem drug users.</summary>
    private void StepIncidence(int w, int a, ref WeekFlows flows)
    {
        var rng = Stream(w, a, FlowChannel.Incidence);
        double incidence = TDraws.Poisson(ref rng, Rate(ParameterId.IncidencePerYear, w, a) / 52);
        Entered[a] += incidence;
        flows.ToUntreated += incidence;
        Put(a, Metric.Incidence, incidence);
    }

    /// <summary>
    /// 8. Referrals choose a modality and join its list at 0 weeks waited: criminal-justice and other-route problem drug
    /// users, transfers to rehab, and people who are not problem drug users (a Poisson stream, by need, growing a year).
    /// Everyone joining a list but transfers is presenting.
    /// </summary>
    private void Refer(int w, int y, int a, in WeekFlows flows)
    {
        Span<double> cjsByModality = _cjsByModality, otherByModality = _otherByModality, nonPduByModality = _nonPduByModality;
        var rng = Stream(w, a, FlowChannel.MixCjs);
        Splits<TDraws>.Multinomial(ref rng, flows.CjsReferrals, ReferralChain(_cjsMixChanges, ModalityParameterId.CjsReferralShare, _areaCjsMix, _areaCjsChain, w, a), cjsByModality);
        rng = Stream(w, a, FlowChannel.MixOther);
        Splits<TDraws>.Multinomial(ref rng, flows.OtherReferrals, ReferralChain(_otherMixChanges, ModalityParameterId.ReferralShare, _areaReferralMix, _areaReferralChain, w, a), otherByModality);
        rng = Stream(w, a, FlowChannel.NonPduReferrals);
        double nonPdu = TDraws.Poisson(ref rng, Rate(ParameterId.NonPduReferralsPerYear, w, a) * _nonPduGrowth[y]);
        Splits<TDraws>.Multinomial(ref rng, nonPdu, ReferralChain(_nonPduMixChanges, ModalityParameterId.NonPduReferralShare, _areaNonPduMix, _areaNonPduChain, w, a), nonPduByModality);
        if (_model.HasFixedReferrals)
            for (int m = 0; m < M; m++)
            {
                // Arrivals set directly (FixedInputs): drawn after the stream's other draws, so a scenario without them draws exactly as before.
                double arrivals = TDraws.Poisson(ref rng, _model.FixedReferralsPerWeek[m]);
                nonPduByModality[m] += arrivals;
                nonPdu += arrivals;
            }
        NonPduEntered[a] += nonPdu;
        for (int m = 0; m < M; m++)
        {
            double transfers = m == (int)Modality.ResidentialRehab ? flows.Transfers : 0;
            Join(WaitingListLayout.List(a, m, ReferralQueue.Cjs), cjsByModality[m]);
            if (flows.TestReferrals > 0) _dipWaiting[AreaModality.Index(a, m)] += cjsByModality[m] * flows.TestReferrals / flows.CjsReferrals;
            Join(WaitingListLayout.List(a, m, ReferralQueue.Other), otherByModality[m] + transfers);
            Join(WaitingListLayout.List(a, m, ReferralQueue.NonPdu), nonPduByModality[m]);
            Put(a, Metric.ReferralsCjs, m, cjsByModality[m]);
            Put(a, Metric.ReferralsOther, m, otherByModality[m] + transfers);
            Put(a, Metric.ReferralsNonPdu, m, nonPduByModality[m]);
            Put(a, Metric.Presenting, m, cjsByModality[m] + otherByModality[m] + nonPduByModality[m]);
        }
    }

    /// <summary>
    /// 9. Admission as places free up (longest wait first; criminal-justice referrals first if prioritised),
    /// then lists age a week. Returns the people in treatment over all modalities, their cost this week, the week's
    /// admissions and the people left waiting.
    /// </summary>
    private double Admit(int w, int y, int a, out double treatmentCost, out double admitted, out double waitingTotal)
    {
        double occupiedTotal = 0;
        treatmentCost = 0; admitted = 0; waitingTotal = 0;
        _nonPduWaiting = 0; _nonPduTreated = 0; _longestThisWeek = 0;
        for (int m = 0; m < M; m++)
        {
            int areaModality = AreaModality.Index(a, m);
            double places = _places[areaModality];
            double occupied = SumTreatment(areaModality);
            double free = Math.Max(0, places - occupied); // whole in the stochastic mode: places and people are
            var starts = new Starts();
            int other = WaitingListLayout.List(areaModality, ReferralQueue.Other), cjs = WaitingListLayout.List(areaModality, ReferralQueue.Cjs);
            int nonPdu = WaitingListLayout.List(areaModality, ReferralQueue.NonPdu);
            int hist = _lists.ByWaitStart(areaModality);
            int topOther = _waitTop[other], topCjs = _waitTop[cjs], topNonPdu = _waitTop[nonPdu];
            // Only the bins admitted from last week hold counts: clearing just those, here where the row is about to be
            // written, saves sweeping the whole array through the cache every week.
            ClearAdmitted(areaModality);
            int k = Math.Max(topCjs, Math.Max(topOther, topNonPdu));
            _admittedTo[areaModality] = k;
            if (_cjsFirst)
            {
                for (k = topCjs; k >= 0 && free > 0; k--) Admit(cjs, k, hist, true, ref free, ref starts.Cjs);
                int lowCjs = k + 1;
                for (k = Math.Max(topOther, topNonPdu); k >= 0 && free > 0; k--)
                {
                    Admit(other, k, hist, false, ref free, ref starts.Other);
                    Admit(nonPdu, k, hist, false, ref free, ref starts.NonPdu);
                }
                k = Math.Min(k, lowCjs - 1);
            }
            else
            {
                for (; k >= 0 && free > 0; k--)
                {
                    Admit(cjs, k, hist, true, ref free, ref starts.Cjs);
                    Admit(other, k, hist, false, ref free, ref starts.Other);
                    Admit(nonPdu, k, hist, false, ref free, ref starts.NonPdu);
                }
            }
            _admittedFrom[areaModality] = k + 1; // the lowest bin visited
            double started = starts.Other + starts.Cjs + starts.NonPdu;
            Treatment[_treatment.Bin(areaModality, TreatmentRoute.Other, 0)] += starts.Other;
            Treatment[_treatment.Bin(areaModality, TreatmentRoute.Cjs, 0)] += starts.Cjs;
            Treatment[_treatment.Bin(areaModality, TreatmentRoute.NonPdu, 0)] += starts.NonPdu;
            _startsThisYear[areaModality] += started;
            double waitingCjs = Age(cjs), waitingNonPdu = Age(nonPdu), waiting = Age(other) + waitingCjs + waitingNonPdu;
            // Admissions from the criminal-justice list come through testing in proportion to the testing route's share of it.
            double dipStarts = 0, dip = _dipWaiting[areaModality];
            if (dip > 0 && starts.Cjs > 0)
            {
                dipStarts = starts.Cjs * Math.Min(1, dip / (waitingCjs + starts.Cjs));
                _dipWaiting[areaModality] = dip - dipStarts;
            }
            _nonPduWaiting += waitingNonPdu;
            _nonPduTreated += SumRow(TreatmentLayout.Row(areaModality, TreatmentRoute.NonPdu));
            double inTreatment = occupied + started;
            double cost = inTreatment * _areaCost[areaModality] * ModalityChange(ModalityParameterId.CostPerPlaceWeek, m, _areaWeek.Index(w, a));
            treatmentCost += cost;
            occupiedTotal += inTreatment;
            admitted += started;
            waitingTotal += waiting;
            Put(a, Metric.TreatmentStarts, m, started);
            Put(a, Metric.TreatmentStartsCjs, m, starts.Cjs);
            Put(a, Metric.TreatmentStartsDip, dipStarts);
            Put(a, Metric.Waiting, m, waiting);
            Put(a, Metric.WaitingCjs, m, waitingCjs);
            double longest = Math.Max(LongestWait(other), Math.Max(LongestWait(cjs), LongestWait(nonPdu)));
            Put(a, Metric.LongestWaitWeeks, m, longest);
            _longestThisWeek = Math.Max(_longestThisWeek, longest);
            Put(a, Metric.InTreatment, m, inTreatment);
            Put(a, Metric.Capacity, m, places);
            Put(a, Metric.Participation, m, _participationBase[areaModality] + _startsThisYear[areaModality]);
            Put(a, Metric.CostGbp, m, cost);
        }
        return occupiedTotal;
    }

    /// <summary>The week's admissions of one area-modality, by queue.</summary>
    private struct Starts
    {
        public double Other, Cjs, NonPdu;
    }

    /// <summary>
    /// The wait people believe they face in area <paramref name="a"/>: Little's law on the area's lists,
    /// Ŵ_now = people waiting / admissions a week (both smoothed over <see cref="ParameterId.PerceivedWaitLagWeeks"/>: the
    /// gap to this week's value closes by 1 − e^(−1/τ_p) a week), at most 104 weeks (an area admitting nobody).
    /// </summary>
    private void PerceiveWait(int a, double admitted, double waiting)
    {
        double smoothed = _smoothedAdmissions[a] += (admitted - _smoothedAdmissions[a]) * _perception;
        double now = waiting <= 0 ? 0 : smoothed > waiting / MaxPerceivedWaitWeeks ? waiting / smoothed : MaxPerceivedWaitWeeks;
        _perceivedWait[a] += (now - _perceivedWait[a]) * _perception;
    }

    /// <summary>The financial year whose non-PDU referrals <see cref="ParameterId.NonPduReferralsPerYear"/> gives: 2000/01.</summary>
    private static readonly FinancialYear NonPduBaseYear = new(2000);

    /// <summary>The longest wait anyone believes they face (weeks): an area admitting nobody.</summary>
    private const double MaxPerceivedWaitWeeks = 104;

    /// <summary>10. Totals over modalities, stocks and costs.</summary>
    private void Totals(int w, int a, double occupiedTotal, double treatmentCost)
    {
        int row = SeriesRows.Row(a);
        foreach (var metric in PerModalityFlows)
        {
            double sum = 0;
            for (int m = 0; m < M; m++) sum += Week[row + MetricCatalog.ModalitySeries(metric, m)];
            Week[row + MetricCatalog.TotalSeries(metric)] = sum;
        }
        double testingCost = _rollout.LiveBcus(w, a) * Rate(ParameterId.TestingCostPerBcuYear, w, a) / 52;
        Week[row + MetricCatalog.TotalSeries(Metric.CostGbp)] = treatmentCost + testingCost;
        Week[row + MetricCatalog.TotalSeries(Metric.TestingCostGbp)] = testingCost;
        Week[row + MetricCatalog.TotalSeries(Metric.TreatmentCostGbp)] = treatmentCost;
        double aftercareCost = _policy.AftercareCoverage(w, a) * Rate(ParameterId.AftercareCostPerDatYear, w, a) / 52;
        double capacityCost = w >= _firstTestingWeek[a] && w - _firstTestingWeek[a] < 52 ? Rate(ParameterId.CapacityBuildingCostPerDat, w, a) / 52 : 0;
        Week[row + MetricCatalog.TotalSeries(Metric.AftercareCostGbp)] = aftercareCost;
        Week[row + MetricCatalog.TotalSeries(Metric.CapacityBuildingCostGbp)] = capacityCost;
        Week[row + MetricCatalog.TotalSeries(Metric.ProgrammeCostGbp)] = treatmentCost + testingCost + aftercareCost + capacityCost
            + Week[row + MetricCatalog.TotalSeries(Metric.ArrestReferralCostGbp)] + Week[row + MetricCatalog.TotalSeries(Metric.DttoCostGbp)]
            + Week[row + MetricCatalog.TotalSeries(Metric.RemandCostGbp)];
        double waitingTotal = Week[row + MetricCatalog.TotalSeries(Metric.Waiting)];
        Week[row + MetricCatalog.TotalSeries(Metric.LongestWaitWeeks)] = _longestThisWeek;
        Put(a, Metric.ProblemDrugUsers, Untreated[a] + waitingTotal - _nonPduWaiting + occupiedTotal - _nonPduTreated + Prison[a]);
        Put(a, Metric.Untreated, Untreated[a]);
        Put(a, Metric.Prison, Prison[a]);
        Put(a, Metric.Recovered, Recovered[a]);
        // Offences by problem drug users only, by state (issue 17 item 5): on a court order in force (at the order's rate,
        // wherever they are outside prison: the order holders are counted among those in treatment first, as a treatment
        // order puts them there, then among those waiting or untreated), in treatment, and out of it (untreated, waiting,
        // released from prison: the untreated rate). In prison: none.
        double outside = Untreated[a] + waitingTotal - _nonPduWaiting, inTreatment = occupiedTotal - _nonPduTreated;
        double onOrder = Math.Min(OrdersDtto[a] + OrdersDrr[a], outside + inTreatment);
        double onOrderInTreatment = Math.Min(onOrder, inTreatment);
        double crimesUntreated = (outside - (onOrder - onOrderInTreatment)) * Rate(ParameterId.CrimesPerWeekUntreated, w, a);
        double crimesInTreatment = (inTreatment - onOrderInTreatment) * Rate(ParameterId.CrimesPerWeekInTreatment, w, a);
        double crimesOnOrder = onOrder * Rate(ParameterId.CrimesPerWeekOnOrder, w, a);
        Put(a, Metric.Crimes, crimesUntreated + crimesInTreatment + crimesOnOrder);
        Put(a, Metric.CrimesUntreated, crimesUntreated);
        Put(a, Metric.CrimesInTreatment, crimesInTreatment);
        Put(a, Metric.CrimesOnOrder, crimesOnOrder);
    }

    /// <summary>Per-modality metrics whose total is the plain sum over modalities (not waits, which come from admissions, nor cost, which adds testing).</summary>
    private static readonly Metric[] PerModalityFlows = Enum.GetValues<Metric>()
        .Where(m => MetricCatalog.HasModalities(m) && MetricCatalog.Kind(m) is MetricKind.Stock or MetricKind.Flow && m != Metric.CostGbp).ToArray();

    /// <summary>Adds referrals to a list at 0 weeks waited.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Join(int list, double referrals)
    {
        if (referrals <= 0) return;
        Waiting[_lists.Start(list)] += referrals;
        if (_waitTop[list] < 0) _waitTop[list] = 0;
    }

    /// <summary>
    /// Moves everyone on a list on a week (the last bin keeps those who have waited that long or longer, and its total
    /// weeks waited grows by one a person, plus the last bin's width for those joining it) and returns how many wait.
    /// </summary>
    private double Age(int list)
    {
        int b = _lists.Start(list), top = _waitTop[list], last = _lists.Bins - 1;
        while (top >= 0 && Waiting[b + top] == 0) top--;   // admissions and drop-outs may have emptied the oldest bins
        if (top < 0) { _waitTop[list] = -1; TailWeeks[list] = 0; return 0; }
        if (top >= last - 1)
        {
            double stayed = Waiting[b + last], joining = Waiting[b + last - 1];
            TailWeeks[list] = stayed > 0 ? TailWeeks[list] + stayed : 0;
            TailWeeks[list] += joining * last;
            Waiting[b + last] = stayed + joining;
        }
        int from = Math.Min(top, last - 1);
        for (int k = from + 1; k > 0; k--) if (k < last) Waiting[b + k] = Waiting[b + k - 1];
        Waiting[b] = 0;
        top = Math.Min(top + 1, last);
        _waitTop[list] = top;
        double waiting = 0;
        for (int k = 1; k <= top; k++) waiting += Waiting[b + k];
        return waiting;
    }

    /// <summary>
    /// The longest wait (weeks) on a list after ageing: its top bin, or in the open tail its mean wait (a lower bound on the
    /// longest; the tail is not split further); 0 for an empty list.
    /// </summary>
    private double LongestWait(int list)
    {
        int top = _waitTop[list], last = _lists.Bins - 1;
        if (top < last) return Math.Max(0, top);
        double n = Waiting[_lists.Start(list) + last];
        return n > 0 ? TailWeeks[list] / n : last;
    }

    /// <summary>Clears the week-old admissions by weeks waited of an area-modality: only the bins written then (both rows, and the tail's weeks).</summary>
    private void ClearAdmitted(int areaModality)
    {
        int from = _admittedFrom[areaModality], to = _admittedTo[areaModality], width = _lists.ByWaitWidth;
        if (to < from) return;
        if (to >= _lists.Bins - 1) to = _lists.Bins; // the tail's weeks follow its bin
        int all = _lists.ByWaitStart(areaModality);
        AdmittedByWait.AsSpan(all + from, to - from + 1).Clear();
        AdmittedByWait.AsSpan(all + width + from, to - from + 1).Clear();
    }

    /// <summary>
    /// Admits from bin <paramref name="k"/> of list <paramref name="list"/> into the free places, recording the admissions
    /// by weeks waited (every queue's row at <paramref name="hist"/>, and the criminal-justice row when <paramref name="cjs"/>);
    /// those admitted from the tail take its mean wait with them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Admit(int list, int k, int hist, bool cjs, ref double free, ref double starts)
    {
        int bin = _lists.Start(list) + k;
        double n = Waiting[bin], take = Math.Min(n, free);
        if (take <= 0) return;
        Waiting[bin] = n - take;
        free -= take;
        starts += take;
        int width = _lists.ByWaitWidth;
        AdmittedByWait[hist + k] += take;
        if (cjs) AdmittedByWait[hist + width + k] += take;
        if (k == _lists.Bins - 1)
        {
            double weeks = TailWeeks[list] * take / n;
            TailWeeks[list] -= weeks;
            AdmittedByWait[hist + k + 1] += weeks;
            if (cjs) AdmittedByWait[hist + width + k + 1] += weeks;
        }
    }

    /// <summary>Split of n into three events (and "none") given the chain of conditional probabilities c1, c2 = p2/(1-p1), c3 = p3/(1-p1-p2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SplitConditional3(ref RandomStream rng, double n, double c1, double c2, double c3, out double k1, out double k2, out double k3)
    {
        if (n <= 0) { k1 = k2 = k3 = 0; return; }
        k1 = TDraws.Binomial(ref rng, n, c1);
        k2 = TDraws.Binomial(ref rng, n - k1, c2);
        k3 = TDraws.Binomial(ref rng, n - k1 - k2, c3);
    }
}

/// <summary>Math helpers missing from <see cref="Math"/>.</summary>
internal static class MathExtensions
{
    extension(Math)
    {
        /// <summary>e^x - 1, accurate for small |x|.</summary>
        public static double ExpM1Safe(double x) =>
            Math.Abs(x) < 1e-5 ? x * (1 + x * (0.5 + x / 6)) : Math.Exp(x) - 1;
    }
}
