using CsCheck;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Reliability;

/// <summary>
/// Properties over randomly generated valid scenarios (CsCheck, fixed seed, so a failure reproduces): the
/// invariants of the model hold in every replicate-week whatever the areas, dates, rates, capacity and policies.
/// </summary>
public class PropertyTests
{
    private const int M = Modalities.Count;
    private static readonly string Seed = new PCG(7, 20030401).ToString();
    private static readonly Lazy<Scenario> Default = new(ScenarioLoader.LoadDefault);
    private static readonly string[] AreaPool = ["Lambeth", "Bristol", "Darlington", "Birmingham", "Manchester", "Cornwall & Isles of Scilly", "Camden", "Leeds"];

    /// <summary>Valid scenarios: 1-3 DATs, 1-2 years from 1998 to 2007, rates and capacity from a fifth to three times the defaults, random policies.</summary>
    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(Gen.Int[0, AreaPool.Length - 1].Array[1, 3], Gen.Int[1998, 2007], Gen.Int[1, 2], Gen.Double[0.2, 3.0].Array[5], Gen.Bool, Gen.Bool, Gen.ULong[0, 1_000_000])
        .Select(p =>
        {
            var (areas, startYear, years, factors, cjsFirst, aftercare, seed) = p;
            var d = Default.Value;
            var start = new DateOnly(startYear, 4, 1);
            var s = d with
            {
                Areas = [.. areas.Distinct().Select(i => AreaPool[i])],
                Start = start,
                End = start.AddYears(years).AddDays(-1),
                Replicates = 2,
                Seed = seed,
                Rollout = d.Rollout with { Tranches = [.. d.Rollout.Tranches.Select(t => t with { Start = start.AddDays(60) })] },
                Policy = d.Policy with { CjsPriority = cjsFirst, Aftercare = aftercare },
            };
            ParameterId[] scaled = [ParameterId.CapacityMultiplier, ParameterId.OtherReferralPerYear, ParameterId.ArrestPerYear, ParameterId.RelapsePerYear, ParameterId.IncidencePerYear];
            for (int i = 0; i < scaled.Length; i++)
                s = s.WithParameter(scaled[i], s.Parameters[(int)scaled[i]].WithMean(s.Parameters[(int)scaled[i]].Mean * factors[i]));
            return s;
        });

    private static double Alive(ReplicateSimulator<StochasticDraws> sim, int a)
    {
        double total = sim.Untreated[a] + sim.Prison[a] + sim.Recovered[a];
        foreach (double x in sim.WaitingIn(a)) total += x;
        foreach (double x in sim.TreatmentIn(a)) total += x;
        return total;
    }

    [Fact]
    public void EveryReplicateWeek_CountsAreNonNegative_PersonsAreConserved_PlacesAreNotOverfilled_AdmissionsByWaitAreTheWeeksStarts()
    {
        Scenarios.Sample(s =>
        {
            Assert.Empty(s.Validate());
            var setup = FrozenModel.From(s);
            var sim = new ReplicateSimulator<StochasticDraws>(setup);
            // Two replicates on one simulator: what one week or replicate leaves behind must not leak into the next.
            for (int replicate = 0; replicate < 2; replicate++)
            {
                sim.Run(replicate, week =>
                {
                    foreach (var stock in new[] { sim.Untreated, sim.Prison, sim.Recovered, sim.Dead, sim.Ceased, sim.Waiting, sim.Treatment, sim.Week, sim.AdmittedByWait })
                        foreach (double x in stock)
                            if (!(x >= 0)) throw new Exception($"week {week}: negative or NaN count {x}");
                    var view = sim.View(week);
                    int K = view.WaitBins;
                    for (int a = 0; a < setup.AreaCount; a++)
                    {
                        if (sim.Entered[a] + sim.NonPduEntered[a] != Alive(sim, a) + sim.Dead[a] + sim.Ceased[a] + sim.NonPduLeft[a]) throw new Exception($"week {week} area {a}: persons not conserved");
                        for (int m = 0; m < M; m++)
                        {
                            double starts = view.Series(a)[MetricCatalog.Series(Metric.TreatmentStarts, m)];
                            double inTreatment = view.Series(a)[MetricCatalog.Series(Metric.InTreatment, m)];
                            if (starts > 0 && inTreatment > sim.Places(a, m) + 1e-9)
                                throw new Exception($"week {week} area {a} modality {m}: {inTreatment} in treatment after admitting into {sim.Places(a, m)} places");
                            double byWait = 0; // whole people: the sum is exact
                            foreach (double x in view.AdmittedByWait(a).Slice(m * 2 * view.ByWaitWidth, K)) byWait += x;
                            if (byWait != starts) throw new Exception($"week {week} area {a} modality {m}: admissions by weeks waited sum to {byWait}, starts are {starts}");
                        }
                    }
                });
            }
        }, seed: Seed, iter: 25, threads: 1);
    }

    [Fact]
    public void RecordedWaits_AreNonNegativeOrEmpty_AndResultsDoNotDependOnTheThreadCount()
    {
        Scenarios.Sample(s =>
        {
            var one = Simulation.Run(s with { Replicates = 3 }, new RunOptions { Threads = 1 });
            var three = Simulation.Run(s with { Replicates = 3 }, new RunOptions { Threads = 3 });
            foreach (var metric in new[] { Metric.MeanWaitWeeks, Metric.P95WaitWeeks })
                foreach (var w in one.Weekly(AreaId.England, metric))
                    if (w.Count > 0 && !(w.P05 >= 0)) throw new Exception($"{metric}: {w}");
            foreach (var metric in Enum.GetValues<Metric>())
                if (!one.Annual(AreaId.England, metric).SequenceEqual(three.Annual(AreaId.England, metric)))
                    throw new Exception($"{metric} differs between 1 and 3 threads");
        }, seed: Seed, iter: 8, threads: 1);
    }

    [Fact]
    public void DeterministicMode_EqualsTheStochasticMeanInExpectation()
    {
        // With fixed parameters and ample places the model is linear in expectation; the ensemble mean must agree
        // with the deterministic run to within 5 standard errors (plus 0.5% for the floor of whole people).
        Scenarios.Select(s =>
        {
            for (int i = 0; i < s.Parameters.Length; i++) s = s.WithParameter((ParameterId)i, s.Parameters[i].Mean);
            for (int m = 0; m < M; m++)
                for (int i = 0; i < ParameterCatalog.PerModality.Count; i++)
                    s = s.WithParameter((Modality)m, (ModalityParameterId)i, Distribution.Fixed(s.ModalityParameters[m][i].Mean));
            // No DAT capacity effect: it is parameter uncertainty, drawn per replicate, not chance in the flows.
            s = s.WithParameter(ParameterId.CapacityMultiplier, 20.0).WithParameter(ParameterId.ProblemDrugUsers, 2_000_000).WithParameter(ParameterId.CapacityRandomEffectSd, 0);
            return s with { Replicates = 30 };
        }).Sample(s =>
        {
            var sto = Simulation.Run(s);
            var det = Simulation.Run(s, new RunOptions { Deterministic = true });
            foreach (var metric in new[] { Metric.Untreated, Metric.InTreatment, Metric.TreatmentStarts, Metric.Arrests, Metric.Deaths })
            {
                var a = sto.Annual(AreaId.England, metric);
                var b = det.Annual(AreaId.England, metric);
                for (int y = 0; y < a.Length; y++)
                {
                    double se = a[y].Sd / Math.Sqrt(a[y].Count);
                    if (Math.Abs(a[y].Mean - b[y].Mean) > 5 * se + 0.005 * b[y].Mean + 1)
                        throw new Exception($"{metric} year {y}: stochastic {a[y].Mean:0.0} ± {se:0.0} vs deterministic {b[y].Mean:0.0}");
                }
            }
        }, seed: Seed, iter: 4, threads: 1);
    }
}
