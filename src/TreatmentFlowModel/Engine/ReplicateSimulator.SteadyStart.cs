using TreatmentFlowModel.Model;
using TreatmentFlowModel.Setup;
using static TreatmentFlowModel.Engine.Hazards;

namespace TreatmentFlowModel.Engine;

/// <summary>The initial state: each area's steady state at the first simulated week's inputs (the burn-in's start).</summary>
internal sealed partial class ReplicateSimulator<TDraws>
{
    private const int MaxSteadyStateIterations = 80;

    /// <summary>One area-modality's steady state: weekly arrivals, admissions and people waiting, by queue.</summary>
    private struct QueueBalance
    {
        public double ArriveOther, ArriveCjs, ArriveNonPdu, Admitted; // Admitted: the share of arrivals admitted (1 when places are ample)
        public double WaitOther, WaitCjs, WaitNonPdu;
    }

    /// <summary>
    /// Sets area <paramref name="a"/>'s stocks to the steady state of the first simulated week's inputs, holding its
    /// problem drug users at <see cref="ParameterId.ProblemDrugUsers"/>: the places as funded, the caseload that steady
    /// admissions build up (spread over the treatment bins by the exit table's survival, <see cref="StayModel.SteadyState"/>),
    /// waiting lists where arrivals exceed what the places admit (arrivals beyond admissions renege, so a queue holds
    /// (arrivals − admissions) / its weekly leaving probability, the youngest waits fullest), prison and the recovered at
    /// their balance, and the perceived wait at the lists' Little's-law wait; the untreated are the rest. Arrivals depend on
    /// the untreated and the perceived wait, which depend on the lists, so the balance is found by damped iteration. Whole
    /// people in the stochastic mode (largest remainder within each row). The burn-in then carries this state to the first
    /// reported week with the inputs' growth.
    /// </summary>
    private void StartFromSteadyState(int a)
    {
        const int w = 0, y = 0;
        double pdus = _rate[(int)ParameterId.ProblemDrugUsers][a];
        // Untreated: weekly hazards (coming forward depends on the perceived wait, below).
        double hDie = Rate(ParameterId.MortalityUntreatedPerYear, w, a) / 52, hCease = Rate(ParameterId.CessationPerYear, w, a) / 52;
        double hArrest = Rate(ParameterId.ArrestPerYear, w, a) / 52, hRefer0 = Rate(ParameterId.OtherReferralPerYear, w, a) / 52;
        double beta = Rate(ParameterId.WaitDeterrencePerWeek, w, a);
        // Arrests: the share referred (testing where it runs, arrest referral elsewhere), in custody, given a DTTO.
        double coverage = _rollout.Coverage(w, a);
        double referredAfterTest = coverage * Share(ParameterId.TestPositiveShare, w, a) * Share(ParameterId.AssessmentUptake, w, a);
        double referredByWorker = (1 - coverage) * Share(ParameterId.ArrestReferralUptake, w, a);
        double toCourt = 1 - referredAfterTest - referredByWorker;
        double custody = toCourt * Share(ParameterId.CustodyPerArrest, w, a);
        double dttoCandidates = (toCourt - custody) * Share(ParameterId.DttoPerArrest, w, a), dttoCap = _dttoCap[y * _areas + a] / 52;
        Competing(Rate(ParameterId.MortalityPrisonPerYear, w, a) / 52, 1 / Rate(ParameterId.PrisonStayWeeks, w, a), 0, out double prisonDie, out double prisonRelease, out _);
        double throughcare = Math.Min(1, Rate(ParameterId.ThroughcareReferral, w, a) + _policy.AftercareCoverage(w, a) * Rate(ParameterId.AftercareReferral, w, a));
        Competing(Rate(ParameterId.MortalityRecoveredPerYear, w, a) / 52, Rate(ParameterId.RecoveredCessationPerYear, w, a) / 52,
            Rate(ParameterId.RelapsePerYear, w, a) / 52, out double recoveredDie, out double recoveredCease, out double recoveredRelapse);
        double recoveredLeave = recoveredDie + recoveredCease + recoveredRelapse;

        // Per modality and route: caseload, completions and transfers per admission a week (the exit table's steady state).
        Span<double> caseload = stackalloc double[M * 3], completed = stackalloc double[M * 3];
        Span<double> leaveList = stackalloc double[M * 3];
        Span<double> other = stackalloc double[TreatmentLayout.DefaultBins], cjs = stackalloc double[TreatmentLayout.DefaultBins];
        double dropoutMultiplier = Rate(ParameterId.WaitDropoutMultiplier, w, a), cjsDropoutMultiplier = Rate(ParameterId.CjsWaitDropoutMultiplier, w, a);
        for (int m = 0; m < M; m++)
        {
            int areaModality = AreaModality.Index(a, m);
            for (int route = 0; route < 3; route++)
            {
                (double o, double c) = route == (int)TreatmentRoute.Cjs ? (0.0, 1.0) : (1.0, 0.0);
                var main = route == (int)TreatmentRoute.NonPdu ? TreatmentRoute.NonPdu : TreatmentRoute.Other;
                ProfileOf(areaModality, main, o, c, other, cjs);
                caseload[m * 3 + route] = Sum(other) + Sum(cjs);
                completed[m * 3 + route] = WeeklyExits(areaModality, main, other, ExitTableLayout.Completion) + WeeklyExits(areaModality, TreatmentRoute.Cjs, cjs, ExitTableLayout.Completion);
                var (die, leaveIfAlive) = _weekly.WaitAttrition(a, m, (ReferralQueue)route, hDie, dropoutMultiplier, cjsDropoutMultiplier);
                leaveList[m * 3 + route] = die + (1 - die) * leaveIfAlive;
            }
        }

        // Damped iteration on the untreated, the perceived wait and the flows that feed back (transfers to rehab).
        Span<QueueBalance> balance = stackalloc QueueBalance[M];
        // The referral mixes in force in week 0 (a ParameterChanges entry dated on or before the first simulated day changes them).
        Span<double> otherMix = stackalloc double[M], cjsMix = stackalloc double[M], nonPduMix = stackalloc double[M];
        ReferralMix(_otherMixChanges, ModalityParameterId.ReferralShare, _areaReferralMix, w, a, otherMix);
        ReferralMix(_cjsMixChanges, ModalityParameterId.CjsReferralShare, _areaCjsMix, w, a, cjsMix);
        ReferralMix(_nonPduMixChanges, ModalityParameterId.NonPduReferralShare, _areaNonPduMix, w, a, nonPduMix);
        double untreated = pdus, perceived = 0, transfers = 0, prison = 0, recovered = 0, admissions = 0;
        for (int iteration = 0; iteration < MaxSteadyStateIterations; iteration++)
        {
            double hRefer = hRefer0 * Math.Exp(-beta * perceived), total = hDie + hCease + hArrest + hRefer;
            double any = total > 0 ? -Math.ExpM1Safe(-total) / total : 0;
            double arrests = untreated * hArrest * any, forward = untreated * hRefer * any;
            prison = arrests * custody / (prisonDie + prisonRelease);
            double cjsReferrals = arrests * (referredAfterTest + referredByWorker) + Math.Min(arrests * dttoCandidates, dttoCap) + prison * prisonRelease * throughcare;
            double pduWaiting = 0, pduTreated = 0, waiting = 0, pduCompletions = 0, nextTransfers = 0;
            admissions = 0;
            for (int m = 0; m < M; m++)
            {
                ref var q = ref balance[m];
                q.ArriveOther = forward * otherMix[m] + (m == (int)Modality.ResidentialRehab ? transfers : 0);
                q.ArriveCjs = cjsReferrals * cjsMix[m];
                q.ArriveNonPdu = Rate(ParameterId.NonPduReferralsPerYear, w, a) * _nonPduGrowth[y] * nonPduMix[m] + _model.FixedReferralsPerWeek[m];
                double needed = q.ArriveOther * caseload[m * 3] + q.ArriveCjs * caseload[m * 3 + 1] + q.ArriveNonPdu * caseload[m * 3 + 2];
                double places = _places[AreaModality.Index(a, m)];
                q.Admitted = needed <= places ? 1 : places / needed;
                q.WaitOther = SteadyQueue(q.ArriveOther, q.Admitted, leaveList[m * 3]);
                q.WaitCjs = SteadyQueue(q.ArriveCjs, q.Admitted, leaveList[m * 3 + 1]);
                q.WaitNonPdu = SteadyQueue(q.ArriveNonPdu, q.Admitted, leaveList[m * 3 + 2]);
                pduWaiting += q.WaitOther + q.WaitCjs;
                waiting += q.WaitOther + q.WaitCjs + q.WaitNonPdu;
                pduTreated += q.Admitted * (q.ArriveOther * caseload[m * 3] + q.ArriveCjs * caseload[m * 3 + 1]);
                admissions += q.Admitted * (q.ArriveOther + q.ArriveCjs + q.ArriveNonPdu);
                double done = q.Admitted * (q.ArriveOther * completed[m * 3] + q.ArriveCjs * completed[m * 3 + 1]);
                double transfer = m == (int)Modality.ResidentialRehab ? 0 : done * _modality[m][(int)ModalityParameterId.TransferToRehabShare];
                nextTransfers += transfer;
                pduCompletions += done - transfer;
            }
            recovered = recoveredLeave > 0 ? pduCompletions / recoveredLeave : 0;
            double implied = waiting <= 0 ? 0 : admissions > waiting / MaxPerceivedWaitWeeks ? waiting / admissions : MaxPerceivedWaitWeeks;
            double nextUntreated = Math.Max(0, pdus - prison - pduWaiting - pduTreated);
            untreated = 0.5 * (untreated + nextUntreated);
            perceived = 0.5 * (perceived + implied);
            transfers = nextTransfers;
        }

        // The stocks.
        double entered = 0, nonPdu = 0;
        for (int m = 0; m < M; m++)
        {
            ref var q = ref balance[m];
            int areaModality = AreaModality.Index(a, m);
            Treatment.AsSpan(_treatment.Start(areaModality), _treatment.PerAreaModality).Clear();
            ProfileOf(areaModality, TreatmentRoute.Other, q.Admitted * q.ArriveOther, q.Admitted * q.ArriveCjs, other, cjs);
            entered += Place(Treatment.AsSpan(_treatment.RowStart(TreatmentLayout.Row(areaModality, TreatmentRoute.Other)), _treatment.Bins), other);
            entered += Place(Treatment.AsSpan(_treatment.RowStart(TreatmentLayout.Row(areaModality, TreatmentRoute.Cjs)), _treatment.Bins), cjs);
            ProfileOf(areaModality, TreatmentRoute.NonPdu, q.Admitted * q.ArriveNonPdu, 0, other, cjs);
            nonPdu += Place(Treatment.AsSpan(_treatment.RowStart(TreatmentLayout.Row(areaModality, TreatmentRoute.NonPdu)), _treatment.Bins), other);
            entered += Queue(WaitingListLayout.List(areaModality, ReferralQueue.Other), q.ArriveOther, q.WaitOther, leaveList[m * 3]);
            entered += Queue(WaitingListLayout.List(areaModality, ReferralQueue.Cjs), q.ArriveCjs, q.WaitCjs, leaveList[m * 3 + 1]);
            nonPdu += Queue(WaitingListLayout.List(areaModality, ReferralQueue.NonPdu), q.ArriveNonPdu, q.WaitNonPdu, leaveList[m * 3 + 2]);
        }
        Prison[a] = Round(prison);
        Recovered[a] = Round(recovered);
        Untreated[a] = Math.Max(0, Round(pdus) - entered - Prison[a]);
        Entered[a] = Untreated[a] + entered + Prison[a] + Recovered[a];
        NonPduEntered[a] = nonPdu;
        NonPduLeft[a] = 0;
        Dead[a] = 0; Ceased[a] = 0;
        _perceivedWait[a] = perceived;
        _smoothedAdmissions[a] = admissions;
        _dttoUsed[a] = 0;
    }

    /// <summary>
    /// A steady queue: arrivals not admitted, over the weekly probability of leaving the list. A list nobody leaves unadmitted
    /// has no steady state when places fall short (it grows for ever): it starts empty.
    /// </summary>
    private static double SteadyQueue(double arrivals, double admitted, double leave) => leave > 1e-12 ? arrivals * (1 - admitted) / leave : 0;

    /// <summary>The steady caseload by bin of <paramref name="admitOther"/> and <paramref name="admitCjs"/> admissions a week into <paramref name="route"/>'s row and the criminal-justice row.</summary>
    private void ProfileOf(int areaModality, TreatmentRoute route, double admitOther, double admitCjs, Span<double> other, Span<double> cjs)
    {
        Span<double> stay = stackalloc double[TreatmentLayout.DefaultBins], stayCjs = stackalloc double[TreatmentLayout.DefaultBins];
        StayProbabilities(areaModality, route, stay);
        StayProbabilities(areaModality, TreatmentRoute.Cjs, stayCjs);
        StayModel.SteadyState(stay, stayCjs, admitOther, admitCjs, other, cjs);
    }

    /// <summary>Exits of one kind (<see cref="ExitTableLayout.Completion"/>) a week from a row holding <paramref name="counts"/>.</summary>
    private double WeeklyExits(int areaModality, TreatmentRoute route, ReadOnlySpan<double> counts, int kind)
    {
        double exits = 0;
        for (int d = 0; d < counts.Length; d++)
        {
            if (counts[d] <= 0) continue;
            int e = _exits.Row(areaModality, route, d);
            double death = _exit[e + ExitTableLayout.Death], complete = (1 - death) * _exit[e + ExitTableLayout.Completion];
            exits += counts[d] * (kind == ExitTableLayout.Completion ? complete : death);
        }
        return exits;
    }

    /// <summary>Puts <paramref name="counts"/> into a row (whole people in the stochastic mode, the row's total kept) and returns its total.</summary>
    private static double Place(Span<double> row, ReadOnlySpan<double> counts)
    {
        if (typeof(TDraws) == typeof(StochasticDraws)) LargestRemainder.Round(counts, row);
        else counts.CopyTo(row);
        return Sum(row);
    }

    /// <summary>
    /// Fills waiting list <paramref name="list"/> with <paramref name="waiting"/> people as a steady queue leaves it at a
    /// week's end: <paramref name="arrivals"/> a week of whom a share <paramref name="leave"/> leave each week, the longest
    /// waiters admitted, so bin k (weeks waited) holds arrivals × (1 − leave)^k from k = 1 until the total is reached.
    /// </summary>
    private double Queue(int list, double arrivals, double waiting, double leave)
    {
        Span<double> bins = Waiting.AsSpan(_lists.Start(list), _lists.Bins);
        bins.Clear();
        _waitTop[list] = -1;
        TailWeeks[list] = 0;
        if (!(waiting > 0) || !(arrivals > 0)) return 0;
        Span<double> counts = stackalloc double[_lists.Bins];
        counts.Clear();
        double left = waiting, n = arrivals;
        for (int k = 1; k < counts.Length && left > 0; k++)
        {
            n *= 1 - leave;
            counts[k] = k == counts.Length - 1 ? left : Math.Min(n, left);
            left -= counts[k];
        }
        double total = Place(bins, counts);
        TailWeeks[list] = bins[^1] * (bins.Length - 1); // those in the open tail have waited at least that long
        for (int k = bins.Length - 1; k >= 0; k--)
            if (bins[k] > 0) { _waitTop[list] = k; break; }
        return total;
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double x in values) sum += x;
        return sum;
    }
}
