using TreatmentFlowModel.Model;
using static TreatmentFlowModel.Engine.Hazards;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// The weekly transition probabilities of each area's stocks, kept per area with the rates they came from and
/// recomputed only when those rates change. Rates move only where a scenario's parameter changes say so, so most
/// weeks reuse last week's probabilities and skip the exp, log and divisions; the values are exactly those a fresh
/// computation gives.
/// </summary>
internal sealed class WeeklyProbabilities(int areas)
{
    private const int M = Modalities.Count;

    /// <summary>Death, cessation, arrest and other referral of the untreated, as a chain of conditional probabilities.</summary>
    public readonly record struct UntreatedChain(double Die, double Cease, double Arrest, double Refer);

    // Per area, the rates each cached entry was computed from (a row of as many rates as the entry takes).
    private readonly double[] _untreatedKey = new double[areas * 4];
    private readonly UntreatedChain[] _untreated = new UntreatedChain[areas];
    private readonly double[] _prisonKey = new double[areas * 2];
    private readonly (double Die, double ReleaseIfAlive)[] _prison = new (double, double)[areas];
    private readonly double[] _recoveredKey = new double[areas * 3];
    private readonly (double Die, double Cease, double Relapse)[] _recovered = new (double, double, double)[areas];
    private readonly double[] _waitKey = new double[areas * 3];
    private readonly (double Die, double LeaveIfAlive)[] _wait = new (double, double)[new WaitingListLayout(areas).Lists]; // by waiting list
    private readonly double[] _waitDropoutHazard = new double[areas * M]; // by area and modality
    private readonly double[] _recentKey = new double[areas * 5];
    private readonly RecentLeaverRisks[] _recent = new RecentLeaverRisks[areas];

    /// <summary>Weekly probabilities of an excess death after release and after treatment, in weeks 1-2 and 3-4.</summary>
    public readonly record struct RecentLeaverRisks(double Release1To2, double Release3To4, double Treatment1To2, double Treatment3To4);

    /// <summary>
    /// Forgets every area's probabilities: a new replicate has new parameters, among them each modality's weekly
    /// waiting-list drop-out hazard, <paramref name="waitDropoutHazard"/>.
    /// </summary>
    public void Invalidate(ReadOnlySpan<double> waitDropoutHazard)
    {
        for (int a = 0; a < _waitDropoutHazard.Length / M; a++) waitDropoutHazard.CopyTo(_waitDropoutHazard.AsSpan(a * M, M));
        // NaN equals nothing, so the next request recomputes.
        _untreatedKey.AsSpan().Fill(double.NaN);
        _prisonKey.AsSpan().Fill(double.NaN);
        _recoveredKey.AsSpan().Fill(double.NaN);
        _waitKey.AsSpan().Fill(double.NaN);
        _recentKey.AsSpan().Fill(double.NaN);
    }

    /// <summary>
    /// Excess weekly death probabilities of recent leavers: hazard <paramref name="hBase"/> × (multiplier − 1), none below a
    /// multiplier of 1 (the base rate is drawn in the state they are in).
    /// </summary>
    public RecentLeaverRisks RecentLeavers(int a, double hBase, double release1To2, double release3To4, double treatment1To2, double treatment3To4)
    {
        var key = _recentKey.AsSpan(a * 5, 5);
        if (key[0] != hBase || key[1] != release1To2 || key[2] != release3To4 || key[3] != treatment1To2 || key[4] != treatment3To4)
        {
            key[0] = hBase; key[1] = release1To2; key[2] = release3To4; key[3] = treatment1To2; key[4] = treatment3To4;
            _recent[a] = new RecentLeaverRisks(Excess(release1To2), Excess(release3To4), Excess(treatment1To2), Excess(treatment3To4));
        }
        return _recent[a];

        double Excess(double multiplier) => -Math.ExpM1Safe(-hBase * Math.Max(0, multiplier - 1));
    }

    /// <summary>The untreated's competing weekly hazards as the chain the engine draws with.</summary>
    public UntreatedChain Untreated(int a, double hDeath, double hCease, double hArrest, double hRefer)
    {
        var key = _untreatedKey.AsSpan(a * 4, 4);
        if (key[0] != hDeath || key[1] != hCease || key[2] != hArrest || key[3] != hRefer)
        {
            key[0] = hDeath; key[1] = hCease; key[2] = hArrest; key[3] = hRefer;
            double total = hDeath + hCease + hArrest + hRefer;
            double any = total > 0 ? -Math.ExpM1Safe(-total) / total : 0;
            double rest = 1 - hDeath * any;
            double cease = Conditional(hCease * any, rest);
            rest -= hCease * any;
            double arrest = Conditional(hArrest * any, rest);
            rest -= hArrest * any;
            _untreated[a] = new UntreatedChain(hDeath * any, cease, arrest, Conditional(hRefer * any, rest));
        }
        return _untreated[a];
    }

    /// <summary>Death in prison, and release given survival, from their weekly hazards.</summary>
    public (double Die, double ReleaseIfAlive) Prison(int a, double hDeath, double hRelease)
    {
        var key = _prisonKey.AsSpan(a * 2, 2);
        if (key[0] != hDeath || key[1] != hRelease)
        {
            key[0] = hDeath; key[1] = hRelease;
            Competing(hDeath, hRelease, 0, out double die, out double release, out _);
            _prison[a] = (die, release / (1 - die));
        }
        return _prison[a];
    }

    /// <summary>Death, cessation and relapse of the recovered as a chain of conditional probabilities.</summary>
    public (double Die, double Cease, double Relapse) Recovered(int a, double hDeath, double hCease, double hRelapse)
    {
        var key = _recoveredKey.AsSpan(a * 3, 3);
        if (key[0] != hDeath || key[1] != hCease || key[2] != hRelapse)
        {
            key[0] = hDeath; key[1] = hCease; key[2] = hRelapse;
            Competing(hDeath, hCease, hRelapse, out double die, out double cease, out double relapse);
            double rest = 1 - die;
            double ceaseIfAlive = Conditional(cease, rest);
            rest -= cease;
            _recovered[a] = (die, ceaseIfAlive, Conditional(relapse, rest));
        }
        return _recovered[a];
    }

    /// <summary>
    /// Sets area <paramref name="a"/>'s weekly waiting-list drop-out hazard of modality <paramref name="m"/> (a dated change
    /// of it); the area's waiting-list probabilities are recomputed at the next request only if it moved.
    /// </summary>
    public void SetWaitDropoutHazard(int a, int m, double hazard)
    {
        if (_waitDropoutHazard[a * M + m] == hazard) return;
        _waitDropoutHazard[a * M + m] = hazard;
        _waitKey[a * 3] = double.NaN;
    }

    /// <summary>
    /// Death on a waiting list, and drop-out given survival, for modality <paramref name="m"/> and queue
    /// <paramref name="queue"/>: every drop-out hazard is multiplied by <paramref name="multiplier"/>, criminal-justice ones
    /// by <paramref name="cjsMultiplier"/> as well; people who are not problem drug users do not die here (the model follows
    /// their treatment, not their health).
    /// </summary>
    public (double Die, double LeaveIfAlive) WaitAttrition(int a, int m, ReferralQueue queue, double mortality, double multiplier, double cjsMultiplier)
    {
        var key = _waitKey.AsSpan(a * 3, 3);
        if (key[0] != mortality || key[1] != cjsMultiplier || key[2] != multiplier)
        {
            key[0] = mortality; key[1] = cjsMultiplier; key[2] = multiplier;
            for (int mm = 0; mm < M; mm++)
                for (var q = ReferralQueue.Other; q <= ReferralQueue.NonPdu; q++)
                {
                    double hazard = _waitDropoutHazard[a * M + mm] * multiplier * (q == ReferralQueue.Cjs ? cjsMultiplier : 1);
                    Competing(q == ReferralQueue.NonPdu ? 0 : mortality, hazard, 0, out double die, out double leave, out _);
                    _wait[WaitingListLayout.List(a, mm, q)] = (die, leave / (1 - die));
                }
        }
        return _wait[WaitingListLayout.List(a, m, queue)];
    }
}
