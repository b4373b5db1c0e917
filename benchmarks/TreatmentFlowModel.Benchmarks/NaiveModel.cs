using MathNet.Numerics.Distributions;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Benchmarks;

/// <summary>
/// The benchmark's naive baseline: the same model stepped the textbook way. Every compartment is an object in a
/// dictionary, waiting lists and treatment caseloads are lists of cohort objects found with LINQ, every flow is a
/// MathNet.Numerics distribution object sampled on a System.Random, and a week allocates freely. Parameters are the
/// scenario's means and the initial state is the engine's (same places, coverage, caps), so the work is the same: the
/// burn-in, three queues and three treatment rows (other, criminal-justice, non-PDU), stays by age band, places recruited
/// with a lag and made whole by largest remainder, need shares for new users, non-PDU referrals and DTTO caps, and
/// other-route referrals deterred by the perceived (Little's-law) wait.
/// </summary>
internal sealed class NaiveModel
{
    private sealed class Compartment(string name) { public string Name { get; } = name; public long Count { get; set; } }
    private sealed class Cohort(Modality modality, TreatmentRoute route, int weeks, long count)
    {
        public Modality Modality { get; } = modality;
        /// <summary>Other route, criminal justice or not a problem drug user (the list's queue or the treatment row).</summary>
        public TreatmentRoute Route { get; set; } = route;
        /// <summary>Weeks waited (lists) or the treatment bin (weeks 0-12, then 13-week cohorts and the tail).</summary>
        public int Weeks { get; set; } = weeks;
        public long Count { get; set; } = count;
    }
    private sealed class Area
    {
        public Dictionary<string, Compartment> Stocks { get; } = new[] { "untreated", "prison", "recovered", "dead", "ceased", "non-pdu left" }.ToDictionary(n => n, n => new Compartment(n));
        public List<Cohort> Waiting { get; } = [];
        public List<Cohort> Treatment { get; } = [];
        public double DttoUsed { get; set; }
        public double[] PlacesLevel { get; } = new double[Modalities.Count];
        public double[] Places { get; } = new double[Modalities.Count];
        public double PerceivedWait { get; set; }
        public double SmoothedAdmissions { get; set; }
    }

    private static readonly TreatmentRoute[] Routes = [TreatmentRoute.Other, TreatmentRoute.Cjs, TreatmentRoute.NonPdu];

    private readonly FrozenModel _setup;
    private readonly ReplicateSimulator<ExpectedDraws> _reference;
    private readonly Scenario _s;
    private readonly double[] _need;
    private readonly double[,] _dttoCap; // [year, area]
    private System.Random _random = new(1);
    private Area[] _areas = [];

    public NaiveModel(Scenario scenario)
    {
        var setup = FrozenModel.From(scenario);
        _setup = setup;
        _s = scenario;
        _reference = new ReplicateSimulator<ExpectedDraws>(setup);
        var needAll = setup.Need.Shares(P(ParameterId.NeedIndexSteps));
        _need = Enumerable.Range(0, setup.AreaCount).Select(a => needAll[setup.TableIndex(a)]).ToArray();
        var cal = setup.SimulationCalendar;
        _dttoCap = new double[cal.Years, setup.AreaCount];
        var caps = new double[needAll.Length];
        for (int y = 0; y < cal.Years; y++)
        {
            LargestRemainder.Apportion(setup.Policy.DttoCap(y), needAll, caps);
            for (int a = 0; a < setup.AreaCount; a++) _dttoCap[y, a] = caps[setup.TableIndex(a)];
        }
    }

    private double P(ParameterId id) => _s.Parameters[(int)id].Mean;
    private double P(Modality m, ModalityParameterId id) => _s.ModalityParameters[(int)m][(int)id].Mean;

    private long Binomial(long n, double p) => n <= 0 || p <= 0 ? 0 : p >= 1 ? n : new Binomial(p, (int)n, _random).Sample();
    private long Poisson(double mean) => mean <= 0 ? 0 : new Poisson(mean, _random).Sample();

    /// <summary>Runs one replicate and returns the people in treatment at the end (so the work cannot be optimised away).</summary>
    public long Run(int replicate)
    {
        _random = new System.Random(replicate);
        _reference.Initialise(replicate);
        var lists = _reference.Lists;
        _areas = Enumerable.Range(0, _setup.AreaCount).Select(a =>
        {
            var area = new Area();
            area.Stocks["untreated"].Count = (long)_reference.Untreated[a];
            area.Stocks["prison"].Count = (long)_reference.Prison[a];
            area.Stocks["recovered"].Count = (long)_reference.Recovered[a];
            area.PerceivedWait = _reference.PerceivedWait(a);
            foreach (var m in Modalities.All)
            {
                area.PlacesLevel[(int)m] = _reference.FundedPlaces(0, a, (int)m);
                area.Places[(int)m] = _reference.Places(a, (int)m);
                foreach (var route in Routes)
                {
                    for (int d = 0; d < _reference.TreatmentBins.Bins; d++)
                        area.Treatment.Add(new Cohort(m, route, d, (long)_reference.Treatment[_reference.TreatmentBins.Bin(AreaModality.Index(a, (int)m), route, d)]));
                    int list = WaitingListLayout.List(a, (int)m, (ReferralQueue)route);
                    for (int k = 0; k < lists.Bins; k++)
                        area.Waiting.Add(new Cohort(m, route, k, (long)_reference.Waiting[lists.Bin(list, k)]));
                }
            }
            area.Treatment.RemoveAll(c => c.Count == 0);
            area.Waiting.RemoveAll(c => c.Count == 0);
            return area;
        }).ToArray();
        for (int w = 0; w < _setup.SimulationCalendar.Weeks; w++)
            for (int a = 0; a < _areas.Length; a++) Step(w, a);
        return _areas.Sum(x => x.Treatment.Sum(c => c.Count));
    }

    private void Step(int w, int a)
    {
        var area = _areas[a];
        var cal = _setup.SimulationCalendar;
        int y = cal.YearIndexOfWeek(w);
        if (cal.IsFirstWeekOfYear(w)) area.DttoUsed = 0;
        long toUntreated = 0, toRecovered = 0, deaths = 0, transfers = 0, nonPduLeft = 0;

        // Places approach the year's funded level with the recruitment lag and are whole by largest remainder.
        double lag = P(ParameterId.RecruitmentLagWeeks), recruitment = lag > 0 ? 1 - Math.Exp(-1 / lag) : 1;
        foreach (var m in Modalities.All)
            area.PlacesLevel[(int)m] += (_reference.FundedPlaces(y, a, (int)m) - area.PlacesLevel[(int)m]) * recruitment;
        LargestRemainder.Round(area.PlacesLevel, area.Places);

        // Treatment exits by cohort: the bin's hazard from the retention bands, competing with death (none for non-PDUs).
        double death = P(ParameterId.MortalityTreatedPerYear) / 52;
        foreach (var c in area.Treatment.ToList())
        {
            var p = Enum.GetValues<ModalityParameterId>().Select(id => P(c.Modality, id)).ToArray();
            var band = new double[TreatmentLayout.Bands];
            StayModel.BandHazards(p, band);
            double hazard = StayModel.BinHazard(band, c.Weeks), share = StayModel.CompletionShare(p, c.Weeks);
            double dropout = hazard * (1 - share) * (c.Route == TreatmentRoute.Cjs ? P(ParameterId.CjsTreatmentDropoutMultiplier) : 1);
            Hazards.Competing(c.Route == TreatmentRoute.NonPdu ? 0 : death, hazard * share, dropout, out double p1, out double p2, out double p3);
            long died = Binomial(c.Count, p1), done = Binomial(c.Count - died, p2 / (1 - p1)), quit = Binomial(c.Count - died - done, p3 / (1 - p1 - p2));
            c.Count -= died + done + quit;
            if (c.Weeks < TreatmentLayout.WeeklyBins) c.Weeks++;
            if (c.Route == TreatmentRoute.NonPdu) { nonPduLeft += done + quit; continue; }
            long transfer = c.Modality == Modality.ResidentialRehab ? 0 : Binomial(done, P(c.Modality, ModalityParameterId.TransferToRehabShare));
            deaths += died; toRecovered += done - transfer; toUntreated += quit; transfers += transfer;
        }
        if (TreatmentLayout.EndsQuarter(w))
            foreach (var c in area.Treatment.Where(c => c.Weeks >= TreatmentLayout.FirstCohort && c.Weeks < TreatmentLayout.Tail))
            {
                c.Weeks++;
                if (c.Route == TreatmentRoute.Cjs) c.Route = TreatmentRoute.Other;
            }
        area.Treatment.RemoveAll(c => c.Count == 0);

        // Waiting lists: deaths (problem drug users only) and reneging.
        double mortality = P(ParameterId.MortalityUntreatedPerYear) / 52;
        foreach (var c in area.Waiting)
        {
            double leave = Hazards.Hazard(P(c.Modality, ModalityParameterId.WaitDropoutPerWeek)) * P(ParameterId.WaitDropoutMultiplier)
                * (c.Route == TreatmentRoute.Cjs ? P(ParameterId.CjsWaitDropoutMultiplier) : 1);
            Hazards.Competing(c.Route == TreatmentRoute.NonPdu ? 0 : mortality, leave, 0, out double pDie, out double pLeave, out _);
            long died = Binomial(c.Count, pDie), left = Binomial(c.Count - died, pLeave / (1 - pDie));
            c.Count -= died + left;
            deaths += died;
            if (c.Route == TreatmentRoute.NonPdu) nonPduLeft += left; else toUntreated += left;
        }

        // Community: death, cessation, arrest and coming forward (deterred by the perceived wait) compete.
        var untreated = area.Stocks["untreated"];
        double[] h = [mortality, P(ParameterId.CessationPerYear) / 52, P(ParameterId.ArrestPerYear) / 52,
            P(ParameterId.OtherReferralPerYear) * Math.Exp(-P(ParameterId.WaitDeterrencePerWeek) * area.PerceivedWait) / 52];
        double total = h.Sum(), any = 1 - Math.Exp(-total);
        double[] pu = h.Select(x => x / total * any).ToArray();
        long n = untreated.Count;
        long dead = Binomial(n, pu[0]), ceased = Binomial(n - dead, pu[1] / (1 - pu[0]));
        long arrested = Binomial(n - dead - ceased, pu[2] / (1 - pu[0] - pu[1]));
        long other = Binomial(n - dead - ceased - arrested, pu[3] / (1 - pu[0] - pu[1] - pu[2]));
        untreated.Count -= dead + ceased + arrested + other;
        deaths += dead;
        area.Stocks["ceased"].Count += ceased;
        long tested = Binomial(arrested, _setup.Rollout.Coverage(w, a));
        long positive = Binomial(tested, P(ParameterId.TestPositiveShare));
        long referred = Binomial(positive, P(ParameterId.AssessmentUptake));
        long remanded = _setup.Policy.PresumptionAgainstBail(w, a) ? Binomial(positive - referred, P(ParameterId.PabRemandShare)) : 0;
        long byWorker = Binomial(arrested - tested, P(ParameterId.ArrestReferralUptake));
        long toCourt = arrested - referred - remanded - byWorker;
        long custody = Binomial(toCourt, P(ParameterId.CustodyPerArrest));
        long candidates = Binomial(toCourt - custody, P(ParameterId.DttoPerArrest));
        long dtto = (long)Math.Min(candidates, Math.Max(0, _dttoCap[y, a] - area.DttoUsed));
        area.DttoUsed += dtto;
        toUntreated += toCourt - custody - dtto;
        long cjs = referred + byWorker + dtto;
        Binomial(Poisson(tested * (1 - P(ParameterId.PduShareOfTested)) / P(ParameterId.PduShareOfTested)), P(ParameterId.NonPduPositiveShare));
        var prison = area.Stocks["prison"];
        Hazards.Competing(P(ParameterId.MortalityTreatedPerYear) / 52, 1 / P(ParameterId.PrisonStayWeeks), 0, out double ppd, out double ppr, out _);
        long prisonDead = Binomial(prison.Count, ppd), released = Binomial(prison.Count - prisonDead, ppr / (1 - ppd));
        long after = Binomial(released, Math.Min(1, P(ParameterId.ThroughcareReferral) + _setup.Policy.AftercareCoverage(w, a) * P(ParameterId.AftercareReferral)));
        prison.Count += custody + remanded - prisonDead - released;
        deaths += prisonDead; toUntreated += released - after; cjs += after;
        var recovered = area.Stocks["recovered"];
        Hazards.Competing(P(ParameterId.MortalityRecoveredPerYear) / 52, P(ParameterId.RecoveredCessationPerYear) / 52, P(ParameterId.RelapsePerYear) / 52, out double rd, out double rc, out double rr);
        long rDead = Binomial(recovered.Count, rd), rCeased = Binomial(recovered.Count - rDead, rc / (1 - rd)), relapsed = Binomial(recovered.Count - rDead - rCeased, rr / (1 - rd - rc));
        recovered.Count += toRecovered - rDead - rCeased - relapsed;
        deaths += rDead; toUntreated += relapsed;
        area.Stocks["ceased"].Count += rCeased;
        untreated.Count += toUntreated + Poisson(P(ParameterId.IncidencePerYear) * _need[a] / 52);
        area.Stocks["dead"].Count += deaths;
        area.Stocks["non-pdu left"].Count += nonPduLeft;

        // Referrals choose a modality (multinomial) and join the lists: criminal-justice, other routes, and non-PDUs (by need, growing a year).
        long nonPdu = Poisson(P(ParameterId.NonPduReferralsPerYear) * _need[a] * Math.Pow(1 + P(ParameterId.NonPduReferralGrowthPerYear), cal.Year(y) - new FinancialYear(2000)) / 52);
        foreach (var (count, route, share) in new[] { (cjs, TreatmentRoute.Cjs, ModalityParameterId.CjsReferralShare), (other, TreatmentRoute.Other, ModalityParameterId.ReferralShare), (nonPdu, TreatmentRoute.NonPdu, ModalityParameterId.NonPduReferralShare) })
        {
            double[] p = Modalities.All.Select(m => P(m, share)).ToArray();
            var split = Multinomial.Sample(_random, p.Select(x => x / p.Sum()).ToArray(), (int)count);
            foreach (var m in Modalities.All)
            {
                long joining = split[(int)m] + (route == TreatmentRoute.Other && m == Modality.ResidentialRehab ? transfers : 0);
                if (joining > 0) area.Waiting.Add(new Cohort(m, route, 0, joining));
            }
        }

        // Admission, longest wait first, then the lists age a week.
        long admitted = 0;
        foreach (var m in Modalities.All)
        {
            long free = (long)Math.Max(0, area.Places[(int)m] - area.Treatment.Where(c => c.Modality == m).Sum(c => c.Count));
            foreach (var c in area.Waiting.Where(c => c.Modality == m).OrderByDescending(c => c.Weeks).ToList())
            {
                long take = Math.Min(free, c.Count);
                if (take <= 0) break;
                c.Count -= take;
                free -= take;
                admitted += take;
                area.Treatment.Add(new Cohort(m, c.Route, 0, take));
            }
        }
        area.Waiting.RemoveAll(c => c.Count == 0);
        foreach (var c in area.Waiting) c.Weeks = Math.Min(c.Weeks + 1, _reference.Lists.Bins - 1);

        // The wait people believe they face: Little's law on the lists, smoothed.
        double lagP = P(ParameterId.PerceivedWaitLagWeeks), perception = lagP > 0 ? 1 - Math.Exp(-1 / lagP) : 1;
        long waiting = area.Waiting.Sum(c => c.Count);
        area.SmoothedAdmissions += (admitted - area.SmoothedAdmissions) * perception;
        double now = waiting <= 0 ? 0 : area.SmoothedAdmissions > waiting / 104.0 ? waiting / area.SmoothedAdmissions : 104;
        area.PerceivedWait += (now - area.PerceivedWait) * perception;

        // Cohorts in the same state are one cohort, as they are one bin in the engine: same states, same draws.
        area.Treatment.Replace(area.Treatment.GroupBy(c => (c.Modality, c.Route, c.Weeks)).Select(g => new Cohort(g.Key.Modality, g.Key.Route, g.Key.Weeks, g.Sum(c => c.Count))).ToList());
        area.Waiting.Replace(area.Waiting.GroupBy(c => (c.Modality, c.Route, c.Weeks)).Select(g => new Cohort(g.Key.Modality, g.Key.Route, g.Key.Weeks, g.Sum(c => c.Count))).ToList());
    }
}

internal static class ListExtensions
{
    /// <summary>Replaces the list's items with <paramref name="items"/>.</summary>
    public static void Replace<T>(this List<T> list, List<T> items)
    {
        list.Clear();
        list.AddRange(items);
    }
}
