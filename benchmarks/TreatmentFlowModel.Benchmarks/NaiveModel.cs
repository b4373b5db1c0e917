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
/// scenario's means and the initial state is the engine's (same places, coverage, caps), so the work is the same.
/// </summary>
internal sealed class NaiveModel
{
    private sealed class Compartment(string name) { public string Name { get; } = name; public long Count { get; set; } }
    private sealed class Cohort(Modality modality, bool cjs, int weeks, long count)
    {
        public Modality Modality { get; } = modality;
        public bool Cjs { get; set; } = cjs;
        /// <summary>Weeks waited (lists) or the treatment bin (weeks 0-12, then 13-week cohorts and the tail).</summary>
        public int Weeks { get; set; } = weeks;
        public long Count { get; set; } = count;
    }
    private sealed class Area
    {
        public Dictionary<string, Compartment> Stocks { get; } = new[] { "untreated", "prison", "recovered", "dead", "ceased" }.ToDictionary(n => n, n => new Compartment(n));
        public List<Cohort> Waiting { get; } = [];
        public List<Cohort> Treatment { get; } = [];
        public double DttoUsed { get; set; }
    }

    private readonly FrozenModel _setup;
    private readonly ReplicateSimulator<ExpectedDraws> _reference;
    private readonly Scenario _s;
    private System.Random _random = new(1);
    private Area[] _areas = [];

    public NaiveModel(Scenario scenario)
    {
        var setup = FrozenModel.From(scenario);
        _setup = setup;
        _s = scenario;
        _reference = new ReplicateSimulator<ExpectedDraws>(setup);
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
        _areas = Enumerable.Range(0, _setup.AreaCount).Select(a =>
        {
            var area = new Area();
            area.Stocks["untreated"].Count = (long)_reference.Untreated[a];
            area.Stocks["prison"].Count = (long)_reference.Prison[a];
            area.Stocks["recovered"].Count = (long)_reference.Recovered[a];
            foreach (var m in Modalities.All)
                foreach (var route in new[] { TreatmentRoute.Other, TreatmentRoute.Cjs })
                    for (int d = 0; d < _reference.TreatmentBins.Bins; d++)
                        area.Treatment.Add(new Cohort(m, route == TreatmentRoute.Cjs, d, (long)_reference.Treatment[_reference.TreatmentBins.Bin(AreaModality.Index(a, (int)m), route, d)]));
            return area;
        }).ToArray();
        for (int w = 0; w < _setup.Calendar.Weeks; w++)
            for (int a = 0; a < _areas.Length; a++) Step(w, a);
        return _areas.Sum(x => x.Treatment.Sum(c => c.Count));
    }

    private void Step(int w, int a)
    {
        var area = _areas[a];
        int y = _setup.Calendar.YearIndexOfWeek(w);
        if (_setup.Calendar.IsFirstWeekOfYear(w)) area.DttoUsed = 0;
        long toUntreated = 0, toRecovered = 0, deaths = 0, transfers = 0;

        // Treatment exits by cohort: the bin's hazard from the retention bands, competing with death.
        double death = P(ParameterId.MortalityTreatedPerYear) / 52;
        foreach (var c in area.Treatment.ToList())
        {
            var p = Enum.GetValues<ModalityParameterId>().Select(id => P(c.Modality, id)).ToArray();
            var band = new double[TreatmentLayout.Bands];
            StayModel.BandHazards(p, band);
            double hazard = StayModel.BinHazard(band, c.Weeks), share = StayModel.CompletionShare(p, c.Weeks);
            double dropout = hazard * (1 - share) * (c.Cjs ? P(ParameterId.CjsTreatmentDropoutMultiplier) : 1);
            Hazards.Competing(death, hazard * share, dropout, out double p1, out double p2, out double p3);
            long died = Binomial(c.Count, p1), done = Binomial(c.Count - died, p2 / (1 - p1)), quit = Binomial(c.Count - died - done, p3 / (1 - p1 - p2));
            long transfer = c.Modality == Modality.ResidentialRehab ? 0 : Binomial(done, P(c.Modality, ModalityParameterId.TransferToRehabShare));
            c.Count -= died + done + quit;
            if (c.Weeks < TreatmentLayout.WeeklyBins) c.Weeks++;
            deaths += died; toRecovered += done - transfer; toUntreated += quit; transfers += transfer;
        }
        if (TreatmentLayout.EndsQuarter(w))
            foreach (var c in area.Treatment.Where(c => c.Weeks >= TreatmentLayout.FirstCohort && c.Weeks < TreatmentLayout.Tail))
            {
                c.Weeks++;
                c.Cjs = false;
            }
        area.Treatment.RemoveAll(c => c.Count == 0);

        // Waiting lists.
        double mortality = P(ParameterId.MortalityUntreatedPerYear) / 52;
        foreach (var c in area.Waiting)
        {
            double leave = Hazards.Hazard(P(c.Modality, ModalityParameterId.WaitDropoutPerWeek)) * (c.Cjs ? P(ParameterId.CjsWaitDropoutMultiplier) : 1);
            Hazards.Competing(mortality, leave, 0, out double pDie, out double pLeave, out _);
            long died = Binomial(c.Count, pDie), left = Binomial(c.Count - died, pLeave / (1 - pDie));
            c.Count -= died + left;
            deaths += died; toUntreated += left;
        }

        // Community, arrest, prison, recovery, incidence.
        var untreated = area.Stocks["untreated"];
        Hazards.Competing(mortality, P(ParameterId.CessationPerYear) / 52, P(ParameterId.ArrestPerYear) / 52, out double pd, out double pc, out double pa);
        long n = untreated.Count;
        long dead = Binomial(n, pd), ceased = Binomial(n - dead, pc / (1 - pd)), arrested = Binomial(n - dead - ceased, pa / (1 - pd - pc));
        long other = Binomial(n - dead - ceased - arrested, 1 - Math.Exp(-P(ParameterId.OtherReferralPerYear) / 52));
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
        long dtto = (long)Math.Min(candidates, Math.Max(0, Math.Floor(_setup.Policy.DttoCap(y) * _setup.Share(a) - area.DttoUsed)));
        area.DttoUsed += dtto;
        toUntreated += toCourt - custody - dtto;
        long cjs = referred + byWorker + dtto;
        Poisson(tested * (1 - P(ParameterId.PduShareOfTested)) / P(ParameterId.PduShareOfTested));
        var prison = area.Stocks["prison"];
        Hazards.Competing(P(ParameterId.MortalityTreatedPerYear) / 52, 1 / P(ParameterId.PrisonStayWeeks), 0, out double ppd, out double ppr, out _);
        long prisonDead = Binomial(prison.Count, ppd), released = Binomial(prison.Count - prisonDead, ppr / (1 - ppd));
        long after = Binomial(released, Math.Min(1, P(ParameterId.ThroughcareReferral) + (_setup.Policy.Aftercare(w, a) ? P(ParameterId.AftercareReferral) : 0)));
        prison.Count += custody + remanded - prisonDead - released;
        deaths += prisonDead; toUntreated += released - after; cjs += after;
        var recovered = area.Stocks["recovered"];
        Hazards.Competing(P(ParameterId.MortalityRecoveredPerYear) / 52, P(ParameterId.RecoveredCessationPerYear) / 52, P(ParameterId.RelapsePerYear) / 52, out double rd, out double rc, out double rr);
        long rDead = Binomial(recovered.Count, rd), rCeased = Binomial(recovered.Count - rDead, rc / (1 - rd)), relapsed = Binomial(recovered.Count - rDead - rCeased, rr / (1 - rd - rc));
        recovered.Count += toRecovered - rDead - rCeased - relapsed;
        deaths += rDead; toUntreated += relapsed;
        area.Stocks["ceased"].Count += rCeased;
        untreated.Count += toUntreated + Poisson(P(ParameterId.IncidencePerYear) * _setup.Share(a) / 52);
        area.Stocks["dead"].Count += deaths;

        // Referrals choose a modality (multinomial) and join the lists.
        foreach (var (count, isCjs, share) in new[] { (cjs, true, ModalityParameterId.CjsReferralShare), (other, false, ModalityParameterId.ReferralShare) })
        {
            double[] p = Modalities.All.Select(m => P(m, share)).ToArray();
            var split = Multinomial.Sample(_random, p.Select(x => x / p.Sum()).ToArray(), (int)count);
            foreach (var m in Modalities.All)
            {
                long joining = split[(int)m] + (!isCjs && m == Modality.ResidentialRehab ? transfers : 0);
                if (joining > 0) area.Waiting.Add(new Cohort(m, isCjs, 0, joining));
            }
        }

        // Admission, longest wait first, then the lists age a week.
        foreach (var m in Modalities.All)
        {
            long free = (long)Math.Max(0, Math.Floor(_reference.FundedPlaces(y, a, (int)m) - area.Treatment.Where(c => c.Modality == m).Sum(c => c.Count)));
            foreach (var c in area.Waiting.Where(c => c.Modality == m).OrderByDescending(c => c.Weeks).ToList())
            {
                long take = Math.Min(free, c.Count);
                if (take <= 0) break;
                c.Count -= take;
                free -= take;
                area.Treatment.Add(new Cohort(m, c.Cjs, 0, take));
            }
        }
        area.Waiting.RemoveAll(c => c.Count == 0);
        foreach (var c in area.Waiting) c.Weeks = Math.Min(c.Weeks + 1, _reference.Lists.Bins - 1);

        // Cohorts in the same state are one cohort, as they are one bin in the engine: same states, same draws.
        area.Treatment.Replace(area.Treatment.GroupBy(c => (c.Modality, c.Cjs, c.Weeks)).Select(g => new Cohort(g.Key.Modality, g.Key.Cjs, g.Key.Weeks, g.Sum(c => c.Count))).ToList());
        area.Waiting.Replace(area.Waiting.GroupBy(c => (c.Modality, c.Cjs, c.Weeks)).Select(g => new Cohort(g.Key.Modality, g.Key.Cjs, g.Key.Weeks, g.Sum(c => c.Count))).ToList());
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
