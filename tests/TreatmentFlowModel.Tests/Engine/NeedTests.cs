using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Engine;

/// <summary>Need by area: problem drug users, new users, arrests and DTTOs shared by the need index, not by the 2002/03 budget.</summary>
public class NeedTests
{
    private const string NeLincs = "North East Lincolnshire";

    /// <summary>Problem drug users in each simulated area on the first simulated day (the deterministic mode's initial state).</summary>
    private static double[] StartingPdus(Scenario s)
    {
        var sim = new ReplicateSimulator<ExpectedDraws>(FrozenModel.From(s));
        sim.Initialise(0);
        // Everyone alive at the start but the recovered (who are not using problematically).
        return sim.Entered.Select((x, a) => x - sim.Recovered[a]).ToArray();
    }

    private static Scenario England(double pdus, double steps) =>
        (ScenarioLoader.LoadDefault() with { Posterior = null }).WithParameter(ParameterId.ProblemDrugUsers, pdus).WithParameter(ParameterId.NeedIndexSteps, steps);

    [Fact]
    public void NorthEastLincolnshire_HasAbout1400ProblemDrugUsers_NotTheSixHundredItsBudgetGives()
    {
        // Seed 000: "at least 2,600 dependent drug users ... about half are problem drug users"; evidence section 5b: 1,425 at 280,000 and N = 4.
        var s = England(280_000, 4);
        int a = FrozenModel.From(s).IndexOf(NeLincs);
        double pdus = StartingPdus(s)[a];
        Assert.InRange(pdus, 1_300, 1_450);
        Assert.Equal(1_425, pdus, 1.0);
        double byBudget = 280_000 * FrozenModel.From(s).Share(a);
        Assert.True(byBudget < 800, $"{byBudget}: the 2002/03 budget share would give about 780");
    }

    [Fact]
    public void NeedIndexSteps_MovesPeopleTowardsUnderfundedAreas_AndKeepsEnglandsTotal()
    {
        var three = StartingPdus(England(280_000, 3)); var five = StartingPdus(England(280_000, 5));
        int a = FrozenModel.From(England(280_000, 4)).IndexOf(NeLincs);
        // Evidence section 5b: 1,264 and 1,586 PDUs for N = 3 and 5.
        Assert.Equal(1_264, three[a], 1.0);
        Assert.Equal(1_586, five[a], 1.0);
        Assert.Equal(three.Sum(), five.Sum(), 1e-6 * three.Sum());
    }

    [Fact]
    public void AreaOverrideOfACount_IsThatAreasOwnCount_AndLeavesTheOthersAlone()
    {
        var s = England(280_000, 4);
        var overridden = s with { AreaOverrides = [new AreaOverride(NeLincs, [new(ParameterId.ProblemDrugUsers, Distribution.Fixed(2_000))])] };
        var before = StartingPdus(s); var after = StartingPdus(overridden);
        int a = FrozenModel.From(s).IndexOf(NeLincs);
        Assert.Equal(2_000, after[a], 1e-9);
        for (int i = 0; i < before.Length; i++) if (i != a) Assert.Equal(before[i], after[i], 1e-9);
        Assert.Equal(before.Sum() - before[a] + 2_000, after.Sum(), 1e-6);
    }

    [Fact]
    public void AreaTableColumn_SetsAnAreasOwnValues_AndTheScenarioOverrideWins()
    {
        string dir = Directory.CreateTempSubdirectory("tfm-need-").FullName;
        try
        {
            string csv = File.ReadAllText(TestPaths.At("scenarios", "data", "dat_treatment_allocations.csv"));
            var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            lines[0] = lines[0].TrimEnd('\r') + ",problem_drug_users,incidence_per_year";
            for (int i = 1; i < lines.Count; i++)
                lines[i] = lines[i].TrimEnd('\r') + (lines[i].StartsWith("Lambeth,", StringComparison.Ordinal) ? ",3000,250" : lines[i].StartsWith("Bristol,", StringComparison.Ordinal) ? ",4000," : ",,");
            File.WriteAllLines(Path.Combine(dir, "areas.csv"), lines);
            File.WriteAllText(Path.Combine(dir, "s.json"), """{ "Areas": ["Lambeth", "Bristol", "Darlington"], "Data": { "Areas": "areas.csv" }, "AreaOverrides": { "Bristol": { "ProblemDrugUsers": 4500 } } }""");
            var s = ScenarioLoader.Load([Path.Combine(dir, "s.json")], [], useEnvironment: false);
            var pdus = StartingPdus(s);
            Assert.Equal(3_000, pdus[0], 1e-9);
            Assert.Equal(4_500, pdus[1], 1e-9);
            var r = Simulation.Run(s, new RunOptions { Deterministic = true });
            Assert.Equal(250, r.Annual("Lambeth", Metric.Incidence)[0].Mean, 250 * 0.02); // 52 or 53 weeks of 250/52
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void DttoCaps_AreSharedByNeedInWholeOrders_SoEnglandsTotalIsExact()
    {
        var s = ScenarioLoader.LoadDefault() with { Start = new DateOnly(2003, 4, 1), End = new DateOnly(2004, 3, 31) };
        s = s.WithParameter(ParameterId.DttoPerArrest, 1.0);
        var r = Simulation.Run(s, new RunOptions { Deterministic = true });
        // The whole-order caps add up to England's 9,000; since issue 17 spreads each cap through the year in whole orders, a
        // small DAT's last week can hold more room than its expected candidates fill, so under one order in all goes unused.
        Assert.InRange(r.Annual(AreaId.England, Metric.DttoOrders)[0].Mean, 8_999, 9_000 + 1e-6);
        foreach (var area in new[] { "Lambeth", NeLincs, "Cornwall & Isles of Scilly" })
        {
            double orders = r.Annual(area, Metric.DttoOrders)[0].Mean;
            Assert.Equal(Math.Round(orders), orders, 1e-9);
        }
    }

    [Fact]
    public void TopThirtyBcus_CarryAboutAQuarterOfProblemDrugUsersArrests()
    {
        // Seed 004: the top 30 BCUs hold about 25% of acquisitive crime. Arrests from a deterministic 2003/04 by area, weighted
        // by the share of each area's arrests the rollout covers once the top 30 test (June 2003).
        var s = ScenarioLoader.LoadDefault() with { Start = new DateOnly(2003, 4, 1), End = new DateOnly(2004, 3, 31) };
        var model = FrozenModel.From(s);
        var r = Simulation.Run(s, new RunOptions { Deterministic = true });
        int lastWeek = model.SimulationCalendar.Weeks - 1;
        double covered = 0, total = 0;
        for (int a = 0; a < model.AreaCount; a++)
        {
            double arrests = r.Annual(model.AreaNames[a], Metric.Arrests)[0].Mean;
            covered += arrests * model.Rollout.Coverage(lastWeek, a);
            total += arrests;
        }
        Assert.InRange(covered / total, 0.20, 0.30);
    }
}
