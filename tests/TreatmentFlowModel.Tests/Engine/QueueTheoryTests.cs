using System.Collections.Immutable;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>
/// One area, one modality, places and Poisson arrivals set directly (<see cref="FixedInputs"/>), a constant weekly exit
/// probability h and no reneging: the engine must be the discrete-time queue it claims to be. Each week those in treatment
/// leave with probability h, Poisson(λ) arrivals join the list, the free places admit the longest-waiting, the list ages.
/// </summary>
public class QueueTheoryTests
{
    private const int M = Modalities.Count;
    private const Modality Queue = Modality.StructuredCounselling;
    private const int Q = (int)Queue;

    /// <summary>
    /// Darlington alone with no problem drug users, no other referrals, <paramref name="places"/> places in
    /// <see cref="Queue"/> (none elsewhere), λ = <paramref name="arrivals"/> a week and a weekly exit probability
    /// <paramref name="exit"/> at every time in treatment, every parameter fixed.
    /// </summary>
    private static Scenario OneQueue(int places, double arrivals, double exit, int replicates)
    {
        var s = TestScenarios.Small(replicates) with
        {
            Areas = ["Darlington"],
            Start = new DateOnly(1998, 4, 1),
            End = new DateOnly(2006, 3, 31),
            Fixed = new FixedInputs(
                Modalities.All.ToImmutableSortedDictionary(m => m, m => m == Queue ? places : 0.0),
                ImmutableSortedDictionary<Modality, double>.Empty.Add(Queue, arrivals)),
        };
        for (int i = 0; i < s.Parameters.Length; i++) s = s.WithParameter((ParameterId)i, s.Parameters[i].Mean);
        for (int m = 0; m < M; m++)
            for (int i = 0; i < ParameterCatalog.PerModality.Count; i++)
                s = s.WithParameter((Modality)m, (ModalityParameterId)i, Distribution.Fixed(s.ModalityParameters[m][i].Mean));
        s = s.WithParameter(ParameterId.ProblemDrugUsers, 0).WithParameter(ParameterId.IncidencePerYear, 0).WithParameter(ParameterId.NonPduReferralsPerYear, 0);
        // A constant weekly hazard H = -ln(1 - h) in every band: survival over a band of w weeks is e^(-Hw).
        double hazard = -Math.Log(1 - exit);
        var widths = new[] { 4, 9, 13, 26, 52 };
        for (int b = 0; b < widths.Length; b++)
            s = s.WithParameter(Queue, ModalityParameterId.Survival0To4Weeks + b, Distribution.Fixed(Math.Exp(-hazard * widths[b])));
        return s.WithParameter(Queue, ModalityParameterId.ExitPerWeekAfter104Weeks, Distribution.Fixed(exit))
            .WithParameter(Queue, ModalityParameterId.ExitHazardMultiplier, Distribution.Fixed(1))
            .WithParameter(Queue, ModalityParameterId.WaitDropoutPerWeek, Distribution.Fixed(0));
    }

    /// <summary>
    /// The exact stationary means of the chain (N in treatment, Q waiting, both counted after the week's admissions):
    /// N' ~ Binomial(N, 1 - h), A ~ Poisson(λ), admitted = min(Q + A, c - N'), by iterating the distribution to convergence.
    /// </summary>
    private static (double InTreatment, double Waiting) ExactStationaryMeans(int c, double lambda, double h, int maxQueue = 150)
    {
        const int maxArrivals = 25;
        var poisson = new double[maxArrivals + 1];
        poisson[0] = Math.Exp(-lambda);
        for (int k = 1; k <= maxArrivals; k++) poisson[k] = poisson[k - 1] * lambda / k;
        var stay = new double[c + 1, c + 1]; // stay[n, s]: P(s of n stay)
        for (int n = 0; n <= c; n++)
            for (int s = 0; s <= n; s++)
                stay[n, s] = Binomial(n, s) * Math.Pow(1 - h, s) * Math.Pow(h, n - s);
        var p = new double[c + 1, maxQueue + 1];
        p[0, 0] = 1;
        double lastQueue = -1;
        for (int week = 0; week < 5000; week++)
        {
            var next = new double[c + 1, maxQueue + 1];
            for (int n = 0; n <= c; n++)
                for (int q = 0; q <= maxQueue; q++)
                {
                    if (p[n, q] == 0) continue;
                    for (int s = 0; s <= n; s++)
                        for (int k = 0; k <= maxArrivals; k++)
                        {
                            int waiting = q + k, admitted = Math.Min(waiting, c - s);
                            next[s + admitted, Math.Min(waiting - admitted, maxQueue)] += p[n, q] * stay[n, s] * poisson[k];
                        }
                }
            p = next;
            double meanQueue = 0;
            for (int n = 0; n <= c; n++)
                for (int q = 0; q <= maxQueue; q++) meanQueue += q * p[n, q];
            if (Math.Abs(meanQueue - lastQueue) < 1e-12) break;
            lastQueue = meanQueue;
        }
        double inTreatment = 0, queue = 0;
        for (int n = 0; n <= c; n++)
            for (int q = 0; q <= maxQueue; q++) { inTreatment += n * p[n, q]; queue += q * p[n, q]; }
        Assert.True(p[0, maxQueue] + p[c, maxQueue] < 1e-12, "the truncated queue must hold no probability at its edge");
        return (inTreatment, queue);
    }

    private static double Binomial(int n, int k)
    {
        double x = 1;
        for (int i = 1; i <= k; i++) x = x * (n - k + i) / i;
        return x;
    }

    private static (double Mean, double Se) MeanAndSe(IReadOnlyList<double> perReplicate)
    {
        double mean = perReplicate.Average();
        double sd = Math.Sqrt(perReplicate.Sum(x => (x - mean) * (x - mean)) / (perReplicate.Count - 1));
        return (mean, sd / Math.Sqrt(perReplicate.Count));
    }

    [Fact]
    public void FixedInputs_SetPlacesAndArrivalsDirectly_WhateverTheMoney()
    {
        // Twice the money and a capacity effect change nothing about places set directly; arrivals are Poisson(λ) a week
        // (mean and variance λ), all of them presenting and none of them problem drug users.
        var s = OneQueue(places: 7, arrivals: 2.5, exit: 0.1, replicates: 1)
            .WithParameter(ParameterId.CapacityMultiplier, 2).WithParameter(ParameterId.CapacityRandomEffectSd, 0.3);
        var model = FrozenModel.From(s);
        var sim = new ReplicateSimulator<StochasticDraws>(model);
        var arrivals = new List<double>();
        for (int r = 0; r < 3; r++)
            sim.Run(r, week =>
            {
                for (int m = 0; m < M; m++) Assert.Equal(m == Q ? 7 : 0, sim.Places(0, m));
                var row = sim.View(week).Series(0);
                arrivals.Add(row[MetricCatalog.Series(Metric.ReferralsNonPdu, Q)]);
                Assert.Equal(row[MetricCatalog.Total(Metric.Presenting)], row[MetricCatalog.Series(Metric.ReferralsNonPdu, Q)]);
                Assert.Equal(0, row[MetricCatalog.Total(Metric.ProblemDrugUsers)]);
                Assert.True(row[MetricCatalog.Series(Metric.InTreatment, Q)] <= 7);
                Assert.Equal(sim.NonPduEntered[0], sim.NonPduLeft[0] + Sum(sim.WaitingIn(0)) + Sum(sim.TreatmentIn(0))); // conserved
            });
        double mean = arrivals.Average(), variance = arrivals.Sum(x => (x - mean) * (x - mean)) / (arrivals.Count - 1);
        double se = Math.Sqrt(2.5 / arrivals.Count);
        Assert.InRange(mean, 2.5 - 4 * se, 2.5 + 4 * se);
        Assert.InRange(variance / mean, 0.85, 1.15); // Poisson: dispersion 1 (sd of the ratio about sqrt(2 / 1,300) = 0.04)
        // And without FixedInputs the same scenario has money-bought places and no arrivals.
        var plain = FrozenModel.From(s with { Fixed = FixedInputs.None });
        Assert.True(plain.FixedPlaces.All(double.IsNaN));
        Assert.False(plain.HasFixedReferrals);
    }

    [Fact]
    public void StableQueue_MatchesTheExactDiscreteTimeChain_AndLittlesLaw()
    {
        // c = 2 places, λ = 0.8 a week, h = 0.5: utilisation λ / (c h) = 0.8, short stays so that 40 replicates pin the means.
        // Hand check: E[N] = λ / h = 1.6 (admissions = λ). An independent simulation of the chain (10^6 weeks) gave E[Q] = 2.17.
        const int c = 2;
        const double lambda = 0.8, h = 0.5;
        var (exactN, exactQ) = ExactStationaryMeans(c, lambda, h);
        Assert.Equal(lambda / h, exactN, 1e-6);
        var model = FrozenModel.From(OneQueue(c, lambda, h, replicates: 1));
        var sim = new ReplicateSimulator<StochasticDraws>(model);
        var inTreatment = new List<double>();
        var waiting = new List<double>();
        var wait = new List<double>();
        const int warmUp = 52;
        for (int r = 0; r < 40; r++)
        {
            double n = 0, q = 0, weeks = 0, admitted = 0, weeksWaited = 0;
            sim.Run(r, week =>
            {
                if (week < warmUp) return;
                var view = sim.View(week);
                var row = view.Series(0);
                n += row[MetricCatalog.Series(Metric.InTreatment, Q)];
                q += row[MetricCatalog.Series(Metric.Waiting, Q)];
                weeks++;
                var byWait = view.AdmittedByWait(0).Slice(Q * 2 * view.ByWaitWidth, view.ByWaitWidth);
                for (int k = 0; k < view.WaitBins - 1; k++) { admitted += byWait[k]; weeksWaited += k * byWait[k]; }
                admitted += byWait[view.WaitBins - 1];
                weeksWaited += byWait[view.WaitBins];
            });
            inTreatment.Add(n / weeks);
            waiting.Add(q / weeks);
            wait.Add(weeksWaited / admitted);
        }
        var (meanN, seN) = MeanAndSe(inTreatment);
        var (meanQ, seQ) = MeanAndSe(waiting);
        var (meanWait, seWait) = MeanAndSe(wait);
        Assert.InRange(meanN, exactN - 4 * seN, exactN + 4 * seN);
        Assert.InRange(meanQ, exactQ - 4 * seQ, exactQ + 4 * seQ);
        // Little's law: the mean completed weeks waited of those admitted = E[Q] / λ (Q counts each waiter once a week).
        Assert.InRange(meanWait, exactQ / lambda - 4 * seWait, exactQ / lambda + 4 * seWait);
        Assert.True(exactQ > 0.3, $"the check needs a real queue: E[Q] = {exactQ}");
    }

    [Fact]
    public void OverloadedQueue_GrowsByLambdaMinusCTimesHAWeek()
    {
        // c = 10 places, λ = 2 a week, h = 0.1: once full the places free c h = 1 a week, so the list grows by λ − c h = 1 a
        // week on average (the same every week in the deterministic mode), and the open tail's mean wait keeps growing.
        const int c = 10;
        const double lambda = 2, h = 0.1, growth = lambda - c * h;
        var s = OneQueue(c, lambda, h, replicates: 1);
        var model = FrozenModel.From(s);
        var det = new ReplicateSimulator<ExpectedDraws>(model);
        double last = double.NaN;
        det.Run(0, week =>
        {
            double q = det.View(week).Series(0)[MetricCatalog.Series(Metric.Waiting, Q)];
            Assert.Equal(c, det.View(week).Series(0)[MetricCatalog.Series(Metric.InTreatment, Q)], 1e-9);
            if (!double.IsNaN(last)) Assert.Equal(growth, q - last, 1e-9);
            last = q;
        });
        var sim = new ReplicateSimulator<StochasticDraws>(model);
        var slopes = new List<double>();
        double longest = 0;
        for (int r = 0; r < 30; r++)
        {
            double first = double.NaN, end = 0;
            int weeks = 0;
            sim.Run(r, week =>
            {
                double q = sim.View(week).Series(0)[MetricCatalog.Series(Metric.Waiting, Q)];
                if (double.IsNaN(first)) first = q; else weeks++;
                end = q;
                longest = sim.View(week).Series(0)[MetricCatalog.Series(Metric.LongestWaitWeeks, Q)];
            });
            slopes.Add((end - first) / weeks);
        }
        var (slope, se) = MeanAndSe(slopes);
        // Each week's change has variance λ + c h (1 − h) = 2.9: over 400 weeks a replicate's slope has sd about 0.085.
        Assert.InRange(se, 0.03 / Math.Sqrt(30), 0.3 / Math.Sqrt(30));
        Assert.InRange(slope, growth - 4 * se, growth + 4 * se);
        Assert.True(longest > 52, $"the longest wait runs past the 52-week bin: {longest}");
    }

    private static double Sum(ReadOnlySpan<double> xs)
    {
        double sum = 0;
        foreach (double x in xs) sum += x;
        return sum;
    }
}
